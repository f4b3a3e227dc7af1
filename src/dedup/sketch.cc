#include "dedup/sketch.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "text/utf8.h"

namespace storyline::dedup {

void OnePermutationMinHash(const std::vector<uint64_t>& hashes, int num_bins, uint64_t seed,
                           std::vector<uint8_t>* filled, std::vector<uint32_t>* out) {
  const uint32_t kEmpty = std::numeric_limits<uint32_t>::max();
  const uint64_t k = static_cast<uint64_t>(num_bins);
  out->assign(k, kEmpty);
  // Inputs are mixed hashes already (shingle hashes), so the seed is folded in without another
  // mixing round.
  const uint64_t salt = Mix64(seed);
  for (uint64_t h : hashes) {
    uint64_t x = h ^ salt;
    // High half picks the bin (multiply-shift keeps it unbiased for any K), low half is the value.
    uint64_t bin = ((x >> 32) * k) >> 32;
    uint32_t& slot = (*out)[bin];
    slot = std::min(slot, static_cast<uint32_t>(x));  // branch-free: updates are unpredictable
  }
  if (hashes.empty()) return;
  // A bin is filled when something landed in it (a true minimum of 0xFFFFFFFF, chance 2^-32 per
  // shingle, counts as empty and is borrowed: harmless and deterministic).
  filled->resize(k);
  bool any = false;
  for (uint64_t i = 0; i < k; ++i) any |= ((*filled)[i] = (*out)[i] != kEmpty);
  if (!any) return;  // every value was 0xFFFFFFFF: nothing to borrow from, all bins stay so
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
  // Shingle hashes are already seeded and mixed, so they are their own ranks; `seed` only
  // breaks the symmetry between equal texts hashed under different seeds.
  const uint64_t* h = hashes.data();
  auto rank = [seed](uint64_t x) { return x ^ seed; };
  const size_t w = std::min(window, n);
  // The minimum of the current window (rightmost on ties) is tracked; when it slides out, the
  // window is rescanned. Rescans are rare (the minimum of a random window sits in its middle on
  // average), so this is linear and branch-light.
  auto rescan = [&](size_t from, size_t to) {
    size_t best = from;
    for (size_t k = from + 1; k <= to; ++k) best = rank(h[k]) <= rank(h[best]) ? k : best;
    return best;
  };
  size_t min = rescan(0, w - 1);
  out->push_back(h[min]);
  for (size_t i = w; i < n; ++i) {
    if (rank(h[i]) <= rank(h[min])) {
      min = i;
    } else if (min + w <= i) {
      min = rescan(i - w + 1, i);
    } else {
      continue;
    }
    out->push_back(h[min]);
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

namespace {

// ASCII letters to lower case in eight bytes at once (every byte must be below 0x80).
inline uint64_t LowerAscii8(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  const uint64_t ge_a = w + (0x80 - 'A') * kOnes;      // high bit: byte >= 'A'
  const uint64_t gt_z = w + (0x80 - 'Z' - 1) * kOnes;  // high bit: byte > 'Z'
  return w | ((ge_a & ~gt_z & (0x80 * kOnes)) >> 2);
}

inline unsigned char LowerAscii(unsigned char c) {
  return static_cast<unsigned char>(c | ((static_cast<unsigned>(c - 'A') < 26u) ? 0x20 : 0));
}

// The hash of a word from its first 16 bytes (zero past its end) and its length; longer words
// fold their further bytes in eight at a time. Words are short, so this is a few instructions
// and, for the usual length of at most 16, no branch on the length at all.
inline uint64_t WordHashOf(uint64_t w0, uint64_t w1, const char* rest, size_t n, uint64_t seed) {
  // Two multiplies: injective for words of up to 8 bytes (odd multiplier), and the shingle hash
  // built on top mixes fully. Further bytes of long words are folded in eight at a time.
  uint64_t h = ((w0 ^ seed) * 0x9e3779b97f4a7c15ull) ^ ((w1 + n) * 0xc2b2ae3d27d4eb4full);
  for (size_t k = 16; k < n; k += 8) {
    uint64_t w = 0;
    std::memcpy(&w, rest + (k - 16), std::min<size_t>(8, n - k));
    h = Mix64(h ^ w) * 0xbf58476d1ce4e5b9ull;
  }
  return h;
}

// Hash of the `n`-byte word at `p` (lower-cased first if `lower`; the word must then be ASCII).
// `safe_end` bytes may be read from `p` (at least n); with 16 or more the first 16 bytes are
// loaded whole and masked, otherwise copied.
template <bool lower>
inline uint64_t WordHash(const char* p, size_t n, size_t safe_end, uint64_t seed) {
  uint64_t w0 = 0, w1 = 0;
  if (safe_end >= 16) {
    std::memcpy(&w0, p, 8);
    std::memcpy(&w1, p + 8, 8);
    const size_t n0 = std::min<size_t>(n, 8), n1 = n > 8 ? std::min<size_t>(n - 8, 8) : 0;
    w0 &= ~uint64_t{0} >> (64 - 8 * n0);  // n >= 1 for every word
    w1 &= n1 == 0 ? 0 : ~uint64_t{0} >> (64 - 8 * n1);
  } else {
    char buf[16] = {};
    std::memcpy(buf, p, std::min<size_t>(n, 16));
    std::memcpy(&w0, buf, 8);
    std::memcpy(&w1, buf + 8, 8);
  }
  if (lower) {
    w0 = LowerAscii8(w0);
    w1 = LowerAscii8(w1);
  }
  if (n <= 16) return WordHashOf(w0, w1, nullptr, n, seed);
  if (!lower) return WordHashOf(w0, w1, p + 16, n, seed);
  std::string folded(p + 16, n - 16);  // rare: words over 16 bytes
  for (char& c : folded) c = static_cast<char>(LowerAscii(static_cast<unsigned char>(c)));
  return WordHashOf(w0, w1, folded.data(), n, seed);
}

// Bit masks over the text, one bit per byte, 64 bytes per word: ASCII letters or digits, digits,
// the joiners ' and -, the joiners . and , and bytes of non-ASCII characters.
struct ByteMasks {
  std::vector<uint64_t> alnum, digit, join_word, join_number, high;
  void Resize(size_t blocks) {
    for (auto* v : {&alnum, &digit, &join_word, &join_number, &high}) v->assign(blocks, 0);
  }
};

void ClassifyScalar(const char* p, size_t n, ByteMasks* m) {
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    const uint64_t bit = uint64_t{1} << (i & 63);
    const size_t k = i >> 6;
    const bool digit = static_cast<unsigned>(c - '0') < 10u;
    const bool letter = static_cast<unsigned>((c | 0x20) - 'a') < 26u;
    if (letter || digit) m->alnum[k] |= bit;
    if (digit) m->digit[k] |= bit;
    if (c == '\'' || c == '-') m->join_word[k] |= bit;
    if (c == '.' || c == ',') m->join_number[k] |= bit;
    if (c >= 0x80) m->high[k] |= bit;
  }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define STORYLINE_DEDUP_AVX2 1
// 32 bytes per step: range checks by unsigned min, masks by movemask.
__attribute__((target("avx2"))) void ClassifyAvx2(const char* p, size_t n, ByteMasks* m) {
  alignas(32) char tail[64];
  for (size_t k = 0; k * 64 < n; ++k) {
    const char* block = p + k * 64;
    if (n - k * 64 < 64) {
      std::memset(tail, 0, sizeof(tail));
      std::memcpy(tail, block, n - k * 64);
      block = tail;
    }
    uint64_t masks[5] = {0, 0, 0, 0, 0};
    for (int half = 0; half < 2; ++half) {
      const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(block + 32 * half));
      const __m256i tl =
          _mm256_sub_epi8(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), _mm256_set1_epi8('a'));
      const __m256i letter = _mm256_cmpeq_epi8(_mm256_min_epu8(tl, _mm256_set1_epi8(25)), tl);
      const __m256i td = _mm256_sub_epi8(v, _mm256_set1_epi8('0'));
      const __m256i digit = _mm256_cmpeq_epi8(_mm256_min_epu8(td, _mm256_set1_epi8(9)), td);
      const __m256i jw = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('\'')),
                                         _mm256_cmpeq_epi8(v, _mm256_set1_epi8('-')));
      const __m256i jn = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('.')),
                                         _mm256_cmpeq_epi8(v, _mm256_set1_epi8(',')));
      const int shift = 32 * half;
      const __m256i parts[5] = {_mm256_or_si256(letter, digit), digit, jw, jn, v};
      for (int q = 0; q < 5; ++q) {
        masks[q] |= static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(parts[q])))
                    << shift;
      }
    }
    m->alnum[k] = masks[0];
    m->digit[k] = masks[1];
    m->join_word[k] = masks[2];
    m->join_number[k] = masks[3];
    m->high[k] = masks[4];
  }
}

bool HaveAvx2() {
  static const bool have = __builtin_cpu_supports("avx2");
  return have;
}
#endif

}  // namespace

void WordHashes(std::string_view text, uint64_t seed, SketchScratch* s, std::vector<uint64_t>* out,
                bool allow_simd, std::vector<Token>* spans) {
  out->clear();
  if (spans != nullptr) spans->clear();
  const char* p = text.data();
  const size_t n = text.size();
  if (n == 0) return;
  out->reserve(n / 5 + 1);
  const size_t blocks = (n + 63) / 64;
  thread_local ByteMasks m;
  m.Resize(blocks);
#ifdef STORYLINE_DEDUP_AVX2
  if (allow_simd && HaveAvx2()) {
    ClassifyAvx2(p, n, &m);
  } else {
    ClassifyScalar(p, n, &m);
  }
#else
  (void)allow_simd;
  ClassifyScalar(p, n, &m);
#endif
  // Word bytes: letters and digits, plus ' or - between two of them ("don't", "al-Assad") and
  // . or , between two digits ("3.5", "1,000"). Runs of word bytes and non-ASCII bytes are the
  // candidates; a run with no non-ASCII byte is an ASCII word, hashed where it lies.
  std::vector<uint64_t>& run = s->run_bits;
  run.assign(blocks, 0);
  for (size_t k = 0; k < blocks; ++k) {
    auto prev = [&](const std::vector<uint64_t>& v) {
      return (v[k] << 1) | (k > 0 ? v[k - 1] >> 63 : 0);
    };
    auto next = [&](const std::vector<uint64_t>& v) {
      return (v[k] >> 1) | (k + 1 < blocks ? v[k + 1] << 63 : 0);
    };
    const uint64_t word = m.alnum[k] | (m.join_word[k] & prev(m.alnum) & next(m.alnum)) |
                          (m.join_number[k] & prev(m.digit) & next(m.digit));
    run[k] = word | m.high[k];
  }
  bool any_high = false;
  for (uint64_t h : m.high) any_high |= h != 0;
  size_t done = 0;  // bytes before this are accounted for (slow path chunks)
  size_t begin = 0;
  bool open = false;
  for (size_t k = 0; k < blocks; ++k) {
    const uint64_t prev_run = (run[k] << 1) | (k > 0 ? run[k - 1] >> 63 : 0);
    const uint64_t next_run = (run[k] >> 1) | (k + 1 < blocks ? run[k + 1] << 63 : 0);
    uint64_t starts = run[k] & ~prev_run, ends = run[k] & ~next_run;
    // Starts and ends alternate; a one-byte run has both on the same bit, start first.
    while (open ? ends != 0 : starts != 0) {
      if (!open) {
        begin = k * 64 + static_cast<size_t>(__builtin_ctzll(starts));
        starts &= starts - 1;
        open = true;
        continue;
      }
      const size_t end = k * 64 + static_cast<size_t>(__builtin_ctzll(ends)) + 1;
      ends &= ends - 1;
      open = false;
      if (begin < done) continue;
      bool has_high = false;
      for (size_t i = begin >> 6; any_high && i <= (end - 1) >> 6 && !has_high; ++i) {
        uint64_t range = ~uint64_t{0};
        if (i == begin >> 6) range &= ~uint64_t{0} << (begin & 63);
        if (i == (end - 1) >> 6 && ((end - 1) & 63) != 63)
          range &= (uint64_t{2} << ((end - 1) & 63)) - 1;
        has_high = (m.high[i] & range) != 0;
      }
      if (!has_high) {
        out->push_back(WordHash<true>(p + begin, end - begin, n - begin, seed));
        if (spans != nullptr) {
          spans->push_back(
              {static_cast<uint32_t>(begin), static_cast<uint32_t>(end), TokenKind::kWord});
        }
        continue;
      }
      // A word with non-ASCII characters: the text up to the next ASCII space goes through the
      // full tokenizer and NormalizeText, word by word.
      size_t chunk_end = end;
      while (chunk_end < n && !text::IsAsciiSpace(static_cast<unsigned char>(p[chunk_end])))
        ++chunk_end;
      const std::string_view chunk(p + begin, chunk_end - begin);
      s->tokens.clear();
      Tokenize(chunk, &s->tokens);
      for (const Token& t : s->tokens) {
        // Tokenize keeps dotted abbreviations ("U.S.") whole; the ASCII path splits them at the
        // dots, and both paths must give the same words: split here too.
        size_t piece = t.begin;
        while (piece < t.end) {
          size_t stop = t.end;
          if (t.kind == TokenKind::kWord) {
            const size_t dot = chunk.find('.', piece);
            if (dot < t.end) stop = dot;
          }
          const std::string_view w = chunk.substr(piece, stop - piece);
          const size_t at = piece;
          piece = stop + 1;
          if (w.empty()) continue;
          if (spans != nullptr) {
            spans->push_back({static_cast<uint32_t>(begin + at),
                              static_cast<uint32_t>(begin + at + w.size()), t.kind});
          }
          bool ascii = true;
          for (char ch : w) ascii &= static_cast<unsigned char>(ch) < 0x80;
          if (ascii) {
            out->push_back(
                WordHash<true>(w.data(), w.size(), static_cast<size_t>(p + n - w.data()), seed));
          } else {
            s->normalized = NormalizeText(w);
            out->push_back(WordHash<false>(s->normalized.data(), s->normalized.size(),
                                           s->normalized.size(), seed));
          }
        }
      }
      done = chunk_end;
    }
  }
}

namespace {

// Sorts 32-bit values by four byte-wise counting passes: for the few hundred shingles of an
// article this is several times faster than a comparison sort. `tmp` is scratch space.
void RadixSort32(std::vector<uint32_t>* v, std::vector<uint32_t>* tmp) {
  const size_t n = v->size();
  if (n < 64) {
    std::sort(v->begin(), v->end());
    return;
  }
  tmp->resize(n);
  uint32_t* src = v->data();
  uint32_t* dst = tmp->data();
  uint32_t counts[4][256] = {};
  for (size_t i = 0; i < n; ++i) {
    const uint32_t x = src[i];
    ++counts[0][x & 0xFF];
    ++counts[1][(x >> 8) & 0xFF];
    ++counts[2][(x >> 16) & 0xFF];
    ++counts[3][x >> 24];
  }
  for (int pass = 0; pass < 4; ++pass) {
    uint32_t sum = 0;
    for (uint32_t& c : counts[pass]) {
      const uint32_t t = c;
      c = sum;
      sum += t;
    }
    const int shift = pass * 8;
    for (size_t i = 0; i < n; ++i) dst[counts[pass][(src[i] >> shift) & 0xFF]++] = src[i];
    std::swap(src, dst);
  }
  // Four passes: the result is back in v.
}

}  // namespace

void FinalizeShingles(Sketch* sketch, std::vector<uint32_t>* scratch) {
  if (sketch->shingles_final) return;
  RadixSort32(&sketch->shingles, scratch);
  sketch->shingles.erase(std::unique(sketch->shingles.begin(), sketch->shingles.end()),
                         sketch->shingles.end());
  sketch->shingles_final = true;
}

void ShingleHashes(const std::vector<uint64_t>& words, size_t width, std::vector<uint64_t>* out) {
  out->clear();
  const size_t n = words.size();
  if (width == 0 || n < width) return;
  // A polynomial rolling hash over the word hashes (two multiplies per shingle), finished by a
  // mixer.
  const size_t count = n - width + 1;
  constexpr uint64_t kBase = 0x100000001b3ull * 2 + 1;
  uint64_t top = 1;  // kBase^(width - 1)
  for (size_t j = 1; j < width; ++j) top *= kBase;
  uint64_t h = 0;
  for (size_t j = 0; j < width; ++j) h = h * kBase + words[j];
  out->resize(count);
  (*out)[0] = Mix64(h + width);
  for (size_t i = 1; i < count; ++i) {
    h = (h - words[i - 1] * top) * kBase + words[i + width - 1];
    (*out)[i] = Mix64(h + width);
  }
}

namespace {

// Word hashes, exact hash, word count and the (unsorted) shingle set; the shingle hashes stay in
// s->shingle_hashes.
void BuildShingles(std::string_view text, const DedupOptions& options, SketchScratch* s,
                   Sketch* out) {
  WordHashes(text, options.seed, s, &s->token_hashes);
  // The exact hash covers the sequence of word hashes: equal folded word sequences, equal hash.
  out->exact = HashBytes128(std::string_view(reinterpret_cast<const char*>(s->token_hashes.data()),
                                             s->token_hashes.size() * sizeof(uint64_t)));
  out->num_words = static_cast<uint32_t>(s->token_hashes.size());

  // Texts shorter than one shingle get a single shingle of all their words.
  const size_t n = s->token_hashes.size();
  const size_t w = static_cast<size_t>(std::max(1, options.shingle_words));
  ShingleHashes(s->token_hashes, std::min(n, w), &s->shingle_hashes);

  out->shingles.resize(s->shingle_hashes.size());
  for (size_t i = 0; i < s->shingle_hashes.size(); ++i) {
    out->shingles[i] = static_cast<uint32_t>(s->shingle_hashes[i] >> 32);
  }
  out->shingles_final = false;
}

}  // namespace

void BuildVerificationSketch(std::string_view text, const DedupOptions& options, SketchScratch* s,
                             Sketch* out) {
  BuildShingles(text, options, s, out);
  out->minhash.clear();
  out->samples.clear();
  FinalizeShingles(out, &s->radix);
}

void BuildSketch(std::string_view text, const DedupOptions& options, SketchScratch* s, Sketch* out,
                 bool finalize) {
  BuildShingles(text, options, s, out);
  if (finalize) FinalizeShingles(out, &s->radix);
  Winnow(s->shingle_hashes, static_cast<size_t>(std::max(1, options.winnow_window)), options.seed,
         &out->samples);
  std::sort(out->samples.begin(), out->samples.end());
  out->samples.erase(std::unique(out->samples.begin(), out->samples.end()), out->samples.end());

  OnePermutationMinHash(s->shingle_hashes, options.num_hashes, options.seed, &s->filled,
                        &out->minhash);
}

}  // namespace storyline::dedup
