// Per-article dedup features (internal): exact hash, shingle set, MinHash signature, samples.

#ifndef STORYLINE_DEDUP_SKETCH_H_
#define STORYLINE_DEDUP_SKETCH_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/hash.h"
#include "storyline/dedup.h"
#include "storyline/text.h"

namespace storyline::dedup {

struct Sketch {
  Hash128 exact;                   // XXH3-128 of the text's word hashes (see WordHashes)
  uint32_t num_words = 0;          // tokens in the text
  std::vector<uint32_t> shingles;  // 32-bit shingle hashes; sorted and unique (the verification
                                   // set) once shingles_final
  bool shingles_final = false;
  std::vector<uint32_t> minhash;  // num_hashes one-permutation MinHash values, densified
  std::vector<uint64_t> samples;  // the winnowed shingles (candidate keys), sorted, unique
};

// Reusable buffers so sketching allocates nothing per token. Not thread-safe: one per thread.
struct SketchScratch {
  std::string normalized;
  std::vector<Token> tokens;
  std::vector<uint64_t> token_hashes;
  std::vector<uint64_t> shingle_hashes;
  std::vector<uint8_t> filled;
  std::vector<uint32_t> radix;
  std::vector<uint64_t> run_bits;
};

// The hashes of the words of `text` in order, written to `*out` (cleared first). ASCII words
// (letters and digits, joined by ' or - between two of them and by . or , between digits) are
// found by byte-class bit masks (AVX2 where the CPU has it, the same masks computed byte by byte
// otherwise: identical results), lower-cased and hashed where they lie; words with non-ASCII
// characters go through Tokenize and NormalizeText. Equal folded words hash equally whichever
// path they take. `allow_simd` = false forces the byte-by-byte masks (for tests).
// With `spans`, also writes each word's byte range in `text` (same order as the hashes).
void WordHashes(std::string_view text, uint64_t seed, SketchScratch* scratch,
                std::vector<uint64_t>* out, bool allow_simd = true,
                std::vector<Token>* spans = nullptr);

// The hashes of every run of `width` consecutive words (`words` are word hashes), in order,
// written to `*out` (cleared first; empty when there are fewer than `width` words).
void ShingleHashes(const std::vector<uint64_t>& words, size_t width, std::vector<uint64_t>* out);

// Computes the sketch of `text` under `options` into `*out`. With `finalize` false the shingle
// set is left unsorted until FinalizeShingles (most articles of a stream are never verified
// against anything, so their sets need never be sorted).
void BuildSketch(std::string_view text, const DedupOptions& options, SketchScratch* scratch,
                 Sketch* out, bool finalize = true);

// The part of BuildSketch that verification needs: exact hash, word count and the sorted shingle
// set (no MinHash, no samples: those are index keys). Equal to BuildSketch's on the same text.
void BuildVerificationSketch(std::string_view text, const DedupOptions& options,
                             SketchScratch* scratch, Sketch* out);

// Sorts and deduplicates `sketch->shingles` once; `scratch` is reusable memory.
void FinalizeShingles(Sketch* sketch, std::vector<uint32_t>* scratch);

// One-permutation MinHash with optimal densification (Shrivastava 2017) of 64-bit hashes into
// `num_bins` values. The hashes must be well mixed already (bins come from their high bits,
// values from their low bits). Empty input gives all-0xFFFFFFFF. Exposed for tests.
void OnePermutationMinHash(const std::vector<uint64_t>& hashes, int num_bins, uint64_t seed,
                           std::vector<uint8_t>* filled, std::vector<uint32_t>* out);

// Winnowing (Schleimer et al. 2003): appends to `*out` (cleared first) the shingle hash of lowest
// rank in every window of `window` consecutive shingles, each selected position once. Two texts
// sharing a run of at least `window` shingles share at least one selected hash per window-length
// of the run. A text with at most `window` shingles selects its single lowest.
void Winnow(const std::vector<uint64_t>& hashes, size_t window, uint64_t seed,
            std::vector<uint64_t>* out);

// |a ∩ b| for sorted, unique vectors.
size_t IntersectionSize(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

}  // namespace storyline::dedup

#endif  // STORYLINE_DEDUP_SKETCH_H_
