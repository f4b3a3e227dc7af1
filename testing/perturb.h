// Test-only perturbations of real article text, for dedup property tests and evaluations: the
// ways copies of a story differ in the wild (a repost inside another site's page, a cut-short
// version, reordered paragraphs, edited words, a content farm's synonyms, an article stitched
// together from passages of others). Every boilerplate, filler and replacement string here is our
// own writing. Deterministic for a given seed on every platform (no std distributions).
// Never linked into the library.

#ifndef STORYLINE_TESTING_PERTURB_H_
#define STORYLINE_TESTING_PERTURB_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"

namespace storyline::testing {

// SplitMix64: a tiny generator whose sequence is fixed by its seed.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }
  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(uint64_t(hi - lo) + 1)); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }

 private:
  uint64_t state_;
};

enum class Perturbation : uint8_t {
  kReformat = 0,     // line breaks, spacing, quotes and letter case changed: the same token stream
  kBoilerplate = 1,  // inside a site's header, byline, share line, teasers, comments and footer
  kTruncate = 2,     // the last 10–60 % of paragraphs (sentences in short texts) dropped
  kShuffle = 3,      // paragraphs (sentences in short texts) reordered
  kWordSwap = 4,     // one word in N replaced by another word
  kSubstitute = 5,   // content-farm phrase substitutions ("Russia" -> "the Russian Federation")
  kStitch = 6,       // passages of 2–4 articles joined with filler of our own (see Stitch)
};

// The kinds that make a copy of one article, in the order PlantCopies deals them out.
inline constexpr Perturbation kCopyPerturbations[] = {
    Perturbation::kReformat, Perturbation::kBoilerplate, Perturbation::kTruncate,
    Perturbation::kShuffle,  Perturbation::kWordSwap,    Perturbation::kSubstitute};

// "reformat", "boilerplate", "truncate", "shuffle", "word-swap", "substitute", "stitch".
std::string_view PerturbationName(Perturbation p);

// Hard-wraps each paragraph at 50–90 columns, turns straight quotes and apostrophes into
// typographic ones and upper-cases the first paragraph (ASCII letters only). NormalizeText and
// Tokenize give the same tokens as for `text`.
std::string Reformat(std::string_view text, Rng& rng);

// Wraps `text` in a page of one of our invented sites (`site` modulo their number): a masthead,
// a byline, a share line, then after the text teasers, a comment thread and a footer. Comments are
// added until the exact Jaccard of the page with `text` (shingles of `shingle_words` words) is at
// most `target_jaccard`. The text is copied verbatim, so its containment in the page is 1. The
// site's fixed lines are kept under 30 words each, so two pages of one site share no passage of
// 40 words through the template alone.
std::string WrapInBoilerplate(std::string_view text, int site, double target_jaccard,
                              int shingle_words, Rng& rng);

// The first paragraphs of `text` (sentences when it has fewer than 4 paragraphs) holding about
// (1 - drop_fraction) of them, at least one: a verbatim prefix of `text`.
std::string Truncate(std::string_view text, double drop_fraction);

// The paragraphs (sentences when fewer than 3) of `text` in a random order other than the
// original one (when there are at least two), joined by blank lines.
std::string ShuffleParagraphs(std::string_view text, Rng& rng);

// Replaces one word in `one_in` (starting at a random offset) by a different word from our own
// list. REQUIRES: one_in >= 1.
std::string SwapWords(std::string_view text, int one_in, Rng& rng);

// Applies a content farm's rewrites ("Russia" -> "the Russian Federation", "said" -> "stated",
// "police" -> "law enforcement officers", ...) to each whole-word occurrence with probability
// `rate`.
std::string SubstitutePhrases(std::string_view text, double rate, Rng& rng);

// A copy of `text` under `kind` with parameters drawn from `rng`: boilerplate to Jaccard 0.4–0.7,
// truncation of 10–60 %, word swaps of one in 8, 12, 20, 40 or 80, substitutions at rate 0.6–1.
// REQUIRES: kind != kStitch.
std::string PerturbCopy(Perturbation kind, std::string_view text, int shingle_words, Rng& rng);

// A passage of a source text planted in a stitched text.
struct PlantedPassage {
  uint32_t source = 0;                        // the caller's index of the source article
  uint32_t begin = 0, end = 0;                // bytes in the stitched text
  uint32_t source_begin = 0, source_end = 0;  // bytes in the source text
  uint32_t words = 0;                         // words of the passage (after normalisation)
};

struct StitchedText {
  std::string text;
  std::vector<PlantedPassage> passages;  // in text order
};

// A new text made of one passage of whole sentences from each of `texts` (at least `min_words`
// words, up to about 3 * min_words), in the given order, with 20–60 words of our own filler before,
// between and after them. `ids[i]` is recorded as the source of texts[i]'s passage. A text with no
// passage long enough is skipped. REQUIRES: ids.size() == texts.size().
StitchedText Stitch(std::span<const uint32_t> ids, std::span<const std::string_view> texts,
                    int min_words, Rng& rng);

struct PlantSpec {
  double copy_rate = 0.2;      // share of the articles that get one perturbed copy
  size_t stitches = 20;        // stitched texts (each from 2–4 articles not otherwise copied)
  int min_passage_words = 40;  // words of each stitched passage, at least
  int shingle_words = 5;       // the shingle width the boilerplate's Jaccard target is measured in
  uint64_t seed = 1;
};

struct PlantedCopy {
  uint32_t copy = 0;    // index in PlantedCorpus::articles
  uint32_t source = 0;  // index of the article it was made from
  Perturbation kind = Perturbation::kReformat;
};

struct PlantedStitch {
  uint32_t text = 0;                     // index in PlantedCorpus::articles
  std::vector<PlantedPassage> passages;  // sources are indices in PlantedCorpus::articles
};

struct PlantedCorpus {
  std::vector<Article> articles;  // the input articles unchanged, then the planted texts
  size_t num_originals = 0;       // how many of `articles` are the input
  std::vector<PlantedCopy> copies;
  std::vector<PlantedStitch> stitches;
};

// Appends to `originals` one copy of each of a seeded random `copy_rate` share of them (the kinds
// of kCopyPerturbations dealt out in turn), then `stitches` stitched texts whose sources are drawn
// from the articles that got no copy and share no run of 20 words with any other input article
// (so the planted source of a passage is its only source), each source used once. A copy is dated
// one to two days after its source, a stitched text a day after its latest source; undated
// sources give undated copies. Ids are the source's id plus "~<kind>".
PlantedCorpus PlantCopies(std::vector<Article> originals, const PlantSpec& spec);

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_PERTURB_H_
