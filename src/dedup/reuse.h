// Partial reuse (internal): which passages of one text were copied into another, found by
// aligning the shingles two texts share.

#ifndef STORYLINE_DEDUP_REUSE_H_
#define STORYLINE_DEDUP_REUSE_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "storyline/dedup.h"
#include "storyline/text.h"

namespace storyline::dedup {

// A text prepared for alignment: its word tokens (byte offsets into the original text, not the
// normalised one, so spans point at what the user gave us) and one hash per shingle position.
struct AlignText {
  std::vector<Token> tokens;
  std::vector<uint64_t> shingles;  // shingles[i] covers tokens [i, i + k)
  // Open-addressing table of (shingle, position + 1), position 0 meaning empty; repeated
  // shingles occupy several slots along one probe run, in text order.
  std::vector<std::pair<uint64_t, uint32_t>> table;
};

// Tokenises `text` and hashes its `shingle_words`-word shingles; words are compared in their
// normalised form (NormalizeText), so case and typography do not break a passage.
// Words inside the byte ranges `excluded` (an outlet's template lines) never match anything.
void PrepareAlign(std::string_view text, const DedupOptions& options, AlignText* out,
                  std::span<const std::pair<uint32_t, uint32_t>> excluded = {});

// The passages of `source` reused in `copy`, in the copy's order: maximal chains of shared
// shingles that keep to one diagonal (the same words in the same order), merged across gaps of
// at most options.reuse_gap_words words in both texts, of at least options.min_reuse_words
// words.
std::vector<ReuseSpan> AlignReuse(const AlignText& copy, const AlignText& source,
                                  const DedupOptions& options);

}  // namespace storyline::dedup

#endif  // STORYLINE_DEDUP_REUSE_H_
