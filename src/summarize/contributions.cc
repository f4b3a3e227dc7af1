// What each outlet adds to a story, and what a copy changed (storyline/summarize.h).

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/status_macros.h"
#include "storyline/summarize.h"
#include "storyline/text.h"
#include "summarize/contributions_internal.h"
#include "summarize/prose.h"
#include "summarize/similarity_internal.h"
#include "summarize/tuning.h"
#include "summarize/witness.h"

namespace storyline {
namespace summarize {
namespace {

struct Word {
  std::string_view raw;
  std::string folded;
};

std::vector<Word> WordsOf(std::string_view s) {
  std::vector<Token> tokens;
  Tokenize(s, &tokens);
  std::vector<Word> out;
  out.reserve(tokens.size());
  for (const Token& t : tokens) {
    const std::string_view raw = s.substr(t.begin, t.end - t.begin);
    out.push_back({raw, NormalizeText(raw)});
  }
  return out;
}

std::string Join(const std::vector<Word>& w, size_t b, size_t e) {
  std::string out;
  for (size_t k = b; k < e; ++k) {
    if (k > b) out += ' ';
    out += w[k].raw;
  }
  return out;
}

// Words [from_begin, from_end) of one text stand where words [to_begin, to_end) of the other do.
struct WordRun {
  size_t from_begin, from_end, to_begin, to_end;
};

// The runs of differing words between `a` and `b` (DiffWords' rule).
std::vector<WordRun> DiffRuns(const std::vector<Word>& a, const std::vector<Word>& b) {
  // The common head and tail need no table; what is left is bounded so the table stays small
  // (a sentence of a million words is one change, not a terabyte).
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head].folded == b[head].folded) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail].folded == b[b.size() - 1 - tail].folded) {
    ++tail;
  }
  const size_t n = a.size() - head - tail, m = b.size() - head - tail;
  constexpr size_t kMaxCells = kMaxDiffCells;
  if (n == 0 && m == 0) return {};
  if ((n + 1) * (m + 1) > kMaxCells) return {{head, head + n, head, head + m}};
  auto same = [&](size_t i, size_t j) { return a[head + i].folded == b[head + j].folded; };
  // LCS table over the folded words of the middles.
  std::vector<uint16_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint16_t& { return lcs[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = same(i, j) ? static_cast<uint16_t>(at(i + 1, j + 1) + 1)
                            : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  std::vector<WordRun> out;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(i, j)) {
      ++i;
      ++j;
      continue;
    }
    // A run of edits up to the next common word: one change "from" -> "to".
    const size_t bi = i, bj = j;
    while ((i < n || j < m) && !(i < n && j < m && same(i, j))) {
      if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
        ++j;
      } else {
        ++i;
      }
    }
    out.push_back({head + bi, head + i, head + bj, head + j});
  }
  return out;
}

}  // namespace

std::vector<WordChange> DiffWords(std::string_view from, std::string_view to) {
  const std::vector<Word> a = WordsOf(from), b = WordsOf(to);
  std::vector<WordChange> out;
  for (const WordRun& r : DiffRuns(a, b)) {
    out.push_back({Join(a, r.from_begin, r.from_end), Join(b, r.to_begin, r.to_end)});
  }
  return out;
}

std::vector<ByteRun> DiffSpans(std::string_view from, std::string_view to) {
  const std::vector<Word> a = WordsOf(from), b = WordsOf(to);
  // [begin, end) of words `w[first..last)` in `s`; empty at 0 for no words.
  auto span = [](std::string_view s, const std::vector<Word>& w, size_t first, size_t last) {
    if (first == last) return std::pair<size_t, size_t>(0, 0);
    return std::pair<size_t, size_t>(static_cast<size_t>(w[first].raw.data() - s.data()),
                                     static_cast<size_t>(w[last - 1].raw.data() - s.data()) +
                                         w[last - 1].raw.size());
  };
  std::vector<ByteRun> out;
  for (const WordRun& r : DiffRuns(a, b)) {
    const auto [fb, fe] = span(from, a, r.from_begin, r.from_end);
    const auto [tb, te] = span(to, b, r.to_begin, r.to_end);
    out.push_back({fb, fe, tb, te});
  }
  return out;
}

}  // namespace summarize

namespace {

using summarize::kCarriedContent;
using summarize::kMaxListed;
using summarize::kMaxPosting;
using summarize::kMaxRewriteChanges;
using summarize::kNearCopy;

struct Sent {
  std::string text;
  summarize::SentenceBag bag;
  std::string folded;
  size_t begin = 0, end = 0;  // the sentence's bytes in its article
};

// The cleaned sentences of `text`, bagged for the paraphrase test when `bags`.
std::vector<Sent> SentencesOf(std::string_view text, bool bags = true) {
  std::vector<SentenceSpan> spans;
  SplitSentences(text, &spans);
  std::vector<Sent> out;
  for (const SentenceSpan& sp : spans) {
    Sent s;
    s.text = CleanSentence(text.substr(sp.begin, sp.end - sp.begin));
    if (s.text.empty()) continue;
    if (bags) summarize::MakeBag(s.text, &s.bag);
    s.folded = NormalizeText(s.text);
    s.begin = sp.begin;
    s.end = sp.end;
    out.push_back(std::move(s));
  }
  return out;
}

// The index of the sentence of `pool` most similar to `s`, and that similarity.
std::pair<int64_t, double> Closest(const Sent& s, const std::vector<Sent>& pool) {
  int64_t best = -1;
  double sim = 0;
  for (size_t k = 0; k < pool.size(); ++k) {
    const double x =
        pool[k].folded == s.folded ? 1.0 : summarize::BagSimilarity(s.bag, pool[k].bag);
    if (x > sim) {
      sim = x;
      best = static_cast<int64_t>(k);
    }
  }
  return {best, sim};
}

}  // namespace

namespace {

// How a copy's sentences line up with its original's: each copy sentence is the same as an
// original one (folded text), a rewrite of one (the paraphrase test), or added; the original's
// sentences no copy sentence took were dropped.
struct CopyMatch {
  std::vector<Sent> original, copy;
  static constexpr int64_t kAdded = -1;
  std::vector<int64_t> same;      // per copy sentence: the original sentence it repeats, or -1
  std::vector<int64_t> rewrites;  // per copy sentence: the original sentence it rewrites, or -1
  std::vector<bool> kept;         // per original sentence: repeated or rewritten
};

CopyMatch MatchCopy(std::string_view original, std::string_view copy) {
  CopyMatch m;
  m.original = SentencesOf(original, /*bags=*/false);
  m.copy = SentencesOf(copy, false);
  std::vector<Sent>& o = m.original;
  std::vector<Sent>& c = m.copy;
  m.same.assign(c.size(), CopyMatch::kAdded);
  m.rewrites.assign(c.size(), CopyMatch::kAdded);
  m.kept.assign(o.size(), false);
  // Most sentences of a copy are its original's, word for word: matched by their folded text;
  // only the rest are bagged and aligned by the paraphrase test.
  std::unordered_map<std::string_view, size_t> exact;
  for (size_t k = 0; k < o.size(); ++k) exact.emplace(o[k].folded, k);
  std::vector<size_t> open;
  for (size_t j = 0; j < c.size(); ++j) {
    auto it = exact.find(c[j].folded);
    if (it != exact.end()) {
      m.kept[it->second] = true;
      m.same[j] = static_cast<int64_t>(it->second);
    } else {
      open.push_back(j);
    }
  }
  // Paraphrase alignment of what is left, unless that is a huge all-pairs job (two long texts
  // that share little are not a copy's edits worth listing word by word).
  constexpr size_t kMaxPairs = summarize::kMaxAlignPairs;
  size_t unmatched = 0;
  for (bool k : m.kept) unmatched += !k;
  if (open.empty() || open.size() * unmatched > kMaxPairs) return m;
  std::vector<Sent> pool;  // the original's sentences no copy sentence matched exactly
  std::vector<size_t> pool_index;
  for (size_t k = 0; k < o.size(); ++k) {
    if (m.kept[k]) continue;
    summarize::MakeBag(o[k].text, &o[k].bag);
    pool.push_back(o[k]);
    pool_index.push_back(k);
  }
  for (size_t j : open) {
    Sent& s = c[j];
    summarize::MakeBag(s.text, &s.bag);
    const auto [k, sim] = Closest(s, pool);
    if (k < 0 || sim < kParaphraseThreshold) continue;
    const size_t at = pool_index[static_cast<size_t>(k)];
    m.kept[at] = true;
    m.rewrites[j] = static_cast<int64_t>(at);
  }
  return m;
}

}  // namespace

CopyChanges CompareCopy(std::string_view original, std::string_view copy) {
  CopyChanges out;
  if (original == copy) return out;
  const CopyMatch m = MatchCopy(original, copy);
  for (size_t j = 0; j < m.copy.size(); ++j) {
    if (m.same[j] >= 0) continue;
    if (m.rewrites[j] < 0) {
      if (out.added.size() < kMaxListed) out.added.push_back(m.copy[j].text);
      continue;
    }
    const Sent& from = m.original[static_cast<size_t>(m.rewrites[j])];
    for (WordChange& w : summarize::DiffWords(from.text, m.copy[j].text)) {
      if (out.changes.size() < 4 * kMaxListed) out.changes.push_back(std::move(w));
    }
  }
  for (size_t k = 0; k < m.original.size(); ++k) {
    if (!m.kept[k] && out.dropped.size() < kMaxListed) out.dropped.push_back(m.original[k].text);
  }
  return out;
}

std::string_view TextMarkKindName(TextMark::Kind kind) {
  switch (kind) {
    case TextMark::Kind::kAdded:
      return "added";
    case TextMark::Kind::kDropped:
      return "dropped";
    case TextMark::Kind::kChanged:
      break;
  }
  return "changed";
}

CopyMarks MarkCopy(std::string_view original, std::string_view copy) {
  CopyMarks out;
  if (original == copy) return out;
  const CopyMatch m = MatchCopy(original, copy);
  // Changed words carry their run's number (the same on both sides); sentences carry -1.
  int32_t run = 0;
  auto mark = [](std::vector<TextMark>* marks, size_t begin, size_t end, int32_t run_number) {
    TextMark m;
    m.begin = static_cast<uint32_t>(begin);
    m.end = static_cast<uint32_t>(end);
    m.run = run_number;
    m.kind = run_number < 0 ? TextMark::Kind::kAdded : TextMark::Kind::kChanged;
    marks->push_back(m);
  };
  for (size_t j = 0; j < m.copy.size(); ++j) {
    const Sent& c = m.copy[j];
    if (m.same[j] >= 0) continue;
    if (m.rewrites[j] < 0) {
      mark(&out.copy, c.begin, c.end, -1);
      continue;
    }
    // The words are compared in the sentences as published, so the ranges fall on the texts.
    const Sent& o = m.original[static_cast<size_t>(m.rewrites[j])];
    for (const summarize::ByteRun& r :
         summarize::DiffSpans(original.substr(o.begin, o.end - o.begin),
                              copy.substr(c.begin, c.end - c.begin))) {
      if (r.from_end > r.from_begin) {
        mark(&out.original, o.begin + r.from_begin, o.begin + r.from_end, run);
      }
      if (r.to_end > r.to_begin) mark(&out.copy, c.begin + r.to_begin, c.begin + r.to_end, run);
      ++run;
    }
  }
  for (size_t k = 0; k < m.original.size(); ++k) {
    if (!m.kept[k]) {
      mark(&out.original, m.original[k].begin, m.original[k].end, -1);
      out.original.back().kind = TextMark::Kind::kDropped;
    }
  }
  auto by_begin = [](const TextMark& x, const TextMark& y) { return x.begin < y.begin; };
  std::sort(out.original.begin(), out.original.end(), by_begin);
  std::sort(out.copy.begin(), out.copy.end(), by_begin);
  return out;
}

Result<std::vector<OutletContribution>> OutletContributions(std::span<const Article> articles,
                                                            std::span<const uint32_t> members,
                                                            const BriefOptions& options) {
  RETURN_IF_ERROR(Validate(options));
  for (uint32_t a : members) {
    if (a >= articles.size()) {
      return Status::InvalidArgument("OutletContributions: member out of range");
    }
  }
  const size_t max_unique = static_cast<size_t>(options.max_contributions);
  const std::vector<uint32_t> outlet_of = summarize::WitnessIds(articles, members);
  // Every sentence of the story, bagged once, and an index from content terms to sentences:
  // a sentence is compared only with the other outlets' sentences it shares content words with,
  // and exactly only when what it shares could reach the threshold.
  struct Ref {
    uint32_t member, sentence;
  };
  std::vector<std::vector<Sent>> sents(members.size());
  std::vector<Ref> refs;
  std::unordered_map<uint64_t, std::vector<uint32_t>> index;
  for (size_t m = 0; m < members.size(); ++m) {
    sents[m] = SentencesOf(articles[members[m]].text);
    for (uint32_t k = 0; k < sents[m].size(); ++k) {
      const uint32_t id = static_cast<uint32_t>(refs.size());
      refs.push_back({static_cast<uint32_t>(m), k});
      for (const summarize::Term& t : sents[m][k].bag.terms) {
        if (t.weight >= 1.0) index[t.hash].push_back(id);
      }
    }
  }
  // With one outlet there is no other to compare with: no contributions.
  bool several = false;
  for (size_t m = 1; m < members.size(); ++m) several |= outlet_of[m] != outlet_of[0];
  if (!several) {
    std::vector<OutletContribution> none(members.size());
    for (size_t m = 0; m < members.size(); ++m) none[m].article = members[m];
    return none;
  }
  std::vector<double> shared(refs.size(), 0.0);
  std::vector<uint32_t> touched;
  std::vector<OutletContribution> out;
  for (size_t m = 0; m < members.size(); ++m) {
    OutletContribution c;
    c.article = members[m];
    for (const Sent& s : sents[m]) {
      // Only prose: not a caption, a credit or a fragment of a split quotation.
      if (!summarize::IsProse(s.text, s.folded, options.min_sentence_words,
                              options.max_contribution_sentence_words)) {
        continue;
      }
      touched.clear();
      for (const summarize::Term& t : s.bag.terms) {
        if (t.weight < 1.0) continue;
        auto it = index.find(t.hash);
        // A word in very many sentences ("said") proposes nothing: it would make the pass
        // quadratic in a long story. Its weight still counts through the exact Dice of the
        // sentences the other words propose.
        if (it == index.end() || it->second.size() > kMaxPosting) continue;
        for (uint32_t id : it->second) {
          const Ref& r = refs[id];
          if (r.member == m || outlet_of[r.member] == outlet_of[m]) continue;  // other outlets
          if (shared[id] == 0) touched.push_back(id);
          shared[id] += t.weight;
        }
      }
      int64_t best_id = -1;
      double best = 0;
      bool carried = false;
      const double content = s.bag.weight - s.bag.function_weight;
      for (uint32_t id : touched) {
        const Sent& o = sents[refs[id].member][refs[id].sentence];
        // Carried when another outlet's sentence holds most of its content words, even inside a
        // longer sentence of its own.
        carried |= content > 0 && shared[id] >= kCarriedContent * content;
        // Dice can reach the threshold only if the function words could make up the rest.
        const double bound = shared[id] + std::min(s.bag.function_weight, o.bag.function_weight);
        shared[id] = 0;
        if (2 * bound < kParaphraseThreshold * (s.bag.weight + o.bag.weight)) continue;
        const double sim = o.folded == s.folded ? 1.0 : summarize::BagSimilarity(s.bag, o.bag);
        if (sim > best) {
          best = sim;
          best_id = id;
        }
      }
      if (best < kParaphraseThreshold) {
        if (!carried && c.unique.size() < max_unique) {
          c.unique.push_back(s.text);
        }
        continue;
      }
      if (best >= 1.0 || best < kNearCopy) continue;
      const Ref& r = refs[static_cast<size_t>(best_id)];
      const Sent& other = sents[r.member][r.sentence];
      if (other.folded == s.folded) continue;
      std::vector<WordChange> changes = summarize::DiffWords(other.text, s.text);
      if (changes.empty() || static_cast<int>(changes.size()) > kMaxRewriteChanges) continue;
      if (c.rewrites.size() < kMaxListed) {
        c.rewrites.push_back(
            SentenceRewrite{s.text, other.text, members[r.member], std::move(changes)});
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace storyline
