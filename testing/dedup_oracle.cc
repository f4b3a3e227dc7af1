#include "testing/dedup_oracle.h"

#include <algorithm>
#include <thread>

#include "storyline/text.h"

namespace storyline::testing {
namespace {

// FNV-1a with a final avalanche: simple, and unrelated to the library's XXH3 shingle hashes, so
// the oracle cannot share a hashing bug with the code it checks.
uint64_t HashBytes(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;
}

// Maps each byte of `norm` == NormalizeText(text) to the code point of `text` it came from:
// [(*from)[k], (*to)[k]) in `text`. The text is normalised one code point at a time, each
// between two ASCII letters so that the normaliser shows what it does to that code point in
// running text (a space for whitespace, nothing for an ignorable character, "-" for a dash);
// spaces are then collapsed and trimmed as NormalizeText does. Returns false when the pieces do
// not add up to `norm` (a combining mark that composes with its neighbour, say), so the map is
// only ever used when it is exact.
bool MapNormalizedBytes(std::string_view text, const std::string& norm, std::vector<uint32_t>* from,
                        std::vector<uint32_t>* to) {
  std::string mine;
  mine.reserve(norm.size());
  from->clear();
  to->clear();
  bool space = false;
  std::string piece, probe;
  for (size_t pos = 0; pos < text.size();) {
    const size_t len =
        std::min(Utf8Length(static_cast<unsigned char>(text[pos])), text.size() - pos);
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      const bool white = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
      piece.assign(1, white ? ' ' : static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    } else {
      probe.clear();
      probe.push_back('a');
      probe.append(text.substr(pos, len));
      probe += 'b';
      std::string r = NormalizeText(probe);
      if (r.size() < 2 || r.front() != 'a' || r.back() != 'b') return false;
      piece = r.substr(1, r.size() - 2);
    }
    for (char b : piece) {
      if (b == ' ') {
        space = !mine.empty();
        continue;
      }
      if (space) {
        mine += ' ';
        from->push_back(static_cast<uint32_t>(pos));
        to->push_back(static_cast<uint32_t>(pos + len));
        space = false;
      }
      mine += b;
      from->push_back(static_cast<uint32_t>(pos));
      to->push_back(static_cast<uint32_t>(pos + len));
    }
    pos += len;
  }
  return mine == norm;
}

PairOverlap MakeOverlap(const std::vector<ShingleProfile>& p, uint32_t a, uint32_t b,
                        uint32_t shared) {
  PairOverlap o;
  o.a = a;
  o.b = b;
  o.shared = shared;
  const size_t sa = p[a].shingles.size(), sb = p[b].shingles.size();
  const size_t uni = sa + sb - shared;
  o.jaccard = uni == 0 ? 0.0 : static_cast<double>(shared) / static_cast<double>(uni);
  o.shorter = sb < sa ? b : a;
  const size_t small = std::min(sa, sb);
  o.containment = small == 0 ? 0.0 : static_cast<double>(shared) / static_cast<double>(small);
  o.exact = !p[a].stream.empty() && p[a].stream == p[b].stream;
  return o;
}

// Tokens covered by the shingle starting at token `i`.
size_t ShingleWidth(const ShingleProfile& p) {
  return std::min<size_t>(p.num_words, static_cast<size_t>(std::max(1, p.shingle_words)));
}

}  // namespace

ShingleProfile BuildShingleProfile(std::string_view text, int shingle_words) {
  ShingleProfile p;
  p.shingle_words = shingle_words;
  const std::string norm = NormalizeText(text);
  std::vector<Token> tokens;
  Tokenize(norm, &tokens);
  p.num_words = static_cast<uint32_t>(tokens.size());
  if (tokens.empty()) return p;

  // The stream holds the tokens joined by single spaces, so a shingle is literally the substring
  // from its first token's start to its last token's end.
  std::vector<size_t> start(tokens.size()), stop(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) p.stream += ' ';
    start[i] = p.stream.size();
    p.stream.append(norm, tokens[i].begin, tokens[i].end - tokens[i].begin);
    stop[i] = p.stream.size();
  }
  const size_t width = ShingleWidth(p);
  const size_t count = tokens.size() - width + 1;
  p.sequence.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    p.sequence.push_back(
        HashBytes(std::string_view(p.stream).substr(start[i], stop[i + width - 1] - start[i])));
  }
  p.shingles = p.sequence;
  std::sort(p.shingles.begin(), p.shingles.end());
  p.shingles.erase(std::unique(p.shingles.begin(), p.shingles.end()), p.shingles.end());

  // Byte offsets in the original text, through an exact map of the normalised bytes.
  std::vector<uint32_t> from, to;
  if (!MapNormalizedBytes(text, norm, &from, &to)) return p;
  p.token_bytes.reserve(tokens.size());
  for (const Token& t : tokens) p.token_bytes.emplace_back(from[t.begin], to[t.end - 1]);
  return p;
}

std::vector<ShingleProfile> BuildShingleProfiles(std::span<const Article> articles,
                                                 int shingle_words, int threads) {
  std::vector<ShingleProfile> out(articles.size());
  size_t workers = threads > 0 ? static_cast<size_t>(threads)
                               : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min(workers, std::max<size_t>(1, articles.size()));
  std::vector<std::thread> pool;
  for (size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      for (size_t i = w; i < articles.size(); i += workers) {
        out[i] = BuildShingleProfile(articles[i].text, shingle_words);
      }
    });
  }
  for (std::thread& t : pool) t.join();
  return out;
}

PairOverlap ComparePair(const std::vector<ShingleProfile>& profiles, uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  const std::vector<uint64_t>& x = profiles[a].shingles;
  const std::vector<uint64_t>& y = profiles[b].shingles;
  uint32_t shared = 0;
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] < y[j]) {
      ++i;
    } else if (y[j] < x[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return MakeOverlap(profiles, a, b, shared);
}

std::vector<PairOverlap> AllOverlappingPairs(const std::vector<ShingleProfile>& profiles,
                                             const std::function<bool(const PairOverlap&)>& keep) {
  const uint32_t n = static_cast<uint32_t>(profiles.size());
  // Posting lists: (shingle, text) sorted, so each shingle's texts form one ascending run.
  std::vector<std::pair<uint64_t, uint32_t>> postings;
  size_t total = 0;
  for (const ShingleProfile& p : profiles) total += p.shingles.size();
  postings.reserve(total);
  for (uint32_t d = 0; d < n; ++d) {
    for (uint64_t h : profiles[d].shingles) postings.emplace_back(h, d);
  }
  std::sort(postings.begin(), postings.end());
  // Where each text's entries sit in `postings`: a text's shingles are sorted, so its k-th entry
  // in posting order is its k-th shingle.
  std::vector<std::vector<uint32_t>> where(n);
  for (uint32_t d = 0; d < n; ++d) where[d].reserve(profiles[d].shingles.size());
  for (size_t k = 0; k < postings.size(); ++k) {
    where[postings[k].second].push_back(static_cast<uint32_t>(k));
  }

  std::vector<PairOverlap> out;
  std::vector<uint32_t> shared(n, 0);
  std::vector<uint32_t> touched;
  for (uint32_t a = 0; a < n; ++a) {
    touched.clear();
    for (uint32_t k : where[a]) {
      // The texts after `a` in this shingle's run.
      const uint64_t h = postings[k].first;
      for (size_t m = k + 1; m < postings.size() && postings[m].first == h; ++m) {
        if (shared[postings[m].second]++ == 0) touched.push_back(postings[m].second);
      }
    }
    std::sort(touched.begin(), touched.end());
    for (uint32_t b : touched) {
      PairOverlap o = MakeOverlap(profiles, a, b, shared[b]);
      shared[b] = 0;
      if (!keep || keep(o)) out.push_back(o);
    }
  }
  return out;
}

uint32_t LongestSharedRunWords(const ShingleProfile& text, const ShingleProfile& other) {
  size_t best = 0, run = 0;
  for (uint64_t h : text.sequence) {
    if (std::binary_search(other.shingles.begin(), other.shingles.end(), h)) {
      best = std::max(best, ++run);
    } else {
      run = 0;
    }
  }
  return best == 0 ? 0 : static_cast<uint32_t>(best + ShingleWidth(text) - 1);
}

std::vector<uint64_t> ShinglesInBytes(const ShingleProfile& p, uint32_t begin, uint32_t end) {
  std::vector<uint64_t> out;
  const size_t width = ShingleWidth(p);
  for (size_t i = 0; i < p.sequence.size(); ++i) {
    if (p.token_bytes[i].first >= begin && p.token_bytes[i + width - 1].second <= end) {
      out.push_back(p.sequence[i]);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

uint64_t BytesCoveredByShingles(const ShingleProfile& p, uint32_t begin, uint32_t end,
                                const std::vector<uint64_t>& set) {
  const size_t width = ShingleWidth(p);
  uint64_t covered = 0;
  // Occurrences start in increasing byte order, so one sweep merges overlapping ones.
  uint32_t cur_begin = 0, cur_end = 0;
  bool open = false;
  for (size_t i = 0; i < p.sequence.size(); ++i) {
    if (!std::binary_search(set.begin(), set.end(), p.sequence[i])) continue;
    uint32_t b = std::max(begin, p.token_bytes[i].first);
    uint32_t e = std::min(end, p.token_bytes[i + width - 1].second);
    if (b >= e) continue;
    if (open && b <= cur_end) {
      cur_end = std::max(cur_end, e);
      continue;
    }
    if (open) covered += cur_end - cur_begin;
    cur_begin = b;
    cur_end = e;
    open = true;
  }
  if (open) covered += cur_end - cur_begin;
  return covered;
}

uint32_t WordsInBytes(const ShingleProfile& p, uint32_t begin, uint32_t end) {
  uint32_t n = 0;
  for (const auto& [b, e] : p.token_bytes) n += b >= begin && e <= end;
  return n;
}

}  // namespace storyline::testing
