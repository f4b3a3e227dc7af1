#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "common/hash.h"
#include "storyline/summarize.h"
#include "storyline/text.h"
#include "text/stemmer.h"
#include "text/stopwords.h"

namespace storyline {
namespace {

// Stemmed content words (stop words out, numbers kept) and stemmed word bigrams, each sorted
// and unique.
struct SentenceBag {
  std::vector<uint64_t> words, bigrams;
};

SentenceBag BagOf(std::string_view sentence, text::Stemmer* stemmer) {
  SentenceBag b;
  const std::string norm = NormalizeText(sentence);
  std::vector<Token> tokens;
  Tokenize(norm, &tokens);
  uint64_t prev = 0;
  bool have_prev = false;
  for (const Token& t : tokens) {
    std::string_view w = std::string_view(norm).substr(t.begin, t.end - t.begin);
    if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.remove_suffix(2);
    const uint64_t h = Hash64(stemmer->Stem(w), 0x73696d31);
    if (!text::IsStopword(w)) b.words.push_back(h);
    if (have_prev) b.bigrams.push_back(Mix64(prev * 0x9E3779B97F4A7C15ull + h));
    prev = h;
    have_prev = true;
  }
  for (auto* v : {&b.words, &b.bigrams}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return b;
}

size_t Shared(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t n = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

double Cosine(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  return static_cast<double>(Shared(a, b)) /
         std::sqrt(static_cast<double>(a.size()) * static_cast<double>(b.size()));
}

}  // namespace

double SentenceSimilarity(std::string_view a, std::string_view b) {
  thread_local text::Stemmer stemmer;
  const SentenceBag x = BagOf(a, &stemmer), y = BagOf(b, &stemmer);
  // Content words carry the meaning; bigrams reward the same wording.
  return 0.7 * Cosine(x.words, y.words) + 0.3 * Cosine(x.bigrams, y.bigrams);
}

}  // namespace storyline
