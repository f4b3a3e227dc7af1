#include "storyline/summarize.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "common/civil_date.h"
#include "common/hash.h"
#include "common/status_macros.h"
#include "extract/boilerplate_cues.h"
#include "storyline/text.h"
#include "summarize/dates_in_text.h"
#include "summarize/prose.h"
#include "summarize/tuning.h"
#include "summarize/witness.h"
#include "text/names.h"
#include "text/stem_cache.h"
#include "text/term_vector.h"
#include "text/utf8.h"
#include "text/words.h"

namespace storyline {
namespace {

struct Candidate {
  std::string text;
  std::string folded;  // NormalizeText(text)
  uint32_t article;
  uint32_t position;  // sentence index in the article (before filtering)
  int words;
  text::TermVector vec;
  double score = 0;
};

// Sentences a reader should never see in a brief: page furniture, calls to action, credits
// (the boilerplate cues of extract/boilerplate_cues.h), and markup left in crawled text (a
// <figcaption> line).
bool LooksLikeBoilerplate(std::string_view sentence, std::string_view folded) {
  if (sentence.find('<') != std::string_view::npos &&
      sentence.find('>') != std::string_view::npos) {
    return true;
  }
  return extract::HasBoilerplateCue(folded);
}

// Straight double quotes must pair up, and curly ones must open before they close, or the
// sentence is a fragment of a quotation split across sentences.
bool QuotesBalanced(std::string_view s) {
  int straight = 0, curly = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '"') ++straight;
    if (s.compare(i, 3, "\xE2\x80\x9C") == 0) ++curly;  // “
    if (s.compare(i, 3, "\xE2\x80\x9D") == 0) {         // ”
      if (--curly < 0) return false;
    }
  }
  return straight % 2 == 0 && curly == 0;
}

// A quotation mark of any kind: straight, curly, or the `` '' of newswire text.
bool HasQuote(std::string_view s) {
  return s.find('"') != std::string_view::npos || s.find("``") != std::string_view::npos ||
         s.find("''") != std::string_view::npos ||
         s.find("\xE2\x80\x9C") != std::string_view::npos ||
         s.find("\xE2\x80\x9D") != std::string_view::npos;
}

bool EndsLikeSentence(std::string_view s) {
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == '"' || c == '\'' || c == ')') {
      s.remove_suffix(1);
      continue;
    }
    if (s.size() >= 3 &&
        (s.substr(s.size() - 3) == "\xE2\x80\x9D" || s.substr(s.size() - 3) == "\xE2\x80\x99")) {
      s.remove_suffix(3);
      continue;
    }
    return c == '.' || c == '!' || c == '?';
  }
  return false;
}

bool StartsLikeSentence(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == '"' || s[i] == '\'' || s[i] == '(')) ++i;
  if (i == s.size()) return false;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c >= 0x80) return true;  // non-ASCII letters and curly quotes: accept
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

namespace summarize {

bool IsProse(std::string_view s, std::string_view folded, int min_words, int max_words) {
  const int words = static_cast<int>(text::CountWords(s));
  if (words < min_words || words > max_words) return false;
  if (!StartsLikeSentence(s) || !EndsLikeSentence(s) || !QuotesBalanced(s)) return false;
  if (LooksLikeBoilerplate(s, folded)) return false;
  // Short exclamations are calls to action ("Go Ad-Free!"), not news sentences.
  return !(words < kMinExclamationWords && s.back() == '!');
}

}  // namespace summarize

std::string CleanSentence(std::string_view sentence) {
  std::string out;
  out.reserve(sentence.size());
  bool pending_space = false;
  for (size_t i = 0; i < sentence.size(); ++i) {
    char c = sentence[i];
    // A no-break space (U+00A0) is still a space to a reader.
    bool nbsp = c == '\xC2' && i + 1 < sentence.size() && sentence[i + 1] == '\xA0';
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || nbsp) {
      i += nbsp;
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  size_t dl = DatelineLength(out);
  if (dl > 0 && dl < out.size()) out.erase(0, dl);
  // Bullets and dashes left at the front (a dateline's dash, a list marker) are not prose.
  for (bool again = true; again;) {
    again = false;
    for (std::string_view lead : {"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA2", "-", "*"}) {
      if (out.size() > lead.size() && std::string_view(out).substr(0, lead.size()) == lead) {
        size_t cut = lead.size();
        while (cut < out.size() && out[cut] == ' ') ++cut;
        out.erase(0, cut);
        again = true;
      }
    }
  }
  return out;
}

namespace {

// Appends the concepts of `norm` (a sentence as NormalizeText gives it: stemmed word bigrams,
// not both stop words; with `unigrams`, content words too), each once, to `*out`.
void SentenceConcepts(std::string_view norm, bool unigrams, text::StemCache* stems,
                      std::vector<Token>* tokens, std::vector<uint64_t>* out) {
  tokens->clear();
  Tokenize(norm, tokens);
  uint64_t prev = 0;
  bool prev_stop = true, have_prev = false;
  const size_t first = out->size();
  for (const Token& t : *tokens) {
    std::string_view w = norm.substr(t.begin, t.end - t.begin);
    w = text::StripPossessive(w);
    const auto [h, stop] = stems->Of(w);
    // Bigrams have the low bit clear, unigrams set.
    if (have_prev && !(stop && prev_stop)) {
      out->push_back(Mix64(prev * 0x9E3779B97F4A7C15ull + h) & ~uint64_t{1});
    }
    if (unigrams && !stop && t.kind == TokenKind::kWord) out->push_back((Mix64(h) | 1));
    prev = h;
    prev_stop = stop;
    have_prev = true;
  }
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end());
  out->erase(std::unique(out->begin() + static_cast<std::ptrdiff_t>(first), out->end()),
             out->end());
}

// Budgeted maximum coverage: the subset of `cands` within `budget` words (and `max_sentences`)
// covering the most weight, each concept counted once. Greedy by gain / words^r with the
// cosine redundancy cut, then single swaps and additions while one improves the coverage.
std::vector<size_t> SelectByCoverage(const std::vector<Candidate>& cands,
                                     const std::vector<std::vector<uint32_t>>& concepts,
                                     const std::vector<double>& weight, int budget,
                                     const BriefOptions& o) {
  const size_t n = cands.size();
  std::vector<int> covered(weight.size(), 0);
  std::vector<size_t> picked;
  std::vector<bool> in(n, false);
  int words = 0;
  auto gain = [&](size_t i, int64_t drop) {  // weight i adds (with sentence `drop` removed)
    double g = 0;
    for (uint32_t c : concepts[i]) {
      int have = covered[c];
      if (drop >= 0 && std::binary_search(concepts[drop].begin(), concepts[drop].end(), c)) {
        --have;
      }
      if (have == 0) g += weight[c];
    }
    return g;
  };
  auto loss = [&](size_t i) {  // weight lost when i leaves
    double l = 0;
    for (uint32_t c : concepts[i]) {
      if (covered[c] == 1) l += weight[c];
    }
    return l;
  };
  auto redundant = [&](size_t i, int64_t except) {
    for (size_t j : picked) {
      if (static_cast<int64_t>(j) == except) continue;
      if (cands[i].text == cands[j].text ||
          text::Dot(cands[i].vec, cands[j].vec) >= o.redundancy_threshold) {
        return true;
      }
    }
    return false;
  };
  auto fits = [&](int w) { return budget <= 0 || w <= budget; };
  auto add = [&](size_t i) {
    picked.push_back(i);
    in[i] = true;
    words += cands[i].words;
    for (uint32_t c : concepts[i]) ++covered[c];
  };
  auto remove = [&](size_t i) {
    picked.erase(std::find(picked.begin(), picked.end(), i));
    in[i] = false;
    words -= cands[i].words;
    for (uint32_t c : concepts[i]) --covered[c];
  };
  // Greedy.
  while (static_cast<int>(picked.size()) < o.max_sentences) {
    int64_t best = -1;
    double best_score = 0;
    for (size_t i = 0; i < n; ++i) {
      if (in[i] || !fits(words + cands[i].words)) continue;
      const double g = gain(i, -1);
      if (g <= 0) continue;
      const double score = g / std::pow(static_cast<double>(cands[i].words), o.length_exponent);
      if (score > best_score && !redundant(i, -1)) {
        best = static_cast<int64_t>(i);
        best_score = score;
      }
    }
    if (best < 0) break;
    add(static_cast<size_t>(best));
  }
  // Local search: the best improving swap or addition, until none improves.
  for (int round = 0; round < summarize::kMaxSwapRounds; ++round) {
    double best_delta = summarize::kMinSwapGain;
    int64_t best_out = -1, best_in = -1;
    for (size_t j = 0; j < n; ++j) {
      if (in[j]) continue;
      if (static_cast<int>(picked.size()) < o.max_sentences && fits(words + cands[j].words)) {
        const double d = gain(j, -1);
        if (d > best_delta && !redundant(j, -1)) {
          best_delta = d;
          best_out = -1;
          best_in = static_cast<int64_t>(j);
        }
      }
      for (size_t i : picked) {
        if (!fits(words - cands[i].words + cands[j].words)) continue;
        const double d = gain(j, static_cast<int64_t>(i)) - loss(i);
        if (d > best_delta && !redundant(j, static_cast<int64_t>(i))) {
          best_delta = d;
          best_out = static_cast<int64_t>(i);
          best_in = static_cast<int64_t>(j);
        }
      }
    }
    if (best_in < 0) break;
    if (best_out >= 0) remove(static_cast<size_t>(best_out));
    add(static_cast<size_t>(best_in));
  }
  return picked;
}

// Concept method (see the header): weights from outlets, then budgeted coverage.
std::vector<size_t> PickByConcepts(std::span<const Article> articles, std::vector<Candidate>& cands,
                                   const BriefOptions& o) {
  text::StemCache stems(hash_seed::kConcept);
  std::vector<Token> tokens;
  // Outlets, and the first `lead_sentences` usable-or-not sentences of each article.
  std::vector<uint32_t> cand_articles;
  for (const Candidate& c : cands) cand_articles.push_back(c.article);
  const std::vector<uint32_t> witness = summarize::WitnessIds(articles, cand_articles);
  std::unordered_map<uint32_t, uint32_t> outlet_of_article;
  size_t outlets = 0;
  for (size_t i = 0; i < cands.size(); ++i) {
    outlet_of_article.try_emplace(cands[i].article, witness[i]);
    outlets = std::max<size_t>(outlets, witness[i] + 1);
  }
  const size_t num_articles = outlet_of_article.size();
  // Concept ids, and per concept the outlets (and lead outlets) that carry it and its sentences.
  std::unordered_map<uint64_t, uint32_t> id_of;
  std::vector<std::vector<uint32_t>> concepts(cands.size());
  std::vector<std::vector<uint32_t>> carriers, lead_carriers, article_carriers;
  std::vector<uint32_t> sentences_with;
  std::vector<bool> is_unigram;
  std::vector<uint64_t> hashes;
  for (size_t i = 0; i < cands.size(); ++i) {
    hashes.clear();
    SentenceConcepts(cands[i].folded, o.unigram_weight > 0, &stems, &tokens, &hashes);
    const uint32_t outlet = outlet_of_article[cands[i].article];
    const bool lead = static_cast<int>(cands[i].position) < o.lead_sentences;
    for (uint64_t h : hashes) {
      const auto [it, fresh] = id_of.try_emplace(h, static_cast<uint32_t>(id_of.size()));
      if (fresh) {
        is_unigram.push_back(h & 1);
        carriers.emplace_back();
        lead_carriers.emplace_back();
        article_carriers.emplace_back();
        sentences_with.push_back(0);
      }
      const uint32_t c = it->second;
      concepts[i].push_back(c);
      ++sentences_with[c];
      auto note = [](std::vector<uint32_t>* v, uint32_t x) {
        if (std::find(v->begin(), v->end(), x) == v->end()) v->push_back(x);
      };
      note(&carriers[c], outlet);
      note(&article_carriers[c], cands[i].article);
      if (lead) note(&lead_carriers[c], outlet);
    }
    std::sort(concepts[i].begin(), concepts[i].end());
  }
  std::vector<double> weight(id_of.size(), 0.0);
  // Support of a concept: the outlets carrying it, blended with the articles (copies are gone
  // already, so an outlet's second report is evidence too).
  const double mu = o.article_share;
  const double sources =
      (1 - mu) * static_cast<double>(outlets) + mu * static_cast<double>(num_articles);
  const double floor = std::max(summarize::kMinConceptFloor,
                                std::min(static_cast<double>(o.min_concept_outlets), sources));
  // Rare concepts (below the floor) weigh a little: never enough to outrank a shared one, enough
  // to fill a budget the shared ones leave free with sentences that say something new.
  for (size_t c = 0; c < weight.size(); ++c) {
    const double n = (1 - mu) * static_cast<double>(carriers[c].size()) +
                     mu * static_cast<double>(article_carriers[c].size());
    if (num_articles == 1) {
      // One article: what it repeats is what it is about.
      weight[c] = sentences_with[c] >= 2 ? sentences_with[c] : o.rare_concept_weight;
    } else if (n < floor) {
      weight[c] = o.rare_concept_weight * n;
    } else {
      weight[c] = n + o.lead_concept_weight * static_cast<double>(lead_carriers[c].size());
    }
    if (is_unigram[c]) weight[c] *= o.unigram_weight;
  }
  const int budget = o.max_words;
  std::vector<size_t> picked = SelectByCoverage(cands, concepts, weight, budget, o);
  for (size_t i : picked) {
    double covered = 0;
    for (uint32_t c : concepts[i]) covered += weight[c];
    cands[i].score = covered;
  }
  return picked;
}

// Centroid method: by score, skipping repeats, within the budget.
std::vector<size_t> PickByCentroid(const std::vector<Candidate>& cands,
                                   const std::vector<size_t>& by_score, const BriefOptions& o) {
  std::vector<size_t> picked;
  int words = 0;
  for (size_t i : by_score) {
    if (static_cast<int>(picked.size()) >= o.max_sentences) break;
    bool redundant = false;
    for (size_t j : picked) {
      if (text::Dot(cands[i].vec, cands[j].vec) >= o.redundancy_threshold ||
          cands[i].text == cands[j].text) {
        redundant = true;
        break;
      }
    }
    if (redundant) continue;
    if (o.max_words > 0 && words + cands[i].words > o.max_words && !picked.empty()) continue;
    picked.push_back(i);
    words += cands[i].words;
  }
  return picked;
}

// One event per day a usable sentence mentions, the most central sentence (centroid score)
// speaking for the day; the `max_events` best-supported days (most sentences), by date.
std::vector<TimelineEvent> Timeline(std::span<const Article> articles,
                                    const std::vector<Candidate>& cands, int max_events) {
  struct Day {
    int64_t day;
    size_t best;
    int sentences = 0;
    bool relative;
    bool year_known;
  };
  // Days with a year first, then month-days of undated articles ("--07-19").
  std::map<std::pair<bool, int64_t>, Day> days;
  for (size_t i = 0; i < cands.size(); ++i) {
    const Article& a = articles[cands[i].article];
    std::optional<int64_t> pub;
    if (a.timestamp) pub = DayOfTime(*a.timestamp);
    auto d = summarize::FirstDateIn(cands[i].folded, pub);
    // An undated wire story's dateline ("LONDON/MOSCOW, July 19") dates its lead sentence.
    // Candidates come article by article: the first of its article is the lead.
    const bool lead = i == 0 || cands[i - 1].article != cands[i].article;
    if (!d && lead && !pub) {
      if (const size_t dl = DatelineLength(a.text); dl > 0) {
        d = summarize::FirstDateIn(NormalizeText(std::string_view(a.text).substr(0, dl)),
                                   std::nullopt);
      }
    }
    if (!d) continue;
    auto [it, fresh] = days.try_emplace(std::pair(!d->year_known, d->day),
                                        Day{d->day, i, 0, d->relative, d->year_known});
    ++it->second.sentences;
    if (!fresh && cands[i].score > cands[it->second.best].score) {
      it->second.best = i;
      it->second.relative = d->relative;
    }
  }
  std::vector<Day> list;
  for (const auto& [day, d] : days) list.push_back(d);
  if (max_events >= 0 && list.size() > static_cast<size_t>(max_events)) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Day& x, const Day& y) { return x.sentences > y.sentences; });
    list.resize(static_cast<size_t>(max_events));
    std::sort(list.begin(), list.end(), [](const Day& x, const Day& y) {
      return std::pair(!x.year_known, x.day) < std::pair(!y.year_known, y.day);
    });
  }
  std::vector<TimelineEvent> out;
  for (const Day& d : list) {
    TimelineEvent e;
    e.date = FormatIsoDay(d.day * kSecondsPerDay);
    if (!d.year_known) e.date = "--" + e.date.substr(5);  // ISO 8601 for a month-day
    e.text = cands[d.best].text;
    e.article = cands[d.best].article;
    e.relative = d.relative;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

Status Validate(const BriefOptions& o) {
  if (o.max_sentences < 0 || o.max_words < 0 || o.min_sentence_words < 0 ||
      o.max_sentence_words < 0 || o.min_concept_outlets < 0 || o.lead_sentences < 0 ||
      o.max_entities < 0 || o.max_timeline < 0 || o.max_contributions < 0 ||
      o.max_contribution_sentence_words < 0) {
    return Status::InvalidArgument("brief counts and budgets must be >= 0");
  }
  for (double share : {o.redundancy_threshold, o.article_share}) {
    if (!(share >= 0 && share <= 1.0000001)) {
      return Status::InvalidArgument("redundancy_threshold and article_share must be in [0, 1]");
    }
  }
  for (double w : {o.position_weight, o.rare_concept_weight, o.lead_concept_weight,
                   o.length_exponent, o.unigram_weight}) {
    if (!std::isfinite(w) || w < 0) {
      return Status::InvalidArgument("brief weights must be finite and >= 0");
    }
  }
  return Status::OK();
}

namespace {

// The usable sentences of the members (cleaned; within the word limits; prose; without quotes
// when skip_quotes), in member and sentence order.
std::vector<Candidate> CandidateSentences(std::span<const Article> articles,
                                          std::span<const uint32_t> members,
                                          const BriefOptions& options) {
  std::vector<Candidate> cands;
  std::vector<SentenceSpan> spans;
  for (uint32_t a : members) {
    const std::string& text = articles[a].text;
    spans.clear();
    SplitSentences(text, &spans);
    for (uint32_t p = 0; p < spans.size(); ++p) {
      std::string s = CleanSentence(
          std::string_view(text).substr(spans[p].begin, spans[p].end - spans[p].begin));
      // The word range first: it is cheap, and most sentences it rejects need no folding.
      const int words = static_cast<int>(text::CountWords(s));
      if (words < options.min_sentence_words || words > options.max_sentence_words) continue;
      std::string folded = NormalizeText(s);
      if (!summarize::IsProse(s, folded, options.min_sentence_words, options.max_sentence_words)) {
        continue;
      }
      if (options.skip_quotes && HasQuote(s)) continue;
      cands.push_back(Candidate{std::move(s), std::move(folded), a, p, words, {}, 0});
    }
  }
  return cands;
}

// The story centroid over its sentences' TF-IDF vectors (IDF over the story's own sentences;
// every article weighs the same whatever its length), and each sentence's score: its cosine with
// the centroid plus the lead bonus.
class Centroid {
 public:
  Centroid(std::vector<Candidate>* cands, const BriefOptions& options) {
    std::vector<std::unordered_map<uint64_t, float>> counts(cands->size());
    for (size_t i = 0; i < cands->size(); ++i) {
      extractor_.AddNormalizedText((*cands)[i].folded, 1.0f, &counts[i]);
      df_.Add(counts[i]);
    }
    std::unordered_map<uint32_t, int> per_article;
    for (const Candidate& c : *cands) ++per_article[c.article];
    for (size_t i = 0; i < cands->size(); ++i) {
      Candidate& c = (*cands)[i];
      c.vec = text::WeightAndNormalize(counts[i], df_, 0);
      const double share = 1.0 / per_article[c.article];
      for (const auto& tw : c.vec) weights_[tw.term] += tw.weight * share;
    }
    double n2 = 0;
    for (const auto& [t, w] : weights_) n2 += w * w;
    inverse_norm_ = n2 > 0 ? 1.0 / std::sqrt(n2) : 0;
    for (Candidate& c : *cands)
      c.score = Cosine(c.vec) + options.position_weight / (1.0 + c.position);
  }

  // Cosine of a unit vector with the centroid, by look-up: a merge against the whole centroid
  // would be quadratic in a long article.
  double Cosine(const text::TermVector& v) const {
    double dot = 0;
    for (const auto& tw : v) {
      auto it = weights_.find(tw.term);
      if (it != weights_.end()) dot += tw.weight * it->second * inverse_norm_;
    }
    return dot;
  }
  double TitleCosine(std::string_view title) {
    std::unordered_map<uint64_t, float> tc;
    extractor_.AddText(title, 1.0f, &tc);
    return Cosine(text::WeightAndNormalize(tc, df_, 0));
  }

 private:
  text::TermExtractor extractor_;
  text::DocumentFrequencies df_;
  std::unordered_map<uint64_t, double> weights_;
  double inverse_norm_ = 0;
};

// The member title closest to the centroid; without titles, the opening sentence of the
// best-scoring sentence's article; without any sentence of prose (a story of captions or
// tables), the first line of the first member's text. Never empty; at most kMaxTitleBytes.
std::string Headline(std::span<const Article> articles, std::span<const uint32_t> members,
                     const std::vector<Candidate>& cands, const std::vector<size_t>& by_score,
                     Centroid* centroid) {
  std::string headline;
  double best = -1;
  for (uint32_t a : members) {
    if (articles[a].title.empty()) continue;
    const double cos = centroid->TitleCosine(articles[a].title);
    if (cos > best) {
      best = cos;
      headline = CleanSentence(articles[a].title);
    }
  }
  if (headline.empty() && !by_score.empty()) {
    const uint32_t a = cands[by_score[0]].article;
    const Candidate* lead = nullptr;
    for (const Candidate& c : cands) {
      if (c.article == a && (lead == nullptr || c.position < lead->position)) lead = &c;
    }
    headline = lead->text;
  }
  for (size_t k = 0; headline.empty() && k < members.size(); ++k) {
    std::string_view t = articles[members[k]].text;
    size_t begin = t.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) continue;
    size_t end = t.find('\n', begin);
    const std::string_view line =
        t.substr(begin, (end == std::string_view::npos ? t.size() : end) - begin);
    headline = CleanSentence(text::TruncateUtf8(line, 4 * kMaxTitleBytes));
  }
  if (headline.empty()) headline = "(untitled)";
  return text::TruncateUtf8(headline, kMaxTitleBytes);
}

}  // namespace

Result<Brief> Summarize(std::span<const Article> articles, std::span<const uint32_t> members,
                        const BriefOptions& options) {
  RETURN_IF_ERROR(Validate(options));
  Brief brief;
  for (uint32_t a : members) {
    if (a >= articles.size()) return Status::InvalidArgument("Summarize: member out of range");
  }
  if (members.empty()) return brief;
  std::vector<Candidate> cands = CandidateSentences(articles, members, options);
  Centroid centroid(&cands, options);
  std::vector<size_t> by_score(cands.size());
  for (size_t i = 0; i < cands.size(); ++i) by_score[i] = i;
  std::stable_sort(by_score.begin(), by_score.end(),
                   [&](size_t x, size_t y) { return cands[x].score > cands[y].score; });
  std::vector<size_t> picked;
  if (options.method == BriefMethod::kConcepts) picked = PickByConcepts(articles, cands, options);
  // Without any weighted concept (a story of unrelated short reports) the centroid still picks.
  if (picked.empty()) picked = PickByCentroid(cands, by_score, options);
  // Story order: articles by date (undated last, then input order), sentences by position.
  std::sort(picked.begin(), picked.end(), [&](size_t x, size_t y) {
    const uint32_t ax = cands[x].article, ay = cands[y].article;
    if (ax != ay) {
      if (PublishedBefore(articles[ax], articles[ay])) return true;
      if (PublishedBefore(articles[ay], articles[ax])) return false;
      return ax < ay;
    }
    return cands[x].position < cands[y].position;
  });
  for (size_t i : picked) {
    brief.sentences.push_back(
        SummarySentence{cands[i].text, cands[i].article, cands[i].position, cands[i].score});
  }
  brief.headline = Headline(articles, members, cands, by_score, &centroid);
  brief.timeline = Timeline(articles, cands, options.max_timeline);
  brief.entities = StoryEntities(articles, members, static_cast<size_t>(options.max_entities));
  return brief;
}

}  // namespace storyline
