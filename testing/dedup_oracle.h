// Test-only exact reference for dedup: every shingle, every pair, no sampling, no sketches.
// Slow where it must be, obviously correct everywhere. Never linked into the library.
//
// Shingles follow the library's definition (storyline/dedup.h): the `shingle_words`-word shingles
// of Tokenize(NormalizeText(text)); a text shorter than one shingle has one shingle of all its
// words. Here a shingle is a 64-bit hash of its token strings (FNV-1a, independent of the
// library's hashing); collisions are ~1e-7 likely over a few million distinct shingles.
//
// Pair measures, for texts A and B with shingle sets SA and SB:
//   exact        the normalised token streams are equal (and not empty);
//   jaccard      |SA ∩ SB| / |SA ∪ SB|;
//   containment  |SA ∩ SB| / |S of the shorter text|, the shorter text being the one with fewer
//                shingles (the first of the pair on ties), as the library defines it.

#ifndef STORYLINE_TESTING_DEDUP_ORACLE_H_
#define STORYLINE_TESTING_DEDUP_ORACLE_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/article.h"

namespace storyline::testing {

// One text as the oracle sees it.
struct ShingleProfile {
  std::string stream;              // normalised tokens joined by single spaces
  uint32_t num_words = 0;          // tokens in the text
  std::vector<uint64_t> sequence;  // the shingle starting at each token, in text order
  std::vector<uint64_t> shingles;  // `sequence` sorted and deduplicated: the shingle set
  // Byte range [first, second) of each token in the *original* text, so that library spans
  // (offsets into Article::text) can be compared with shingles. A token spans the original code
  // points its normalised bytes came from ("season—it's" is one token, as the em dash becomes a
  // hyphen). Empty when the normalisation of the text cannot be traced code point by code point
  // (a combining mark that composes with its neighbour); such texts are left out of span scores.
  std::vector<std::pair<uint32_t, uint32_t>> token_bytes;
  int shingle_words = 0;  // the width the profile was built with
};

// Builds the profile of `text`.
ShingleProfile BuildShingleProfile(std::string_view text, int shingle_words);

// Profiles of every article's text, in order. Runs on `threads` threads (0: every core).
std::vector<ShingleProfile> BuildShingleProfiles(std::span<const Article> articles,
                                                 int shingle_words, int threads = 0);

// The oracle's view of one pair.
struct PairOverlap {
  uint32_t a = 0, b = 0;  // indices, a < b
  uint32_t shared = 0;    // |SA ∩ SB|
  double jaccard = 0.0;
  double containment = 0.0;
  uint32_t shorter = 0;  // a or b: the one with fewer shingles (a on ties)
  bool exact = false;
};

// Measures the pair (a, b) by merging the two sorted shingle sets. REQUIRES: a != b.
PairOverlap ComparePair(const std::vector<ShingleProfile>& profiles, uint32_t a, uint32_t b);

// Every pair that shares at least one shingle and satisfies `keep` (all of them when `keep` is
// empty), sorted by (a, b). Pairs sharing no shingle have Jaccard and containment 0 and are never
// exact, so nothing that could meet a threshold is left out. Intersections are counted through
// posting lists of the shingle sets: the cost is the sum over shingles of (texts carrying it)^2.
std::vector<PairOverlap> AllOverlappingPairs(
    const std::vector<ShingleProfile>& profiles,
    const std::function<bool(const PairOverlap&)>& keep = nullptr);

// Words of the longest run of consecutive shingles of `text` that all occur in `other`'s set: a
// passage of that many words of `text` appears in `other` (for runs of more than one shingle,
// up to a shingle-sized reordering at each join). 0 when nothing is shared.
uint32_t LongestSharedRunWords(const ShingleProfile& text, const ShingleProfile& other);

// The sorted, unique hashes of the shingles of `p` whose tokens lie wholly inside bytes
// [begin, end) of its original text. REQUIRES: !p.token_bytes.empty().
std::vector<uint64_t> ShinglesInBytes(const ShingleProfile& p, uint32_t begin, uint32_t end);

// Bytes of [begin, end) of `p`'s original text that lie inside an occurrence of a shingle in
// `set` (sorted), an occurrence spanning from its first token's first byte to its last token's
// last byte. Punctuation and spaces between two covered words count; those at the edge of the
// range, outside any occurrence, do not. REQUIRES: !p.token_bytes.empty().
uint64_t BytesCoveredByShingles(const ShingleProfile& p, uint32_t begin, uint32_t end,
                                const std::vector<uint64_t>& set);

// Tokens of `p` that lie wholly inside bytes [begin, end) of its original text.
// REQUIRES: !p.token_bytes.empty().
uint32_t WordsInBytes(const ShingleProfile& p, uint32_t begin, uint32_t end);

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_DEDUP_ORACLE_H_
