#include "testing/oracle.h"

#include <vector>

#include "storyline/text.h"

namespace storyline::testing {

std::set<std::string> ShingleSet(std::string_view text, int w) {
  std::string norm = NormalizeText(text);
  std::vector<Token> tokens;
  Tokenize(norm, &tokens);
  std::vector<std::string> words;
  for (const Token& t : tokens) words.emplace_back(norm.substr(t.begin, t.end - t.begin));
  std::set<std::string> out;
  if (words.empty()) return out;
  size_t width = std::min(words.size(), static_cast<size_t>(w));
  for (size_t i = 0; i + width <= words.size(); ++i) {
    std::string s = words[i];
    for (size_t j = 1; j < width; ++j) s += " " + words[i + j];
    out.insert(std::move(s));
  }
  return out;
}

double ExactJaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  size_t inter = 0;
  for (const auto& s : a) inter += b.count(s);
  size_t uni = a.size() + b.size() - inter;
  return uni == 0 ? 0.0 : static_cast<double>(inter) / uni;
}

double ExactContainment(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty()) return 0.0;
  size_t inter = 0;
  for (const auto& s : a) inter += b.count(s);
  return static_cast<double>(inter) / a.size();
}

}  // namespace storyline::testing
