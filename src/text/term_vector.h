// Sparse TF-IDF term vectors over stemmed content words (internal; read by cluster and summarize).

#ifndef STORYLINE_TEXT_TERM_VECTOR_H_
#define STORYLINE_TEXT_TERM_VECTOR_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/bytes.h"
#include "common/flat_map.h"
#include "storyline/text.h"
#include "text/stem_cache.h"

namespace storyline::text {

// A term is the 64-bit hash of a stemmed, case-folded content word.
struct TermWeight {
  uint64_t term;
  float weight;
};
using TermVector = std::vector<TermWeight>;  // sorted by term, unique

// Term counts of one text without a node per term: the occurrences are appended, then sorted and
// summed once (a text's few hundred terms sort faster than a hash table fills and drains).
class TermCounts {
 public:
  void Add(uint64_t term, float weight) { occurrences_.push_back({term, weight}); }
  // Moves the counts to `*out` (replaced), sorted by term, one entry per term, and empties the
  // counts.
  void Drain(TermVector* out);

 private:
  std::vector<TermWeight> occurrences_;
};

// Turns text into terms. Not thread-safe (owns a stemmer): one per thread.
class TermExtractor {
 public:
  // The term of a case-folded word, or 0 when it is none: stop words, single characters and
  // pure numbers are no terms; a possessive ("kerry's") or an abbreviation's final dot ("u.s.")
  // does not make a new term.
  uint64_t TermOf(std::string_view folded);

  // Case-folds the raw token `raw` (ASCII inline, other text through NormalizeText) into a
  // buffer owned by the extractor and returns it; valid until the next call.
  std::string_view Fold(std::string_view raw);

  // Adds (term, count) for `text`, each occurrence counting `weight`, into `*counts`.
  void AddText(std::string_view text, float weight, std::unordered_map<uint64_t, float>* counts);
  // AddText for text already passed through NormalizeText.
  void AddNormalizedText(std::string_view normalized, float weight,
                         std::unordered_map<uint64_t, float>* counts);

 private:
  // Folded word -> term (0: none). 1 MB: a corpus has many distinct words.
  WordCache<uint64_t> terms_{size_t{1} << 16};
  Stemmer stemmer_;
  std::string normalized_;
  std::string folded_;
  std::vector<Token> tokens_;
};

// Document frequencies of terms over a collection.
class DocumentFrequencies {
 public:
  void Add(const std::unordered_map<uint64_t, float>& counts);
  void Add(const TermVector& counts);  // term counts, each term once
  // Smoothed inverse document frequency: log((N + 1) / (df + 1)) + 1.
  float Idf(uint64_t term) const;
  uint64_t num_docs() const { return num_docs_; }
  size_t MemoryBytes() const { return df_.MemoryBytes(); }

  // The frequencies as bytes / read back (false, leaving the object unspecified, on bad bytes).
  void Save(ByteWriter* out) const;
  bool Load(ByteReader* in);

 private:
  FlatMap<uint32_t> df_;
  uint64_t num_docs_ = 0;
};

// The sublinear TF-IDF weight of a term counted `count` times: (1 + log tf) * idf, continuous
// below one occurrence so fractional counts scale.
inline float TfIdf(float count, float idf) {
  const double tf = count >= 1 ? 1.0 + std::log(count) : count;
  return static_cast<float>(tf * idf);
}

// Keeps the `max_terms` heaviest terms of (*v)[first..] (0 keeps all; ties by term), scales them
// to unit length (an all-zero part stays zero) and sorts them by term; (*v)[..first] is kept.
void TruncateAndNormalize(TermVector* v, int max_terms, size_t first = 0);

// Builds a unit-length TF-IDF vector from raw counts: TfIdf per term, the `max_terms` heaviest
// terms kept (0 keeps all).
TermVector WeightAndNormalize(const std::unordered_map<uint64_t, float>& counts,
                              const DocumentFrequencies& df, int max_terms);

// Dot product of two sorted vectors.
double Dot(const TermVector& a, const TermVector& b);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_TERM_VECTOR_H_
