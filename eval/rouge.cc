#include "rouge.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace storyline::eval {
namespace {

// The stemmer's patterns, as the Perl one builds them: c a consonant, v a vowel (y counts as a
// vowel after a consonant; a leading y was made 'Y' and so is a consonant), C and V runs.
const std::string kc = "[^aeiou]";
const std::string kv = "[aeiouy]";
const std::string kC = kc + "[^aeiouy]*";
const std::string kV = kv + "[aeiou]*";

struct Patterns {
  std::regex mgr0{"^(" + kC + ")?" + kV + kC};                     // m > 0
  std::regex meq1{"^(" + kC + ")?" + kV + kC + "(" + kV + ")?$"};  // m = 1
  std::regex mgr1{"^(" + kC + ")?" + kV + kC + kV + kC};           // m > 1
  std::regex has_v{"^(" + kC + ")?" + kv};                         // contains a vowel
  std::regex cvc{"^" + kC + kv + "[^aeiouwxy]$"};                  // *o for a short stem
  std::regex double_end{"([^aeiouylsz])\\1$"};
};

const Patterns& P() {
  static const Patterns p;
  return p;
}

bool Search(const std::string& s, const std::regex& r) { return std::regex_search(s, r); }

bool EndsWith(const std::string& w, std::string_view suffix) {
  return w.size() > suffix.size() &&
         w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The longest of `suffixes` that ends `w` with at least one byte before it (Perl's lazy
// `^(.+?)(a|b|...)$` matches at the earliest start, which is the longest suffix), or -1.
int LongestSuffix(const std::string& w, const std::vector<std::string_view>& suffixes) {
  int best = -1;
  size_t best_len = 0;
  for (size_t k = 0; k < suffixes.size(); ++k) {
    if (EndsWith(w, suffixes[k]) && suffixes[k].size() > best_len) {
      best = static_cast<int>(k);
      best_len = suffixes[k].size();
    }
  }
  return best;
}

std::string Stem(std::string w) {
  const Patterns& p = P();
  if (w.size() < 3) return w;
  const bool leading_y = w[0] == 'y';
  if (leading_y) w[0] = 'Y';

  // Step 1a.
  if (EndsWith(w, "sses") || EndsWith(w, "ies")) {
    w.resize(w.size() - 2);
  } else if (w.size() >= 3 && w.back() == 's' && w[w.size() - 2] != 's') {
    w.pop_back();
  }
  // Step 1b.
  if (EndsWith(w, "eed")) {
    const std::string stem = w.substr(0, w.size() - 3);
    if (Search(stem, p.mgr0)) w.pop_back();
  } else {
    std::string stem;
    if (EndsWith(w, "ed")) {
      stem = w.substr(0, w.size() - 2);
    } else if (EndsWith(w, "ing")) {
      stem = w.substr(0, w.size() - 3);
    }
    if (!stem.empty() && Search(stem, p.has_v)) {
      w = stem;
      if (EndsWith(w + " ", "at ") || EndsWith(w + " ", "bl ") || EndsWith(w + " ", "iz ")) {
        w += 'e';
      } else if (Search(w, p.double_end)) {
        w.pop_back();
      } else if (std::regex_match(w, p.cvc)) {
        w += 'e';
      }
    }
  }
  // Step 1c.
  if (w.size() >= 2 && w.back() == 'y') {
    const std::string stem = w.substr(0, w.size() - 1);
    if (Search(stem, p.has_v)) w = stem + "i";
  }
  // Step 2.
  static const std::vector<std::string_view> s2 = {
      "ational", "tional",  "enci",    "anci",    "izer",  "bli",    "alli",
      "entli",   "eli",     "ousli",   "ization", "ation", "ator",   "alism",
      "iveness", "fulness", "ousness", "aliti",   "iviti", "biliti", "logi"};
  static const std::vector<std::string_view> r2 = {
      "ate", "tion", "ence", "ance", "ize", "ble", "al", "ent", "e",   "ous", "ize",
      "ate", "ate",  "al",   "ive",  "ful", "ous", "al", "ive", "ble", "log"};
  if (int k = LongestSuffix(w, s2); k >= 0) {
    const std::string stem = w.substr(0, w.size() - s2[k].size());
    if (Search(stem, p.mgr0)) w = stem + std::string(r2[k]);
  }
  // Step 3.
  static const std::vector<std::string_view> s3 = {"icate", "ative", "alize", "iciti",
                                                   "ical",  "ful",   "ness"};
  static const std::vector<std::string_view> r3 = {"ic", "", "al", "ic", "ic", "", ""};
  if (int k = LongestSuffix(w, s3); k >= 0) {
    const std::string stem = w.substr(0, w.size() - s3[k].size());
    if (Search(stem, p.mgr0)) w = stem + std::string(r3[k]);
  }
  // Step 4, ROUGE's variant: the first list, then "ment", then "ent" or "(s|t)ion", each
  // removed when m > 1 (so removals chain: "departmental" -> "depart").
  static const std::vector<std::string_view> s4 = {"al",   "ance", "ence",  "er", "ic",  "able",
                                                   "ible", "ant",  "ement", "ou", "ism", "ate",
                                                   "iti",  "ous",  "ive",   "ize"};
  if (int k = LongestSuffix(w, s4); k >= 0) {
    const std::string stem = w.substr(0, w.size() - s4[k].size());
    if (Search(stem, p.mgr1)) w = stem;
  }
  if (EndsWith(w, "ment")) {
    const std::string stem = w.substr(0, w.size() - 4);
    if (Search(stem, p.mgr1)) w = stem;
  }
  if (EndsWith(w, "ent")) {
    const std::string stem = w.substr(0, w.size() - 3);
    if (Search(stem, p.mgr1)) w = stem;
  } else if (EndsWith(w, "sion") || EndsWith(w, "tion")) {
    const std::string stem = w.substr(0, w.size() - 3);
    if (Search(stem, p.mgr1)) w = stem;
  }
  // Step 5.
  if (w.size() >= 2 && w.back() == 'e') {
    const std::string stem = w.substr(0, w.size() - 1);
    if (Search(stem, p.mgr1) || (Search(stem, p.meq1) && !std::regex_match(stem, p.cvc))) {
      w = stem;
    }
  }
  if (EndsWith(w, "ll") && Search(w, p.mgr1)) w.pop_back();

  if (leading_y) w[0] = 'y';
  return w;
}

}  // namespace

std::string RougePorterStem(std::string_view word) {
  static thread_local std::unordered_map<std::string, std::string> cache;
  auto it = cache.find(std::string(word));
  if (it != cache.end()) return it->second;
  std::string s = Stem(std::string(word));
  cache.emplace(std::string(word), s);
  return s;
}

bool LoadWordNetExceptions(const std::string& dir, RougeExceptions* out) {
  bool any = false;
  for (const char* pos : {"adj", "adv", "noun", "verb"}) {
    std::ifstream f(dir + "/" + pos + ".exc");
    if (!f) continue;
    any = true;
    for (std::string line; std::getline(f, line);) {
      std::istringstream in(line);
      std::string word, base;
      if (in >> word >> base) (*out)[word] = base;
    }
  }
  return any;
}

std::vector<std::string> RougeTokens(const std::vector<std::string>& lines,
                                     const RougeOptions& options) {
  std::string text;
  int words = 0;
  bool full = false;
  for (const std::string& raw : lines) {
    if (full) break;
    if (raw.empty()) continue;
    std::string line = raw;
    for (char& c : line) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    if (options.word_limit > 0) {
      // Perl's split /\s+/ keeps a leading empty field: a line opening with whitespace counts
      // one word more.
      std::vector<std::string> fields;
      size_t i = 0;
      if (!line.empty() && std::isspace(static_cast<unsigned char>(line[0]))) fields.emplace_back();
      while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        size_t b = i;
        while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        if (i > b) fields.push_back(line.substr(b, i - b));
      }
      const int n = static_cast<int>(fields.size());
      if (words + n < options.word_limit) {
        words += n;
      } else {
        line.clear();
        for (int k = 0; k < options.word_limit - words; ++k) {
          if (k > 0) line += ' ';
          line += fields[static_cast<size_t>(k)];
        }
        full = true;
      }
    }
    if (!text.empty()) text += ' ';
    text += line;
  }
  std::vector<std::string> tokens;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    if (options.stem && cur.size() > 3) {
      const RougeExceptions::const_iterator e = options.exceptions != nullptr
                                                    ? options.exceptions->find(cur)
                                                    : RougeExceptions::const_iterator();
      const bool listed = options.exceptions != nullptr && e != options.exceptions->end();
      tokens.push_back(listed ? e->second : RougePorterStem(cur));
    } else {
      tokens.push_back(cur);
    }
    cur.clear();
  };
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      cur.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

namespace {

double Round5(double x) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%7.5f", x);
  return std::strtod(buf, nullptr);
}

std::map<std::string, int> NGrams(const std::vector<std::string>& tokens, int n) {
  std::map<std::string, int> out;
  for (size_t i = 0; i + static_cast<size_t>(n) <= tokens.size(); ++i) {
    std::string g = tokens[i];
    for (int k = 1; k < n; ++k) g += ' ' + tokens[i + static_cast<size_t>(k)];
    ++out[g];
  }
  return out;
}

}  // namespace

RougeScore RougeN(const std::vector<std::string>& peer,
                  const std::vector<std::vector<std::string>>& models, int n, double alpha) {
  const auto p = NGrams(peer, n);
  int peer_total = 0;
  for (const auto& [g, c] : p) peer_total += c;
  int64_t hits = 0, model_total = 0;
  for (const auto& m : models) {
    for (const auto& [g, c] : NGrams(m, n)) {
      model_total += c;
      auto it = p.find(g);
      if (it != p.end()) hits += std::min(c, it->second);
    }
  }
  RougeScore s;
  s.recall =
      model_total > 0 ? Round5(static_cast<double>(hits) / static_cast<double>(model_total)) : 0;
  const double pdenom = static_cast<double>(models.size()) * peer_total;
  s.precision = pdenom > 0 ? Round5(static_cast<double>(hits) / pdenom) : 0;
  const double fdenom = (1 - alpha) * s.precision + alpha * s.recall;
  s.f = fdenom > 0 ? Round5(s.precision * s.recall / fdenom) : 0;
  return s;
}

double RougeBootstrapMean(const std::vector<double>& per_topic, int samples) {
  const size_t n = per_topic.size();
  if (n == 0) return 0;
  double sum_of_means = 0;
  for (int i = 0; i < samples; ++i) {
    // Perl's srand(i); rand(n) is drand48: x' = a x + c mod 2^48, seeded (i << 16) + 0x330E.
    uint64_t x = (static_cast<uint64_t>(i) << 16) + 0x330E;
    double sum = 0;
    for (size_t k = 0; k < n; ++k) {
      x = (0x5DEECE66Dull * x + 0xB) & ((1ull << 48) - 1);
      const double r = static_cast<double>(x) / static_cast<double>(1ull << 48);
      sum += per_topic[static_cast<size_t>(r * static_cast<double>(n))];
    }
    sum_of_means += sum / static_cast<double>(n);
  }
  return sum_of_means / samples;
}

}  // namespace storyline::eval
