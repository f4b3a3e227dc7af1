#include "testing/dedup_scoring.h"

#include <algorithm>

namespace storyline::testing {
namespace {

// Verified scores are ratios of the same integers the oracle counts; the slack only absorbs
// floating-point rounding at a threshold that is itself a ratio (0.8 = 4/5).
constexpr double kSlack = 1e-9;

struct Interval {
  uint32_t begin, end;
};

// Sorted, merged copy of `v`.
std::vector<Interval> Merge(std::vector<Interval> v) {
  std::sort(v.begin(), v.end(), [](const Interval& x, const Interval& y) {
    return x.begin < y.begin || (x.begin == y.begin && x.end < y.end);
  });
  std::vector<Interval> out;
  for (const Interval& i : v) {
    if (!out.empty() && i.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, i.end);
    } else {
      out.push_back(i);
    }
  }
  return out;
}

// |P ∩ U| / |P ∪ U| for one interval P and merged intervals U.
double IntervalIou(Interval p, const std::vector<Interval>& u) {
  uint64_t inter = 0, total = 0;
  for (const Interval& i : u) {
    total += i.end - i.begin;
    uint32_t b = std::max(p.begin, i.begin), e = std::min(p.end, i.end);
    if (b < e) inter += e - b;
  }
  const uint64_t uni = total + (p.end - p.begin) - inter;
  return uni == 0 ? 0.0 : static_cast<double>(inter) / static_cast<double>(uni);
}

}  // namespace

OracleRelation Relate(const PairOverlap& p, const std::vector<ShingleProfile>& profiles,
                      const DedupOptions& o) {
  OracleRelation rel;
  rel.exact = p.exact;
  if (p.exact) return rel;
  rel.near = p.jaccard >= o.near_threshold - kSlack;
  const bool long_enough =
      profiles[p.shorter].num_words >= static_cast<uint32_t>(std::max(0, o.min_containment_words));
  rel.contained = long_enough && p.containment >= o.containment_threshold - kSlack;
  rel.contained_recall =
      long_enough &&
      p.containment >= std::max(kContainmentRecallBar, o.containment_threshold) - kSlack;
  return rel;
}

bool EdgeConfirmed(const DedupResult& r, uint32_t copy, const std::vector<ShingleProfile>& profiles,
                   const DedupOptions& o) {
  const DuplicateInfo& d = r.articles[copy];
  const PairOverlap p = ComparePair(profiles, copy, static_cast<uint32_t>(d.duplicate_of));
  const OracleRelation rel = Relate(p, profiles, o);
  switch (d.kind) {
    case DuplicateKind::kExact:
      return rel.exact;
    case DuplicateKind::kNear:
      return rel.near;
    case DuplicateKind::kContained:
      return rel.contained;
    default:
      return false;
  }
}

PassageMatch MatchPassage(const DedupResult& r, uint32_t stitched, const PlantedPassage& passage,
                          const std::vector<ShingleProfile>& profiles) {
  PassageMatch m;
  const uint32_t source = passage.source;
  if (GroupOf(r, stitched) == GroupOf(r, source)) {
    m.found = m.via_group = true;
    m.word_share = 1.0;
    return m;
  }
  // Spans of the right pair that overlap the passage, as (stitched side, source side).
  const Interval planted{passage.begin, passage.end};
  std::vector<Interval> here, there;
  for (const PartialReuse& rec : r.reuse) {
    const bool forward = rec.copy == stitched && rec.source == source;
    const bool backward = rec.copy == source && rec.source == stitched;
    if (!forward && !backward) continue;
    for (const ReuseSpan& s : rec.spans) {
      Interval mine = forward ? Interval{s.begin, s.end} : Interval{s.source_begin, s.source_end};
      Interval theirs = forward ? Interval{s.source_begin, s.source_end} : Interval{s.begin, s.end};
      if (mine.end <= planted.begin || mine.begin >= planted.end) continue;
      here.push_back(mine);
      there.push_back(theirs);
    }
  }
  if (here.empty()) return m;
  here = Merge(std::move(here));
  there = Merge(std::move(there));
  const ShingleProfile& p = profiles[stitched];
  uint32_t words = 0, inside = 0;
  for (const auto& [b, e] : p.token_bytes) {
    if (b < planted.begin || e > planted.end) continue;
    ++words;
    for (const Interval& i : here) {
      if (b >= i.begin && e <= i.end) {
        ++inside;
        break;
      }
    }
  }
  m.word_share = words == 0 ? 0.0 : static_cast<double>(inside) / words;
  m.found = m.word_share >= 0.5;
  m.iou = IntervalIou(planted, here);
  m.source_iou = IntervalIou({passage.source_begin, passage.source_end}, there);
  return m;
}

void SpanScore::Add(const SpanScore& o) {
  bytes += o.bytes;
  confirmed += o.confirmed;
  source_bytes += o.source_bytes;
  source_confirmed += o.source_confirmed;
  spans += o.spans;
  unmeasured += o.unmeasured;
  short_spans += o.short_spans;
}

SpanScore ScoreReuse(const PartialReuse& reuse, const std::vector<ShingleProfile>& profiles,
                     const DedupOptions& o) {
  SpanScore s;
  const ShingleProfile& copy = profiles[reuse.copy];
  const ShingleProfile& source = profiles[reuse.source];
  for (const ReuseSpan& span : reuse.spans) {
    ++s.spans;
    if (span.words < static_cast<uint32_t>(std::max(0, o.min_reuse_words))) ++s.short_spans;
    if (copy.token_bytes.empty() || source.token_bytes.empty()) {
      ++s.unmeasured;
      continue;
    }
    const auto in_source = ShinglesInBytes(source, span.source_begin, span.source_end);
    const auto in_copy = ShinglesInBytes(copy, span.begin, span.end);
    s.bytes += span.end > span.begin ? span.end - span.begin : 0;
    s.confirmed += BytesCoveredByShingles(copy, span.begin, span.end, in_source);
    s.source_bytes += span.source_end > span.source_begin ? span.source_end - span.source_begin : 0;
    s.source_confirmed +=
        BytesCoveredByShingles(source, span.source_begin, span.source_end, in_copy);
  }
  return s;
}

}  // namespace storyline::testing
