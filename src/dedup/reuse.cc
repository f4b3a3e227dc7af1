#include "dedup/reuse.h"

#include <algorithm>
#include <cstdlib>

#include "common/hash.h"

namespace storyline::dedup {

void PrepareAlign(std::string_view text, const DedupOptions& options, AlignText* out,
                  std::span<const std::pair<uint32_t, uint32_t>> excluded) {
  out->tokens.clear();
  out->shingles.clear();
  out->lookup.clear();
  Tokenize(text, &out->tokens);
  std::vector<uint64_t> words;
  words.reserve(out->tokens.size());
  std::string folded;
  for (const Token& t : out->tokens) {
    std::string_view w = text.substr(t.begin, t.end - t.begin);
    bool ascii = true;
    for (char c : w) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (ascii) {
      folded.assign(w);
      for (char& c : folded) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    } else {
      folded = NormalizeText(w);
    }
    words.push_back(Hash64(folded, options.seed));
  }
  // Excluded words get values no other text produces (salted with this text and position).
  if (!excluded.empty()) {
    const uint64_t salt = Hash64(text.substr(0, 256), options.seed ^ 0x5eedull) ^ text.size();
    size_t r = 0;
    for (size_t k = 0; k < out->tokens.size(); ++k) {
      const Token& t = out->tokens[k];
      while (r < excluded.size() && excluded[r].second <= t.begin) ++r;
      if (r < excluded.size() && excluded[r].first <= t.begin) words[k] = Mix64(salt + k);
    }
  }
  const size_t k = static_cast<size_t>(std::max(1, options.shingle_words));
  if (words.size() < k) return;
  out->shingles.reserve(words.size() - k + 1);
  for (size_t i = 0; i + k <= words.size(); ++i) {
    uint64_t h = 0x243f6a8885a308d3ull;
    for (size_t j = 0; j < k; ++j) h = Mix64(h * 0x100000001b3ull ^ words[i + j]);
    out->shingles.push_back(h);
  }
  out->lookup.reserve(out->shingles.size());
  for (uint32_t i = 0; i < out->shingles.size(); ++i) out->lookup.emplace_back(out->shingles[i], i);
  std::sort(out->lookup.begin(), out->lookup.end());
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
    uint32_t matched;  // shingles matched
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
    auto lo = std::lower_bound(source.lookup.begin(), source.lookup.end(),
                               std::make_pair(copy.shingles[c], uint32_t{0}));
    if (lo == source.lookup.end() || lo->first != copy.shingles[c]) continue;
    // Among repeated shingles of the source, the one on the open run's diagonal, else the first.
    uint32_t s = lo->second;
    if (open) {
      const int64_t expect = static_cast<int64_t>(run.last_s) + (c - run.last_c);
      int64_t best = std::llabs(static_cast<int64_t>(s) - expect);
      for (auto it = lo; it != source.lookup.end() && it->first == copy.shingles[c]; ++it) {
        int64_t d = std::llabs(static_cast<int64_t>(it->second) - expect);
        if (d < best) {
          best = d;
          s = it->second;
        }
      }
    }
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
        ++run.matched;
        continue;
      }
      emit(run);
    }
    run = Run{c, c + k, s, s + k, c, s, 1};
    open = true;
  }
  if (open) emit(run);
  return spans;
}

}  // namespace storyline::dedup
