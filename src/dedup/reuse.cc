#include "dedup/reuse.h"

#include <algorithm>
#include <cstdlib>

#include "common/hash.h"
#include "dedup/sketch.h"

namespace storyline::dedup {

void PrepareAlign(std::string_view text, const DedupOptions& options, AlignText* out,
                  std::span<const std::pair<uint32_t, uint32_t>> excluded) {
  // Words and their byte ranges by the sketch's scanner: the same folding, and fast.
  thread_local SketchScratch scratch;
  std::vector<uint64_t>& words = scratch.shingle_hashes;  // borrowed as word-hash storage
  WordHashes(text, options.seed, &scratch, &words, true, &out->tokens);
  // Excluded words get values no other text produces (salted with this text and position).
  if (!excluded.empty()) {
    const uint64_t salt =
        Hash64(text.substr(0, 256), options.seed ^ hash_seed::kExcludedWords) ^ text.size();
    size_t r = 0;
    for (size_t k = 0; k < out->tokens.size(); ++k) {
      const Token& t = out->tokens[k];
      while (r < excluded.size() && excluded[r].second <= t.begin) ++r;
      if (r < excluded.size() && excluded[r].first <= t.begin) words[k] = Mix64(salt + k);
    }
  }
  ShingleHashes(words, static_cast<size_t>(std::max(1, options.shingle_words)), &out->shingles);
  out->table.clear();
  const size_t count = out->shingles.size();
  if (count == 0) return;
  size_t cap = 16;
  while (cap < 2 * count) cap *= 2;
  out->table.assign(cap, {0, 0});
  for (uint32_t i = 0; i < count; ++i) {
    size_t at = Mix64(out->shingles[i]) & (cap - 1);
    while (out->table[at].second != 0) at = (at + 1) & (cap - 1);
    out->table[at] = {out->shingles[i], i + 1};
  }
}

std::vector<ReuseSpan> AlignReuse(const AlignText& copy, const AlignText& source,
                                  const DedupOptions& options) {
  std::vector<ReuseSpan> spans;
  const uint32_t k = static_cast<uint32_t>(std::max(1, options.shingle_words));
  const int64_t gap = std::max(0, options.reuse_gap_words);
  const uint32_t min_words = static_cast<uint32_t>(std::max(1, options.min_reuse_words));

  // A run: copy tokens [c_begin, c_end) matched to source tokens [s_begin, s_end), following
  // the diagonal of its last match.
  struct Run {
    uint32_t c_begin, c_end, s_begin, s_end;
    uint32_t last_c, last_s;
  };
  std::vector<Run> runs;
  auto emit = [&](const Run& r) {
    const uint32_t words = r.c_end - r.c_begin;
    if (words < min_words) return;
    ReuseSpan span;
    span.begin = copy.tokens[r.c_begin].begin;
    span.end = copy.tokens[r.c_end - 1].end;
    span.source_begin = source.tokens[r.s_begin].begin;
    span.source_end = source.tokens[r.s_end - 1].end;
    span.words = words;
    spans.push_back(span);
  };
  bool open = false;
  Run run{};
  for (uint32_t c = 0; c < copy.shingles.size(); ++c) {
    // The source positions of this shingle, along its probe run (in text order).
    const uint64_t key = copy.shingles[c];
    const size_t mask = source.table.size() - 1;
    if (source.table.empty()) break;
    size_t at = Mix64(key) & mask;
    uint32_t s = UINT32_MAX;
    int64_t best = INT64_MAX;
    const int64_t expect = open ? static_cast<int64_t>(run.last_s) + (c - run.last_c) : int64_t{-1};
    for (; source.table[at].second != 0; at = (at + 1) & mask) {
      if (source.table[at].first != key) continue;
      const uint32_t pos = source.table[at].second - 1;
      // Among repeated shingles, the one on the open run's diagonal, else the first.
      if (!open) {
        s = pos;
        break;
      }
      const int64_t d = std::llabs(static_cast<int64_t>(pos) - expect);
      if (d < best) {
        best = d;
        s = pos;
      }
    }
    if (s == UINT32_MAX) continue;
    if (open) {
      // Continue the run when both texts resume within the gap, in order.
      const int64_t dc = static_cast<int64_t>(c) - run.last_c;
      const int64_t ds = static_cast<int64_t>(s) - run.last_s;
      if (dc <= gap + 1 && ds > 0 && ds <= gap + 1) {
        run.c_end = std::max(run.c_end, c + k);
        run.s_begin = std::min(run.s_begin, s);
        run.s_end = std::max(run.s_end, s + k);
        run.last_c = c;
        run.last_s = s;
        continue;
      }
      emit(run);
    }
    run = Run{c, c + k, s, s + k, c, s};
    open = true;
  }
  if (open) emit(run);
  return spans;
}

}  // namespace storyline::dedup
