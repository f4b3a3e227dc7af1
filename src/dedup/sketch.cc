#include "dedup/sketch.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace storyline::dedup {

void OnePermutationMinHash(const std::vector<uint64_t>& hashes, int num_bins, uint64_t seed,
                           std::vector<uint8_t>* filled, std::vector<uint32_t>* out) {
  const uint32_t kEmpty = std::numeric_limits<uint32_t>::max();
  const uint64_t k = static_cast<uint64_t>(num_bins);
  out->assign(k, kEmpty);
  filled->assign(k, 0);
  // Inputs are mixed hashes already (shingle hashes), so the seed is folded in without another
  // mixing round.
  const uint64_t salt = Mix64(seed);
  for (uint64_t h : hashes) {
    uint64_t x = h ^ salt;
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
  return static_cast<unsigned char>(c | ((c - 'A' < 26u) ? 0x20 : 0));
}

// Hash of a word: its bytes loaded eight at a time, each load mixed in. Words are short, so
// this is a handful of instructions where a general-purpose hash costs tens. With `lower`,
// ASCII letters are lower-cased as they are loaded (the word must be ASCII), which gives the
// hash of the lower-cased word without writing it anywhere.
template <bool lower>
inline uint64_t WordHash(const char* p, size_t n, uint64_t seed) {
  uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ull);
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    if (lower) w = LowerAscii8(w);
    h = Mix64(h ^ w) * 0xbf58476d1ce4e5b9ull;
    p += 8;
    n -= 8;
  }
  // The last 0..7 bytes by loads that stay inside the word (overlapping for 4..7, the XXH3
  // trick for 1..3): no byte-wise copy through memory, which would stall the load after it.
  uint64_t w = 0;
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    w = lo | (static_cast<uint64_t>(hi) << 32);
    if (lower) w = LowerAscii8(w);
  } else if (n > 0) {
    auto byte = [&](size_t k) -> uint64_t {
      const auto c = static_cast<unsigned char>(p[k]);
      return lower ? LowerAscii(c) : c;
    };
    w = byte(0) | (byte(n / 2) << 8) | (byte(n - 1) << 16);
  }
  return Mix64(h ^ w ^ (n << 56));
}

// Byte classes of the word scanner: ASCII separators, letters, digits, the four characters that
// may join two runs (' - . ,), and bytes of non-ASCII characters.
enum : uint8_t { kSep = 0, kLetter = 1, kDigit = 2, kJoin = 3, kHigh = 4 };
constexpr auto kByteClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = t[c - 32] = kLetter;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  t['\''] = t['-'] = t['.'] = t[','] = kJoin;
  for (int c = 0x80; c < 256; ++c) t[c] = kHigh;
  return t;
}();

inline bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

void WordHashes(std::string_view text, uint64_t seed, SketchScratch* s,
                std::vector<uint64_t>* out) {
  out->clear();
  out->reserve(text.size() / 5 + 1);
  const char* p = text.data();
  const size_t n = text.size();
  auto cls = [&](size_t i) { return i < n ? kByteClass[static_cast<unsigned char>(p[i])] : kSep; };
  size_t pos = 0;
  while (pos < n) {
    uint8_t c = cls(pos);
    if (c == kSep || c == kJoin) {
      ++pos;
      continue;
    }
    // One word of ASCII letters and digits, joined as Tokenize joins them: "don't", "al-Assad",
    // "3.5", "1,000", "U.S.".
    const size_t begin = pos;
    bool high = c == kHigh;
    bool abbreviation = c == kLetter, joined_dot = false;
    int piece_letters = 0;
    uint8_t last = c;
    while (!high) {
      while ((c = cls(pos)) == kLetter || c == kDigit) {
        piece_letters += c == kLetter;
        abbreviation &= c == kLetter;
        last = c;
        ++pos;
      }
      if (c == kHigh) {
        high = true;
        break;
      }
      if (c != kJoin) break;
      const char j = p[pos];
      const uint8_t next = cls(pos + 1);
      if (next == kHigh) {
        high = true;
        break;
      }
      bool join = false;
      if (j == '\'' || j == '-') {
        join = next == kLetter || next == kDigit;
        abbreviation = false;
      } else if (last == kDigit && next == kDigit) {
        join = true;
        abbreviation = false;
      } else if (j == '.' && abbreviation && piece_letters == 1 && next == kLetter) {
        const uint8_t after = cls(pos + 2);
        if (after == kHigh) {
          high = true;
          break;
        }
        join = after != kLetter && after != kDigit;
        joined_dot |= join;
      }
      if (!join) break;
      if (j == '.') piece_letters = 0;
      ++pos;
    }
    if (!high) {
      if (abbreviation && joined_dot && piece_letters == 1 && pos < n && p[pos] == '.') ++pos;
      out->push_back(WordHash<true>(p + begin, pos - begin, seed));
      continue;
    }
    // A word with non-ASCII characters: the text up to the next ASCII space goes through the
    // full tokenizer and NormalizeText, word by word.
    size_t end = pos;
    while (end < n && !IsAsciiSpace(static_cast<unsigned char>(p[end]))) ++end;
    const std::string_view chunk(p + begin, end - begin);
    s->tokens.clear();
    Tokenize(chunk, &s->tokens);
    for (const Token& t : s->tokens) {
      const std::string_view word = chunk.substr(t.begin, t.end - t.begin);
      bool ascii = true;
      for (char ch : word) ascii &= static_cast<unsigned char>(ch) < 0x80;
      if (ascii) {
        out->push_back(WordHash<true>(word.data(), word.size(), seed));
      } else {
        s->normalized = NormalizeText(word);
        out->push_back(WordHash<false>(s->normalized.data(), s->normalized.size(), seed));
      }
    }
    pos = end;
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

void BuildSketch(std::string_view text, const DedupOptions& options, SketchScratch* s,
                 Sketch* out, bool finalize) {
  WordHashes(text, options.seed, s, &s->token_hashes);
  // The exact hash covers the sequence of word hashes: equal folded word sequences, equal hash.
  out->exact = HashBytes128(std::string_view(reinterpret_cast<const char*>(s->token_hashes.data()),
                                             s->token_hashes.size() * sizeof(uint64_t)));
  out->num_words = static_cast<uint32_t>(s->token_hashes.size());

  // Shingle hashes by a polynomial rolling hash over the word hashes (two multiplies per
  // shingle), finished by a mixer.
  const size_t n = s->token_hashes.size();
  const size_t w = static_cast<size_t>(std::max(1, options.shingle_words));
  s->shingle_hashes.clear();
  if (n > 0) {
    // Texts shorter than one shingle get a single shingle of all their words.
    const size_t width = std::min(n, w);
    const size_t count = n - width + 1;
    constexpr uint64_t kBase = 0x100000001b3ull * 2 + 1;
    uint64_t top = 1;  // kBase^(width - 1)
    for (size_t j = 1; j < width; ++j) top *= kBase;
    uint64_t h = 0;
    for (size_t j = 0; j < width; ++j) h = h * kBase + s->token_hashes[j];
    s->shingle_hashes.resize(count);
    s->shingle_hashes[0] = Mix64(h + width);
    for (size_t i = 1; i < count; ++i) {
      h = (h - s->token_hashes[i - 1] * top) * kBase + s->token_hashes[i + width - 1];
      s->shingle_hashes[i] = Mix64(h + width);
    }
  }

  out->shingles.resize(s->shingle_hashes.size());
  for (size_t i = 0; i < s->shingle_hashes.size(); ++i) {
    out->shingles[i] = static_cast<uint32_t>(s->shingle_hashes[i] >> 32);
  }
  out->shingles_final = false;
  if (finalize) FinalizeShingles(out, &s->radix);
  Winnow(s->shingle_hashes, static_cast<size_t>(std::max(1, options.winnow_window)),
         options.seed, &out->samples);
  std::sort(out->samples.begin(), out->samples.end());
  out->samples.erase(std::unique(out->samples.begin(), out->samples.end()), out->samples.end());

  OnePermutationMinHash(s->shingle_hashes, options.num_hashes, options.seed, &s->filled,
                        &out->minhash);
}

}  // namespace storyline::dedup
