// Test-only scoring of a DedupResult against the exact oracle (testing/dedup_oracle.h), shared by
// the dedup property tests and eval/dedup_eval. Never linked into the library.
//
// Pair semantics. Dedup points every copy at one original (DuplicateInfo::duplicate_of), so a
// group is an original and its copies, and the group of article i is duplicate_of(i) when that is
// set, else i.
//   Recall: an oracle-positive pair is found when both ends are in the same group (copy layers),
//   or, for partial reuse, when they are in the same group or a PartialReuse record joins a
//   member of one's group with a member of the other's.
//   Precision: a reported edge (copy -> duplicate_of, kind) is confirmed when the oracle finds
//   THAT pair related as the kind says at the run's threshold: equal token streams (exact),
//   Jaccard >= near_threshold (near), containment >= containment_threshold with the shorter text
//   of at least min_containment_words words (contained).

#ifndef STORYLINE_TESTING_DEDUP_SCORING_H_
#define STORYLINE_TESTING_DEDUP_SCORING_H_

#include <cstdint>
#include <vector>

#include "storyline/dedup.h"
#include "testing/dedup_oracle.h"
#include "testing/perturb.h"

namespace storyline::testing {

// The containment bar for recall: pairs at or above it must be found whatever the
// preset's (lower) threshold; a preset with a higher threshold is held to its own.
inline constexpr double kContainmentRecallBar = 0.85;

// Whether `d` makes its article a copy of duplicate_of. A kPartial article shares passages but is
// not a copy, whatever its duplicate_of says (the header leaves that field open for it).
inline bool IsCopy(const DuplicateInfo& d) {
  return d.duplicate_of >= 0 &&
         (d.kind == DuplicateKind::kExact || d.kind == DuplicateKind::kNear ||
          d.kind == DuplicateKind::kContained);
}

// The group of article `i`: its original, or itself.
inline int64_t GroupOf(const DedupResult& r, size_t i) {
  return IsCopy(r.articles[i]) ? r.articles[i].duplicate_of : static_cast<int64_t>(i);
}

// Oracle layers of one pair at the thresholds of `o`.
struct OracleRelation {
  bool exact = false;
  bool near = false;              // not exact, Jaccard >= near_threshold
  bool contained = false;         // not exact, containment >= containment_threshold, long enough
  bool contained_recall = false;  // the same at max(kContainmentRecallBar, threshold)
  bool copy() const { return exact || near || contained; }
};
OracleRelation Relate(const PairOverlap& p, const std::vector<ShingleProfile>& profiles,
                      const DedupOptions& o);

// Whether the oracle confirms the edge from `copy` to r.articles[copy].duplicate_of with its
// reported kind. REQUIRES: IsCopy(r.articles[copy]).
bool EdgeConfirmed(const DedupResult& r, uint32_t copy, const std::vector<ShingleProfile>& profiles,
                   const DedupOptions& o);

// A planted passage against the reported reuse and groups.
struct PassageMatch {
  bool found = false;       // >= 50 % of its words inside reported spans of the right pair,
                            // or its two texts grouped as copies
  bool via_group = false;   // found because the texts were grouped (no spans to measure)
  double word_share = 0.0;  // share of the passage's words inside the pair's reported spans
  double iou = 0.0;         // byte IoU of the passage with the overlapping spans, stitched side
  double source_iou = 0.0;  // the same on the source side
};
// `stitched` is the index of the text holding the passage; the source is passage.source. The
// record may point either way (the source of a PartialReuse is the one published first).
// REQUIRES: profiles[stitched].token_bytes is not empty.
PassageMatch MatchPassage(const DedupResult& r, uint32_t stitched, const PlantedPassage& passage,
                          const std::vector<ShingleProfile>& profiles);

// Bytes of a reuse record's spans, and how many of them the oracle confirms: a copy-side byte is
// confirmed when it lies in an occurrence of a shingle that also lies inside the span's source
// range, and the other way round. Spans in a text without byte offsets (see ShingleProfile) are
// counted in `unmeasured`.
struct SpanScore {
  uint64_t bytes = 0, confirmed = 0;                // copy side
  uint64_t source_bytes = 0, source_confirmed = 0;  // source side
  uint64_t spans = 0, unmeasured = 0;
  uint64_t short_spans = 0;  // spans of fewer than min_reuse_words words
  void Add(const SpanScore& o);
};
SpanScore ScoreReuse(const PartialReuse& reuse, const std::vector<ShingleProfile>& profiles,
                     const DedupOptions& o);

}  // namespace storyline::testing

#endif  // STORYLINE_TESTING_DEDUP_SCORING_H_
