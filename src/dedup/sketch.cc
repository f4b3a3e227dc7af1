#include "dedup/sketch.h"

#include <algorithm>
#include <limits>

namespace storyline::dedup {

void OnePermutationMinHash(const std::vector<uint64_t>& hashes, int num_bins, uint64_t seed,
                           std::vector<uint8_t>* filled, std::vector<uint32_t>* out) {
  const uint32_t kEmpty = std::numeric_limits<uint32_t>::max();
  const uint64_t k = static_cast<uint64_t>(num_bins);
  out->assign(k, kEmpty);
  filled->assign(k, 0);
  for (uint64_t h : hashes) {
    uint64_t x = Mix64(h ^ seed);
    // High half picks the bin (multiply-shift keeps it unbiased for any K), low half is the value.
    uint64_t bin = ((x >> 32) * k) >> 32;
    uint32_t v = static_cast<uint32_t>(x);
    if (v < (*out)[bin]) (*out)[bin] = v;
    (*filled)[bin] = 1;
  }
  if (hashes.empty()) return;
  // Optimal densification: an empty bin borrows the value of a non-empty bin chosen by a hash of
  // (bin, attempt), so two sets with the same non-empty bins borrow identically.
  for (uint64_t i = 0; i < k; ++i) {
    if ((*filled)[i]) continue;
    for (uint64_t attempt = 1;; ++attempt) {
      uint64_t j = ((Mix64(seed + i * 0x9e3779b97f4a7c15ull + attempt) >> 32) * k) >> 32;
      if ((*filled)[j]) {
        (*out)[i] = (*out)[j];
        break;
      }
    }
  }
}

void Winnow(const std::vector<uint64_t>& hashes, size_t window, uint64_t seed,
            std::vector<uint64_t>* out) {
  out->clear();
  const size_t n = hashes.size();
  if (n == 0) return;
  // Ranks are re-mixed with the seed so the selection does not depend on how shingle hashes are
  // ordered; the selected values themselves are the shingle hashes.
  auto rank = [seed](uint64_t h) { return Mix64(h ^ seed); };
  if (n <= window) {
    out->push_back(*std::min_element(hashes.begin(), hashes.end(), [&](uint64_t a, uint64_t b) {
      return rank(a) < rank(b);
    }));
    return;
  }
  // Schleimer, Wilkerson and Aiken's rule: in every window the minimum, the rightmost on ties,
  // recorded once per position. A monotone deque makes it O(n).
  std::vector<std::pair<uint64_t, size_t>> dq;  // (rank, position), ranks increasing
  dq.reserve(window);
  size_t head = 0;
  size_t last = SIZE_MAX;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t r = rank(hashes[i]);
    while (dq.size() > head && dq.back().first >= r) dq.pop_back();
    dq.emplace_back(r, i);
    while (dq[head].second + window <= i) ++head;
    if (i + 1 >= window && dq[head].second != last) {
      last = dq[head].second;
      out->push_back(hashes[last]);
    }
    if (head > window) {  // keep the deque's storage bounded
      dq.erase(dq.begin(), dq.begin() + static_cast<std::ptrdiff_t>(head));
      head = 0;
    }
  }
}

size_t IntersectionSize(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t i = 0, j = 0, n = 0;
  const size_t na = a.size(), nb = b.size();
  // Branch-light merge: both indices advance by comparisons, no data-dependent jumps.
  while (i < na && j < nb) {
    uint32_t x = a[i], y = b[j];
    n += x == y;
    i += x <= y;
    j += y <= x;
  }
  return n;
}

void BuildSketch(std::string_view text, const DedupOptions& options, SketchScratch* s,
                 Sketch* out) {
  s->normalized = NormalizeText(text);
  s->tokens.clear();
  Tokenize(s->normalized, &s->tokens);
  const std::string_view norm = s->normalized;

  s->joined.clear();
  s->joined.reserve(norm.size());
  s->token_hashes.clear();
  s->token_hashes.reserve(s->tokens.size());
  for (const Token& t : s->tokens) {
    std::string_view w = norm.substr(t.begin, t.end - t.begin);
    if (!s->joined.empty()) s->joined.push_back(' ');
    s->joined.append(w);
    s->token_hashes.push_back(Hash64(w, options.seed));
  }
  out->exact = HashBytes128(s->joined);
  out->num_words = static_cast<uint32_t>(s->tokens.size());

  const size_t n = s->token_hashes.size();
  const size_t w = static_cast<size_t>(std::max(1, options.shingle_words));
  s->shingle_hashes.clear();
  if (n > 0) {
    // Texts shorter than one shingle get a single shingle of all their words.
    size_t count = n >= w ? n - w + 1 : 1;
    size_t width = std::min(n, w);
    s->shingle_hashes.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      uint64_t h = 0x243f6a8885a308d3ull;
      for (size_t j = 0; j < width; ++j) h = Mix64(h * 0x100000001b3ull ^ s->token_hashes[i + j]);
      s->shingle_hashes.push_back(h);
    }
  }

  out->shingles.clear();
  out->shingles.reserve(s->shingle_hashes.size());
  for (uint64_t h : s->shingle_hashes) out->shingles.push_back(static_cast<uint32_t>(h >> 32));
  std::sort(out->shingles.begin(), out->shingles.end());
  out->shingles.erase(std::unique(out->shingles.begin(), out->shingles.end()),
                      out->shingles.end());
  Winnow(s->shingle_hashes, static_cast<size_t>(std::max(1, options.winnow_window)),
         options.seed, &out->samples);
  std::sort(out->samples.begin(), out->samples.end());
  out->samples.erase(std::unique(out->samples.begin(), out->samples.end()), out->samples.end());

  OnePermutationMinHash(s->shingle_hashes, options.num_hashes, options.seed, &s->filled,
                        &out->minhash);
}

}  // namespace storyline::dedup
