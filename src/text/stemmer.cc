#include "text/stemmer.h"

#include <libstemmer.h>

#include <string_view>

namespace storyline::text {
namespace {

// Longer "words" are URLs, hashes or glued tokens; stemming them is wasted work.
constexpr size_t kMaxStemmedBytes = 64;

bool HasDigit(std::string_view word) {
  for (const char c : word) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

}  // namespace

// A null encoding selects UTF-8. Allocation failure leaves stemmer_ null, and Stem then returns
// words unchanged rather than failing.
Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", nullptr)) {}

Stemmer::~Stemmer() {
  if (stemmer_ != nullptr) sb_stemmer_delete(stemmer_);
}

std::string_view Stemmer::Stem(std::string_view folded_word) {
  if (stemmer_ == nullptr || folded_word.empty() || folded_word.size() > kMaxStemmedBytes ||
      HasDigit(folded_word)) {
    return folded_word;
  }
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(folded_word.data()),
                      static_cast<int>(folded_word.size()));
  if (stem == nullptr) return folded_word;
  buffer_.assign(reinterpret_cast<const char*>(stem),
                 static_cast<size_t>(sb_stemmer_length(stemmer_)));
  return buffer_;
}

}  // namespace storyline::text
