// Sparse TF-IDF term vectors over stemmed content words (internal; shared by cluster and
// summarize).

#ifndef STORYLINE_CLUSTER_TERM_VECTOR_H_
#define STORYLINE_CLUSTER_TERM_VECTOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storyline/text.h"
#include "text/stemmer.h"

namespace storyline::cluster {

// A term is the 64-bit hash of a stemmed, case-folded content word.
struct TermWeight {
  uint64_t term;
  float weight;
};
using TermVector = std::vector<TermWeight>;  // sorted by term, unique

// Turns text into term counts. Not thread-safe (owns a stemmer): one per thread.
class TermExtractor {
 public:
  // Appends (term, count) for `text`, each occurrence counting `weight`, into `*counts`.
  // Stop words, single characters and pure numbers are skipped. Capitalised words that do not
  // open a sentence (names of people, places, organisations) count `proper_weight` times more:
  // they are what tells one event from a look-alike one.
  void AddText(std::string_view text, float weight, std::unordered_map<uint64_t, float>* counts,
               float proper_weight = 1.0f);

  // Like AddText but also records the display form (first surface form seen) of each term.
  void AddTextWithSurface(std::string_view text, float weight,
                          std::unordered_map<uint64_t, float>* counts,
                          std::unordered_map<uint64_t, std::string>* surface);

 private:
  void AddWord(std::string_view folded, float weight, std::unordered_map<uint64_t, float>* counts,
               std::unordered_map<uint64_t, std::string>* surface);

  // Folded word -> term (0: not a term). Words follow Zipf's law, so most lookups hit and skip
  // the stop-word search and the stemmer; cleared when it grows past kMaxCache entries.
  static constexpr size_t kMaxCache = 1 << 20;
  std::unordered_map<uint64_t, uint64_t> cache_;
  text::Stemmer stemmer_;
  std::string normalized_;
  std::string folded_;
  std::vector<Token> tokens_;
};

// Document frequencies of terms over a collection.
class DocumentFrequencies {
 public:
  void Add(const std::unordered_map<uint64_t, float>& counts);
  // Smoothed inverse document frequency: log((N + 1) / (df + 1)) + 1.
  float Idf(uint64_t term) const;
  uint64_t num_docs() const { return num_docs_; }

 private:
  std::unordered_map<uint64_t, uint32_t> df_;
  uint64_t num_docs_ = 0;
};

// Builds a unit-length TF-IDF vector from raw counts: (1 + log tf) * idf, the `max_terms`
// heaviest terms kept (0 keeps all).
TermVector WeightAndNormalize(const std::unordered_map<uint64_t, float>& counts,
                              const DocumentFrequencies& df, int max_terms);

// Dot product of two sorted vectors.
double Dot(const TermVector& a, const TermVector& b);

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_TERM_VECTOR_H_
