// Sparse TF-IDF term vectors over stemmed content words (internal; shared by cluster and
// summarize).

#ifndef STORYLINE_CLUSTER_TERM_VECTOR_H_
#define STORYLINE_CLUSTER_TERM_VECTOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/flat_map.h"
#include "storyline/text.h"
#include "text/stemmer.h"

namespace storyline::cluster {

// A term is the 64-bit hash of a stemmed, case-folded content word.
struct TermWeight {
  uint64_t term;
  float weight;
};
using TermVector = std::vector<TermWeight>;  // sorted by term, unique

// Story clustering describes an article by four fields, each its own TF-IDF sub-vector: all
// content words (title and lead counting more), entities (capitalised names and their phrases),
// the title's words, and numbers. A term's field is in its top two bits.
enum Field : uint8_t { kAllField = 0, kEntityField = 1, kTitleField = 2, kNumberField = 3 };
inline constexpr int kNumFields = 4;
inline Field FieldOf(uint64_t term) { return static_cast<Field>(term >> 62); }
inline uint64_t InField(uint64_t hash, Field f) {
  return (hash & ~(uint64_t{3} << 62)) | (static_cast<uint64_t>(f) << 62);
}

// How much each part of an article counts in the all-words field.
struct FieldWeights {
  float title = 2.0f;  // title words
  float lead = 1.5f;   // the first lead_words words of the body
  int lead_words = 50;
};

// Display forms of terms (the first surface form seen), for explanations.
using SurfaceMap = std::unordered_map<uint64_t, std::string>;

// Term counts of one text without a node per term: an open-addressing table reused from text to
// text.
class TermCounts {
 public:
  void Add(uint64_t term, float weight);
  // Moves the counts to `*out` (replaced), sorted by term, and empties the table.
  void Drain(TermVector* out);

 private:
  void Grow();
  std::vector<TermWeight> slots_;
  std::vector<uint8_t> full_;
  std::vector<uint32_t> used_;  // slots in use, in insertion order
};

// Turns text into term counts. Not thread-safe (owns a stemmer): one per thread.
class TermExtractor {
 public:
  // Appends the field-tagged term counts of an article (title and body) to `*counts`; with
  // `surface`, records display forms too. The words of `source` (the outlet's name, which its
  // credit lines repeat in every story) are never entities.
  void AddArticleFields(std::string_view title, std::string_view text, std::string_view source,
                        const FieldWeights& w, TermCounts* counts, SurfaceMap* surface);

  // Appends (term, count) for `text`, each occurrence counting `weight`, into `*counts`.
  // Stop words, single characters and pure numbers are skipped. Capitalised words that do not
  // open a sentence (names of people, places, organisations) count `proper_weight` times more:
  // they are what tells one event from a look-alike one.
  void AddText(std::string_view text, float weight, std::unordered_map<uint64_t, float>* counts,
               float proper_weight = 1.0f);

  // Like AddText but also records the display form (first surface form seen) of each term.
  // AddText for text already passed through NormalizeText (proper-noun weight 1).
  void AddNormalizedText(std::string_view normalized, float weight,
                         std::unordered_map<uint64_t, float>* counts);
  void AddTextWithSurface(std::string_view text, float weight,
                          std::unordered_map<uint64_t, float>* counts,
                          std::unordered_map<uint64_t, std::string>* surface);

 private:
  void AddWord(std::string_view folded, float weight, std::unordered_map<uint64_t, float>* counts,
               std::unordered_map<uint64_t, std::string>* surface);
  // The term of a folded word (0: not a term), through the cache.
  uint64_t TermOf(std::string_view folded);
  // Folds a raw token into folded_.
  void Fold(std::string_view raw);

  // Folded word -> term (0: not a term). Words follow Zipf's law, so most lookups hit and skip
  // the stop-word search and the stemmer. Direct-mapped (a colliding word replaces the one in
  // its slot): one probe, no allocation.
  static constexpr size_t kCacheSlots = size_t{1} << 16;
  struct CacheSlot {
    uint64_t key = 0;  // 64-bit hash of the folded word (odd), 0: empty
    uint64_t term = 0;
  };
  std::vector<CacheSlot> cache_;
  text::Stemmer stemmer_;
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

 private:
  FlatMap<uint32_t> df_;
  uint64_t num_docs_ = 0;
};

// Builds a unit-length TF-IDF vector from raw counts: (1 + log tf) * idf, the `max_terms`
// heaviest terms kept (0 keeps all).
TermVector WeightAndNormalize(const std::unordered_map<uint64_t, float>& counts,
                              const DocumentFrequencies& df, int max_terms);

// The same per field of field-tagged counts: each field's sub-vector has unit length (or is
// empty), at most `max_terms` terms per field; sorted by term.
TermVector WeightAndNormalizeFields(const TermVector& counts, const DocumentFrequencies& df,
                                    int max_terms);

// Dot product of two sorted vectors.
double Dot(const TermVector& a, const TermVector& b);

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_TERM_VECTOR_H_
