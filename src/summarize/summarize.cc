#include "storyline/summarize.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "cluster/term_vector.h"
#include "storyline/text.h"

namespace storyline {
namespace {

struct Candidate {
  std::string text;
  uint32_t article;
  uint32_t position;
  cluster::TermVector vec;
  double score = 0;
};

int CountWords(std::string_view s) {
  int n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

bool ContainsFolded(std::string_view haystack_folded, std::string_view needle) {
  return haystack_folded.find(needle) != std::string_view::npos;
}

// Sentences a reader should never see in a brief: page furniture, calls to action, credits.
bool LooksLikeBoilerplate(std::string_view sentence) {
  std::string folded = NormalizeText(sentence);
  static constexpr std::string_view kCues[] = {
      "click here", "subscribe", "sign up", "newsletter", "cookie", "all rights reserved",
      "leave a reply", "leave a comment", "share this", "follow us", "advertisement",
      "http://", "https://", "www.", "©", "(c) 20", "required fields", "email address",
      "can also be accessed", "read more", "related:", "photo:", "image:", "getty images",
      "commenting using", "log in", "(l)", "(r)", "(left)", "(right)", "(pictured)",
  };
  // Markup left in crawled text (a <figcaption> line) is never prose.
  if (sentence.find('<') != std::string_view::npos &&
      sentence.find('>') != std::string_view::npos) {
    return true;
  }
  for (std::string_view cue : kCues) {
    if (ContainsFolded(folded, cue)) return true;
  }
  return false;
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

bool EndsLikeSentence(std::string_view s) {
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == '"' || c == '\'' || c == ')') {
      s.remove_suffix(1);
      continue;
    }
    if (s.size() >= 3 && (s.substr(s.size() - 3) == "\xE2\x80\x9D" ||
                          s.substr(s.size() - 3) == "\xE2\x80\x99")) {
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

Brief Summarize(std::span<const Article> articles, std::span<const uint32_t> members,
                const BriefOptions& options) {
  Brief brief;
  if (members.empty()) return brief;

  std::vector<Candidate> cands;
  std::vector<SentenceSpan> spans;
  for (uint32_t a : members) {
    const std::string& text = articles[a].text;
    spans.clear();
    SplitSentences(text, &spans);
    for (uint32_t p = 0; p < spans.size(); ++p) {
      std::string s = CleanSentence(
          std::string_view(text).substr(spans[p].begin, spans[p].end - spans[p].begin));
      int words = CountWords(s);
      if (words < options.min_sentence_words || words > options.max_sentence_words) continue;
      if (!StartsLikeSentence(s) || !EndsLikeSentence(s) || !QuotesBalanced(s)) continue;
      if (LooksLikeBoilerplate(s)) continue;
      // Short exclamations are calls to action ("Go Ad-Free!"), not news sentences.
      if (words < 10 && s.back() == '!') continue;
      cands.push_back(Candidate{std::move(s), a, p, {}, 0});
    }
  }

  // Sentence vectors with IDF over the story's own sentences, and a centroid in which every
  // article weighs the same whatever its length.
  cluster::TermExtractor extractor;
  cluster::DocumentFrequencies df;
  std::vector<std::unordered_map<uint64_t, float>> counts(cands.size());
  for (size_t i = 0; i < cands.size(); ++i) {
    extractor.AddText(cands[i].text, 1.0f, &counts[i]);
    df.Add(counts[i]);
  }
  std::unordered_map<uint64_t, double> centroid_map;
  std::unordered_map<uint32_t, int> per_article;
  for (const Candidate& c : cands) ++per_article[c.article];
  for (size_t i = 0; i < cands.size(); ++i) {
    cands[i].vec = cluster::WeightAndNormalize(counts[i], df, 0);
    double share = 1.0 / per_article[cands[i].article];
    for (const auto& tw : cands[i].vec) centroid_map[tw.term] += tw.weight * share;
  }
  cluster::TermVector centroid;
  double cn2 = 0;
  for (const auto& [t, w] : centroid_map) cn2 += w * w;
  double cinv = cn2 > 0 ? 1.0 / std::sqrt(cn2) : 0;
  for (const auto& [t, w] : centroid_map) {
    centroid.push_back({t, static_cast<float>(w * cinv)});
  }
  std::sort(centroid.begin(), centroid.end(),
            [](const auto& x, const auto& y) { return x.term < y.term; });
  for (Candidate& c : cands) {
    c.score = cluster::Dot(c.vec, centroid) + options.position_weight / (1.0 + c.position);
  }

  // Greedy selection by score with redundancy filtering.
  std::vector<size_t> by_score(cands.size());
  for (size_t i = 0; i < cands.size(); ++i) by_score[i] = i;
  std::stable_sort(by_score.begin(), by_score.end(),
                   [&](size_t x, size_t y) { return cands[x].score > cands[y].score; });
  std::vector<size_t> picked;
  int words = 0;
  for (size_t i : by_score) {
    if (static_cast<int>(picked.size()) >= options.max_sentences) break;
    bool redundant = false;
    for (size_t j : picked) {
      if (cluster::Dot(cands[i].vec, cands[j].vec) >= options.redundancy_threshold ||
          cands[i].text == cands[j].text) {
        redundant = true;
        break;
      }
    }
    if (redundant) continue;
    int w = CountWords(cands[i].text);
    if (options.max_words > 0 && words + w > options.max_words && !picked.empty()) continue;
    picked.push_back(i);
    words += w;
  }

  // Story order: articles by date (undated last, then input order), sentences by position.
  auto article_before = [&](uint32_t x, uint32_t y) {
    if (PublishedBefore(articles[x], articles[y])) return true;
    if (PublishedBefore(articles[y], articles[x])) return false;
    return x < y;
  };
  std::sort(picked.begin(), picked.end(), [&](size_t x, size_t y) {
    if (cands[x].article != cands[y].article) return article_before(cands[x].article,
                                                                    cands[y].article);
    return cands[x].position < cands[y].position;
  });
  for (size_t i : picked) {
    brief.sentences.push_back(
        SummarySentence{cands[i].text, cands[i].article, cands[i].position, cands[i].score});
  }

  // Headline: the member title closest to the story centroid; without titles, the opening
  // sentence of the best-scoring sentence's article.
  double best = -1;
  for (uint32_t a : members) {
    if (articles[a].title.empty()) continue;
    std::unordered_map<uint64_t, float> tc;
    extractor.AddText(articles[a].title, 1.0f, &tc);
    double cos = cluster::Dot(cluster::WeightAndNormalize(tc, df, 0), centroid);
    if (cos > best) {
      best = cos;
      brief.headline = CleanSentence(articles[a].title);
    }
  }
  if (brief.headline.empty() && !by_score.empty()) {
    uint32_t a = cands[by_score[0]].article;
    const Candidate* lead = nullptr;
    for (const Candidate& c : cands) {
      if (c.article == a && (lead == nullptr || c.position < lead->position)) lead = &c;
    }
    brief.headline = lead->text;
  }
  return brief;
}

}  // namespace storyline
