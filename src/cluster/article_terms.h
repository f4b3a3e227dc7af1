// The terms of an article as story clustering weighs them (internal): four fields, each its own
// TF-IDF sub-vector.

#ifndef STORYLINE_CLUSTER_ARTICLE_TERMS_H_
#define STORYLINE_CLUSTER_ARTICLE_TERMS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storyline/cluster.h"
#include "storyline/text.h"
#include "text/term_vector.h"

namespace storyline::cluster {

using text::TermVector;
using text::TermWeight;

// Story clustering describes an article by four fields, each its own TF-IDF sub-vector: all
// content words (title and lead counting more), entities (capitalised names and their phrases),
// the title's words, and numbers. A term's field is in its top two bits.
enum Field : uint8_t { kAllField = 0, kEntityField = 1, kTitleField = 2, kNumberField = 3 };
inline constexpr int kNumFields = 4;
inline Field FieldOf(uint64_t term) { return static_cast<Field>(term >> 62); }
inline uint64_t InField(uint64_t hash, Field f) {
  return (hash & ~(uint64_t{3} << 62)) | (static_cast<uint64_t>(f) << 62);
}

// Display forms of terms (the first surface form seen), for explanations.
using SurfaceMap = std::unordered_map<uint64_t, std::string>;

// Turns articles into field-tagged term counts. Not thread-safe: one per thread.
class ArticleTermExtractor {
 public:
  // Adds the field-tagged term counts of an article (title and body) to `*counts`; with
  // `surface`, records display forms too. Body: every content word in the all-words field (the
  // first options.lead_words counting options.lead_weight); names — capitalised words that do not
  // open a sentence and are no stop names, titles or common name words (text/names.h) — and runs of
  // them in the entity field; numbers in theirs. Title: its words in the all-words field (counting
  // options.title_weight) and the title field, and in the entity field when the body names them.
  // The words of `source` (the outlet's name, which its credit lines repeat in every story) are
  // never entities.
  void Add(std::string_view title, std::string_view text, std::string_view source,
           const ClusterOptions& options, text::TermCounts* counts, SurfaceMap* surface);

 private:
  void AddBody(std::string_view text, const ClusterOptions& options);
  void AddTitle(std::string_view title, const ClusterOptions& options);
  void AddTerm(uint64_t term, Field f, float weight, std::string_view display);
  void AddNumber(std::string_view raw);
  void ClosePhrase();

  text::TermExtractor terms_;
  std::vector<Token> tokens_;
  std::vector<uint64_t> outlet_;         // terms of the outlet's name
  std::vector<uint64_t> body_entities_;  // field-tagged entity terms of the body, sorted
  std::string phrase_, phrase_display_;  // the name phrase being built
  size_t phrase_words_ = 0;
  uint32_t phrase_end_ = 0;
  text::TermCounts* counts_ = nullptr;
  SurfaceMap* surface_ = nullptr;
};

// The same per field of field-tagged counts: each field's sub-vector has unit length (or is
// empty), at most `max_terms` terms per field; sorted by term.
TermVector WeightAndNormalizeFields(const TermVector& counts, const text::DocumentFrequencies& df,
                                    int max_terms);

}  // namespace storyline::cluster

#endif  // STORYLINE_CLUSTER_ARTICLE_TERMS_H_
