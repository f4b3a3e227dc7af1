// The dedup stage's tuning numbers (internal), in one place: each says what it trades. The
// user-facing thresholds are DedupOptions (storyline/dedup.h); these are the engine's own.

#ifndef STORYLINE_DEDUP_TUNING_H_
#define STORYLINE_DEDUP_TUNING_H_

#include <cstddef>

namespace storyline::dedup {

// Containment must be lopsided by at least this much: the longer text carries material of its
// own (a page's header and comment box, a dropped paragraph). Word swaps spread their changes
// over both texts alike and stay near-duplicates. Higher: fewer "contained", more "near".
inline constexpr double kAsymmetry = 0.05;

// Candidates taken from one key's postings: its first article (the hub of a large group of
// reposts) and its newest kRecent. A story reposted a thousand times costs linear, not quadratic,
// candidate pairs, and every repost still gets a verified edge to the common hub. Must be
// PostingTable::kHeld - 1 (what a key's postings hold besides the hub).
inline constexpr size_t kRecent = 64;

// Verification sets kept in a direct-mapped cache (the newest and recently verified articles);
// a miss rebuilds the set from the text. More: fewer rebuilds, ~2 KB each.
inline constexpr size_t kVerificationCacheSlots = 1024;

// Articles sketched and inserted at a time: signatures and samples of a large batch are never all
// held at once. More: less bookkeeping, more peak memory.
inline constexpr size_t kSketchChunk = 1024;

// Template lines: lines this short (bytes) are counted wherever they are; lines among the first
// and last kTemplateEdgeLines of an article are counted up to kTemplateLongestLine bytes; longer
// lines are article prose and never counted (counting them costs memory for nothing).
inline constexpr size_t kTemplateShortLine = 100;
inline constexpr size_t kTemplateEdgeLines = 6;
inline constexpr size_t kTemplateLongestLine = 200;
// Template lines are not left out of an article that would keep less than this share of its
// line bytes: that is the outlet posting a story again, and its text is what must be compared.
inline constexpr double kTemplateMinKeptShare = 0.1;

}  // namespace storyline::dedup

#endif  // STORYLINE_DEDUP_TUNING_H_
