// Dedup: exact copies, near-copies and contained copies (a wire story inside a page's
// boilerplate), each pointing at its original.
//
// Layers, all on word shingles of the normalised text (storyline/text.h):
//   exact      128-bit hash of the normalised token stream;
//   near       Jaccard similarity of shingle sets >= near_threshold; candidates from MinHash
//              (one-permutation hashing with densification) and LSH banding;
//   contained  the shorter text's shingles lie in the longer text's set at a rate
//              >= containment_threshold; candidates from an inverted index of sampled shingles.
// Every candidate pair is verified on the exact shingle sets before it is reported, so groups
// never chain through unverified pairs, and every copy points directly at its original.
//
// The original of a group is chosen by OriginalRule (documented on the enum).
//
// Thread-safety: Deduplicate is reentrant.

#ifndef STORYLINE_DEDUP_H_
#define STORYLINE_DEDUP_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "storyline/article.h"
#include "storyline/status.h"

namespace storyline {

enum class DuplicateKind : uint8_t {
  kNone = 0,       // an original (or a unique article)
  kExact = 1,      // identical normalised text
  kNear = 2,       // Jaccard >= near_threshold
  kContained = 3,  // its original is contained in it (or it in its original) >= threshold
};

// "exact", "near", "contained" or "none".
std::string_view DuplicateKindName(DuplicateKind kind);

struct DedupOptions {
  // Words per shingle. Shorter shingles match more paraphrase but also more unrelated text.
  int shingle_words = 5;
  // MinHash signature length (one-permutation bins). More bins: finer estimates, more memory.
  int num_hashes = 128;
  // Verified Jaccard at or above which two texts are near-duplicates.
  double near_threshold = 0.5;
  // Verified containment (shared shingles / shingles of the shorter text) at or above which the
  // shorter text counts as contained in the longer one.
  double containment_threshold = 0.8;
  // Texts with fewer words are never reported as contained (a one-line text is contained in
  // anything that quotes it).
  int min_containment_words = 40;
  // One shingle in this many is indexed for containment candidates. Lower: better recall for
  // short texts, more index memory and candidate pairs.
  int containment_sample_rate = 8;
  // Sampled shingles carried by more articles than this are treated as template text and do not
  // generate candidates.
  int max_posting = 1000;
  // LSH bands and rows per band; 0 derives them from near_threshold and num_hashes.
  int lsh_bands = 0;
  int lsh_rows = 0;
  // Seed of every hash function: results are deterministic for a given seed.
  uint64_t seed = 0x9e3779b97f4a7c15ull;
  // Worker threads for sketching; 0 uses every core.
  int threads = 0;
};

// What dedup says about one article.
struct DuplicateInfo {
  int64_t duplicate_of = -1;  // index of its original in the input, or -1
  DuplicateKind kind = DuplicateKind::kNone;
  double similarity = 0.0;    // Jaccard for exact/near; containment for contained; 0 if none
  double jaccard = 0.0;       // verified Jaccard with its original (0 if none)
  double containment = 0.0;   // verified containment of the shorter text in the longer one
};

struct DedupStats {
  uint64_t lsh_candidates = 0;          // distinct pairs proposed by MinHash LSH
  uint64_t containment_candidates = 0;  // distinct pairs proposed by the sampled-shingle index
  uint64_t verified_pairs = 0;          // pairs that passed exact verification
  uint64_t copies = 0;                  // articles that are copies of another
};

struct DedupResult {
  std::vector<DuplicateInfo> articles;  // one per input article, same order
  DedupStats stats;
};

// Returns the (bands, rows) used for `options`: the explicit ones if set, else the pair with
// bands * rows <= num_hashes that minimises the false-positive plus false-negative area of the
// LSH S-curve around near_threshold.
void LshParameters(const DedupOptions& options, int* bands, int* rows);

// Probability that LSH with `bands` x `rows` proposes a pair of Jaccard similarity `j`.
double LshMatchProbability(double j, int bands, int rows);

// Finds the copies among `articles` (their `text` fields; timestamps decide originals).
// Errors: InvalidArgument for options out of range.
Result<DedupResult> Deduplicate(std::span<const Article> articles, const DedupOptions& options);

}  // namespace storyline

#endif  // STORYLINE_DEDUP_H_
