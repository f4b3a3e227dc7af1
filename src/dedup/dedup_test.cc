#include "storyline/dedup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/bytes.h"
#include "storyline/text.h"
#include "testing/corpus.h"
#include "testing/oracle.h"

namespace storyline {
namespace {

Article Make(std::string id, std::string text, std::string date = "") {
  Article a;
  a.id = std::move(id);
  a.text = std::move(text);
  a.date = std::move(date);
  if (!a.date.empty()) a.timestamp = *ParseIsoDate(a.date);
  return a;
}

TEST(LshParameters, MatchesThresholdShape) {
  DedupOptions o;
  int b, r;
  ASSERT_TRUE(LshParameters(o, &b, &r).ok());
  EXPECT_LE(b * r, o.num_hashes);
  EXPECT_LE(b, o.lsh_max_bands);
  // Pairs well above the threshold are almost always proposed, pairs far below almost never.
  EXPECT_GT(LshMatchProbability(o.near_threshold + 0.3, b, r), 0.95);
  EXPECT_LT(LshMatchProbability(o.near_threshold - 0.35, b, r), 0.1);
  // Without the band limit the curve is steeper around the threshold.
  o.lsh_max_bands = 0;
  ASSERT_TRUE(LshParameters(o, &b, &r).ok());
  EXPECT_GT(b, 8);
  EXPECT_GT(LshMatchProbability(o.near_threshold + 0.2, b, r), 0.95);
  EXPECT_LT(LshMatchProbability(o.near_threshold - 0.35, b, r), 0.1);
  o.lsh_bands = 4;
  o.lsh_rows = 8;
  ASSERT_TRUE(LshParameters(o, &b, &r).ok());
  EXPECT_EQ(b, 4);
  EXPECT_EQ(r, 8);
}

TEST(Deduplicate, RejectsBadOptions) {
  DedupOptions o;
  o.near_threshold = 1.5;
  EXPECT_FALSE(Deduplicate({}, o).ok());
  o = DedupOptions();
  o.lsh_bands = 100;
  o.lsh_rows = 100;
  EXPECT_FALSE(Deduplicate({}, o).ok());
}

TEST(Deduplicate, PlantedCopiesAreFoundWithTheirOriginals) {
  testing::CorpusSpec spec;
  spec.num_originals = 300;
  spec.copy_rate = 0.5;
  auto corpus = testing::GenerateCorpus(spec);
  auto r = Deduplicate(corpus.articles, DedupOptions());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  size_t planted = 0, found = 0, false_pos = 0;
  for (size_t i = 0; i < corpus.articles.size(); ++i) {
    const DuplicateInfo& d = r->articles[i];
    if (corpus.copy_of[i] >= 0) {
      ++planted;
      if (d.duplicate_of == corpus.copy_of[i] && d.kind == corpus.kind[i]) ++found;
    } else if (d.duplicate_of >= 0) {
      ++false_pos;
    }
  }
  EXPECT_EQ(planted, 150u);
  EXPECT_EQ(found, planted);
  EXPECT_EQ(false_pos, 0u);
}

// Every reported pair is checked against the exact oracle: the reported scores are the exact
// Jaccard/containment (up to 32-bit hash collisions) and meet the thresholds.
TEST(Deduplicate, ReportedScoresMatchTheOracle) {
  testing::CorpusSpec spec;
  spec.num_originals = 60;
  spec.copy_rate = 1.0;
  auto corpus = testing::GenerateCorpus(spec);
  DedupOptions o;
  auto r = Deduplicate(corpus.articles, o);
  ASSERT_TRUE(r.ok());
  size_t checked = 0;
  for (size_t i = 0; i < corpus.articles.size(); ++i) {
    const DuplicateInfo& d = r->articles[i];
    if (d.duplicate_of < 0) continue;
    auto a = testing::ShingleSet(corpus.articles[i].text, o.shingle_words);
    auto b = testing::ShingleSet(corpus.articles[d.duplicate_of].text, o.shingle_words);
    EXPECT_NEAR(d.jaccard, testing::ExactJaccard(a, b), 0.005);
    double contain = std::max(testing::ExactContainment(a, b), testing::ExactContainment(b, a));
    EXPECT_NEAR(d.containment, contain, 0.005);
    if (d.kind == DuplicateKind::kContained) {
      EXPECT_GE(contain, o.containment_threshold);
    }
    if (d.kind == DuplicateKind::kNear) {
      EXPECT_TRUE(d.jaccard >= o.near_threshold || contain >= o.containment_threshold);
    }
    ++checked;
  }
  EXPECT_EQ(checked, 60u);
}

TEST(Deduplicate, WireStoryInsideBoilerplateIsContainedAndIsTheOriginal) {
  std::string wire =
      "The city council approved a new budget on Tuesday that raises spending on roads and "
      "schools while holding property taxes flat for the third year in a row, officials said. "
      "The vote was seven to two after a debate that ran past midnight. Council members who "
      "opposed the plan said it relied on optimistic revenue forecasts and left too little in "
      "reserve for emergencies such as floods or a sharp drop in sales tax receipts.";
  std::string page =
      "Subscribe to our newsletter for daily updates from around the region and beyond\n\n" + wire +
      "\n\nLeave a reply. Your email address will not be published. Required fields are marked "
      "with an asterisk and comments are moderated before they appear on the site.";
  std::vector<Article> v = {Make("page", page), Make("wire", wire)};
  auto r = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->articles[1].duplicate_of, -1);  // the wire text is the original
  EXPECT_EQ(r->articles[0].duplicate_of, 1);
  EXPECT_EQ(r->articles[0].kind, DuplicateKind::kContained);
  EXPECT_DOUBLE_EQ(r->articles[0].similarity, 1.0);
  EXPECT_LT(r->articles[0].jaccard, 0.8);
}

TEST(Deduplicate, EarliestDateIsTheOriginal) {
  std::string text =
      "Heavy rain flooded the valley overnight and forced hundreds of families from their homes "
      "as the river rose past its banks for the first time in a decade, officials said.";
  std::vector<Article> v = {Make("late", text, "2026-03-02"), Make("early", text, "2026-03-01"),
                            Make("undated", text)};
  auto r = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->articles[1].duplicate_of, -1);
  EXPECT_EQ(r->articles[0].duplicate_of, 1);
  EXPECT_EQ(r->articles[2].duplicate_of, 1);
  EXPECT_EQ(r->articles[0].kind, DuplicateKind::kExact);
  EXPECT_EQ(r->stats.copies, 2u);
}

// Review finding: with more than 64 identical texts, candidate runs are capped and a copy may
// have no direct candidate edge to the earliest article. It must still point at that original.
TEST(Deduplicate, LargeExactGroupHasOneOriginal) {
  std::vector<Article> v;
  for (int i = 0; i < 200; ++i) {
    char date[32];
    snprintf(date, sizeof(date), "2026-01-01T%02d:%02d:00Z", (199 - i) / 60, (199 - i) % 60);
    v.push_back(Make("c" + std::to_string(i), "Central bank raises rates now", date));
  }
  auto r = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(r.ok());
  for (int i = 0; i < 199; ++i) EXPECT_EQ(r->articles[i].duplicate_of, 199) << i;
  EXPECT_EQ(r->articles[199].duplicate_of, -1);
  EXPECT_EQ(r->stats.copies, 199u);
  EXPECT_LE(r->stats.lsh_candidates, 200u * 199 / 2);  // distinct pairs
}

// Review finding: containment candidates from a thousand reposts of one long article stay linear.
TEST(Deduplicate, ManyRepostsKeepCandidatesLinear) {
  testing::CorpusSpec spec;
  spec.num_originals = 1;
  spec.words = 2000;
  spec.copy_rate = 0;
  Article base = testing::GenerateCorpus(spec).articles[0];
  std::vector<Article> v;
  for (int i = 0; i < 1000; ++i) {
    Article a = base;
    a.id = "r" + std::to_string(i);
    a.text = "Header of site number " + std::to_string(i) + " with its own words.\n\n" + a.text;
    v.push_back(std::move(a));
  }
  auto r = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_LT(r->stats.containment_candidates, 1000u * 70);
  EXPECT_EQ(r->stats.copies, 999u);
  for (const DuplicateInfo& d : r->articles) {
    if (d.duplicate_of >= 0) {
      EXPECT_EQ(r->articles[d.duplicate_of].duplicate_of, -1);
    }
  }
}

// Review finding: "near" always means Jaccard >= near_threshold, whatever the other thresholds.
TEST(Deduplicate, NearRequiresTheJaccardThreshold) {
  std::string passage =
      "the committee heard evidence from eleven witnesses over three days and concluded that "
      "the contract had been awarded without a proper tender process and that officials had "
      "failed to declare their links to the winning firm before the decision was made";
  std::string a =
      "Alpha report opens with its own framing of the scandal in the capital city "
      "where reporters gathered outside the ministry early on Monday morning. " +
      passage;
  std::string b = passage +
                  " Beta bulletin closes with reactions from opposition leaders who "
                  "called for resignations and a full public inquiry into the affair.";
  std::vector<Article> v = {Make("a", a), Make("b", b)};
  DedupOptions o;
  o.containment_threshold = 0.3;
  o.min_containment_words = 10;
  auto r = Deduplicate(v, o);
  ASSERT_TRUE(r.ok());
  for (const DuplicateInfo& d : r->articles) {
    if (d.kind == DuplicateKind::kNear) {
      EXPECT_GE(d.jaccard, o.near_threshold);
    }
  }
}

// A copy with one word in sixteen replaced keeps a Jaccard above 0.5 but, with every 32-shingle
// window touched by an edit, shares only a minority of its winnowed samples. It must still be
// found, with the LSH bands left out (one band of every value: no band ever matches).
TEST(Deduplicate, EvenlySpreadEditsAreFoundThroughSharedSamples) {
  testing::CorpusSpec spec;
  spec.num_originals = 40;
  spec.copy_rate = 0;
  auto corpus = testing::GenerateCorpus(spec);
  std::vector<Article> v;
  for (const Article& a : corpus.articles) {
    v.push_back(a);
    std::vector<Token> tokens;
    Tokenize(a.text, &tokens);
    std::string edited = a.text;
    for (size_t k = tokens.size(); k-- > 0;) {
      if (k % 16 == 8) edited.replace(tokens[k].begin, tokens[k].end - tokens[k].begin, "zzqx");
    }
    Article copy = a;
    copy.id += "-edited";
    copy.text = edited;
    v.push_back(copy);
  }
  DedupOptions o;
  o.lsh_bands = 1;
  o.lsh_rows = o.num_hashes;
  auto r = Deduplicate(v, o);
  ASSERT_TRUE(r.ok());
  for (size_t i = 1; i < v.size(); i += 2) {
    EXPECT_EQ(r->articles[i].duplicate_of, static_cast<int64_t>(i - 1)) << v[i].id;
    EXPECT_EQ(r->articles[i].kind, DuplicateKind::kNear) << v[i].id;
    EXPECT_LT(r->articles[i].jaccard, 0.75);
  }
}

TEST(Deduplicate, ShortTextsAreNeverContained) {
  std::string long_text =
      "Officials said the bridge would close for repairs. The closure is expected to last for "
      "fourteen months while crews replace the deck and repaint the steel, and drivers will be "
      "sent along a detour through the industrial district during that time.";
  std::vector<Article> v = {Make("a", long_text),
                            Make("b", "Officials said the bridge would close for repairs.")};
  auto r = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->articles[0].duplicate_of, -1);
  EXPECT_EQ(r->articles[1].duplicate_of, -1);
}

TEST(Deduplicate, DeterministicAcrossThreadCounts) {
  testing::CorpusSpec spec;
  spec.num_originals = 200;
  auto corpus = testing::GenerateCorpus(spec);
  DedupOptions one, many;
  one.threads = 1;
  many.threads = 4;
  auto a = Deduplicate(corpus.articles, one);
  auto b = Deduplicate(corpus.articles, many);
  ASSERT_TRUE(a.ok() && b.ok());
  for (size_t i = 0; i < corpus.articles.size(); ++i) {
    EXPECT_EQ(a->articles[i].duplicate_of, b->articles[i].duplicate_of);
    EXPECT_EQ(a->articles[i].similarity, b->articles[i].similarity);
  }
}

// The first `words` words of `text` starting at word `from`, as a substring of `text`.
std::string_view Words(const std::string& text, size_t from, size_t words) {
  std::vector<Token> t;
  Tokenize(text, &t);
  return std::string_view(text).substr(t[from].begin, t[from + words - 1].end - t[from].begin);
}

TEST(PartialReuse, StitchedPassagesAreFoundWithOffsetsInBothTexts) {
  testing::CorpusSpec spec;
  spec.num_originals = 6;
  spec.copy_rate = 0;
  auto corpus = testing::GenerateCorpus(spec);
  const std::string& a = corpus.articles[0].text;
  const std::string& b = corpus.articles[1].text;
  const std::string& filler = corpus.articles[2].text;
  const std::string_view pa = Words(a, 100, 60), pb = Words(b, 30, 45),
                         short_pb = Words(b, 200, 25);
  // A content farm's page: its own text around passages lifted from two sources.
  std::string farm = std::string(Words(filler, 0, 80)) + "\n\n" + std::string(pa) + "\n\n" +
                     std::string(Words(filler, 120, 70)) + "\n\n" + std::string(pb) + "\n\n" +
                     std::string(Words(filler, 250, 60)) + " " + std::string(short_pb) + " " +
                     std::string(Words(filler, 330, 40));
  std::vector<Article> v = {Make("a", a, "2026-01-01"), Make("b", b, "2026-01-02"),
                            Make("farm", farm, "2026-01-05")};
  auto r = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(r.ok());
  for (const DuplicateInfo& d : r->articles) EXPECT_EQ(d.duplicate_of, -1) << "no whole copies";
  ASSERT_EQ(r->reuse.size(), 2u);
  for (const PartialReuse& pr : r->reuse) {
    EXPECT_EQ(pr.copy, 2u);
    ASSERT_EQ(pr.spans.size(), 1u) << "the 25-word passage is under min_reuse_words";
    const ReuseSpan& sp = pr.spans[0];
    const std::string_view planted = pr.source == 0 ? pa : pb;
    const std::string& src = v[pr.source].text;
    EXPECT_EQ(std::string_view(farm).substr(sp.begin, sp.end - sp.begin), planted);
    EXPECT_EQ(std::string_view(src).substr(sp.source_begin, sp.source_end - sp.source_begin),
              planted);
    EXPECT_EQ(sp.words, pr.source == 0 ? 60u : 45u);
    EXPECT_GT(pr.coverage, 0.1);
    EXPECT_LT(pr.coverage, 0.25);
  }
  EXPECT_EQ(r->reuse[0].source, 0u);
  EXPECT_EQ(r->reuse[1].source, 1u);
  // With partial reuse off, nothing is reported.
  DedupOptions off;
  off.find_partial = false;
  EXPECT_TRUE(Deduplicate(v, off)->reuse.empty());
}

TEST(PartialReuse, EditedWordsInsideAPassageDoNotSplitIt) {
  testing::CorpusSpec spec;
  spec.num_originals = 3;
  spec.copy_rate = 0;
  auto corpus = testing::GenerateCorpus(spec);
  const std::string& a = corpus.articles[0].text;
  std::vector<Token> t;
  std::string passage(Words(a, 50, 90));
  Tokenize(passage, &t);
  // Replace word 30 and word 60 ("Russia" -> "Russian Federation" style edits).
  passage.replace(t[60].begin, t[60].end - t[60].begin, "Federation");
  passage.replace(t[30].begin, t[30].end - t[30].begin, "Kremlin");
  std::string farm = std::string(Words(corpus.articles[1].text, 0, 60)) + " " + passage + " " +
                     std::string(Words(corpus.articles[2].text, 0, 60));
  std::vector<Article> v = {Make("a", a, "2026-01-01"), Make("farm", farm, "2026-01-02")};
  auto r = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->reuse.size(), 1u);
  ASSERT_EQ(r->reuse[0].spans.size(), 1u);
  EXPECT_EQ(r->reuse[0].spans[0].words, 90u);
}

TEST(DedupPresets, SetThresholdsAndRejectUnknownNames) {
  DedupOptions o;
  ASSERT_TRUE(ApplyDedupPreset("near-identical", &o).ok());
  EXPECT_DOUBLE_EQ(o.near_threshold, 0.8);
  EXPECT_FALSE(o.find_partial);
  ASSERT_TRUE(ApplyDedupPreset("syndicated", &o).ok());
  EXPECT_DOUBLE_EQ(o.near_threshold, 0.5);
  EXPECT_TRUE(o.find_partial);
  EXPECT_EQ(ApplyDedupPreset("fuzzy", &o).code(), StatusCode::kInvalidArgument);
  for (std::string_view name : DedupPresetNames()) EXPECT_TRUE(ApplyDedupPreset(name, &o).ok());
}

// Two results are the same: every article's relation and every reused passage.
void ExpectSameResult(const DedupResult& a, const DedupResult& b) {
  ASSERT_EQ(a.articles.size(), b.articles.size());
  for (size_t i = 0; i < a.articles.size(); ++i) {
    EXPECT_EQ(a.articles[i].duplicate_of, b.articles[i].duplicate_of) << i;
    EXPECT_EQ(a.articles[i].kind, b.articles[i].kind) << i;
    EXPECT_DOUBLE_EQ(a.articles[i].similarity, b.articles[i].similarity) << i;
  }
  ASSERT_EQ(a.reuse.size(), b.reuse.size());
  for (size_t k = 0; k < a.reuse.size(); ++k) {
    EXPECT_EQ(a.reuse[k].source, b.reuse[k].source);
    EXPECT_EQ(a.reuse[k].copy, b.reuse[k].copy);
    EXPECT_EQ(a.reuse[k].spans.size(), b.reuse[k].spans.size());
  }
}

TEST(DedupIndex, StreamingInAnyBatchesEqualsTheBatchRun) {
  testing::CorpusSpec spec;
  spec.num_originals = 300;
  auto corpus = testing::GenerateCorpus(spec);
  const auto& v = corpus.articles;
  auto batch = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(batch.ok());
  ASSERT_GT(batch->stats.copies, 50u);
  for (size_t chunk : {size_t{1}, size_t{7}, size_t{128}, v.size()}) {
    DedupOptions o;
    o.threads = chunk == 7 ? 3 : 1;
    auto index = DedupIndex::Create(o);
    ASSERT_TRUE(index.ok());
    for (size_t at = 0; at < v.size(); at += chunk) {
      size_t n = std::min(chunk, v.size() - at);
      ASSERT_TRUE((*index)->Add(std::span<const Article>(v).subspan(at, n)).ok());
    }
    EXPECT_EQ((*index)->size(), v.size());
    EXPECT_EQ((*index)->live_size(), v.size());
    DedupResult streamed = (*index)->Snapshot();
    ExpectSameResult(streamed, *batch);
    EXPECT_EQ(streamed.stats.copies, batch->stats.copies);
    EXPECT_GT((*index)->MemoryBytes(), 0u);
  }
}

std::vector<Article> DatedCorpus(size_t originals) {
  testing::CorpusSpec spec;
  spec.num_originals = originals;
  std::vector<Article> v = testing::GenerateCorpus(spec).articles;
  // Content-farm pages: passages of two articles stitched into text of a third, a day later.
  const size_t n = v.size();
  for (size_t k = 0; k + 12 < n; k += 10) {
    Article farm = v[k + 2];
    farm.id = "farm" + std::to_string(k);
    farm.text = std::string(Words(v[k + 2].text, 0, 70)) + "\n\n" +
                std::string(Words(v[k].text, 100, 60)) + "\n\n" +
                std::string(Words(v[k + 12].text, 200, 50)) + "\n\n" +
                std::string(Words(v[k + 2].text, 300, 60));
    if (farm.timestamp) *farm.timestamp += 86400;
    v.push_back(std::move(farm));
  }
  std::stable_sort(v.begin(), v.end(), PublishedBefore);
  return v;
}

// Texts read back from the caller's copy, counted.
DedupIndex::TextSource SourceOf(const std::vector<Article>& v, size_t* reads) {
  return [&v, reads](size_t i, std::string* text) {
    ++*reads;
    if (i >= v.size()) return Status::NotFound("no article " + std::to_string(i));
    *text = v[i].text;
    return Status::OK();
  };
}

// Adds v[from, to) in commits of `chunk`, appending each commit's results to *out.
void AddAndCommit(DedupIndex& index, const std::vector<Article>& v, size_t from, size_t to,
                  size_t chunk, DedupResult* out, std::vector<std::string>* states,
                  std::string* index_state) {
  for (size_t at = from; at < to; at += chunk) {
    const size_t n = std::min(chunk, to - at);
    ASSERT_TRUE(index.Add(std::span<const Article>(v).subspan(at, n)).ok());
    auto c = index.Commit();
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c->first, at);
    ASSERT_EQ(c->result.articles.size(), n);
    out->articles.insert(out->articles.end(), c->result.articles.begin(), c->result.articles.end());
    for (PartialReuse& r : c->result.reuse) out->reuse.push_back(std::move(r));
    if (states != nullptr) {
      ASSERT_EQ(c->article_states.size(), n);
      for (std::string& s : c->article_states) states->push_back(std::move(s));
    }
    if (index_state != nullptr) *index_state = c->index_state;
  }
  std::sort(out->reuse.begin(), out->reuse.end(), [](const auto& x, const auto& y) {
    return x.copy != y.copy ? x.copy < y.copy : x.source < y.source;
  });
}

// An index with a text source that committed all of `v` in chunks of 10, and what it committed.
struct CommittedIndex {
  std::unique_ptr<DedupIndex> index;
  DedupResult result;
  std::vector<std::string> states;
  std::string index_state;
};
CommittedIndex CommitAll(const std::vector<Article>& v, size_t* reads) {
  CommittedIndex c;
  auto index = DedupIndex::Create(DedupOptions());
  EXPECT_TRUE(index.ok());
  c.index = std::move(*index);
  c.index->SetTextSource(SourceOf(v, reads));
  AddAndCommit(*c.index, v, 0, v.size(), 10, &c.result, &c.states, &c.index_state);
  return c;
}

// A store's way: commit after every batch, the index dropping the texts it committed. On a
// date-ordered stream the commits together say what one run over everything says.
TEST(DedupIndex, CommitsInBatchesEqualTheBatchRun) {
  const std::vector<Article> v = DatedCorpus(300);
  auto batch = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(batch.ok());
  ASSERT_GT(batch->stats.copies, 50u);
  ASSERT_GT(batch->reuse.size(), 0u);
  for (size_t chunk : {size_t{1}, size_t{37}, v.size()}) {
    auto index = DedupIndex::Create(DedupOptions());
    ASSERT_TRUE(index.ok());
    size_t reads = 0;
    (*index)->SetTextSource(SourceOf(v, &reads));
    DedupResult merged;
    AddAndCommit(**index, v, 0, v.size(), chunk, &merged, nullptr, nullptr);
    ExpectSameResult(merged, *batch);
    if (chunk == 1) EXPECT_GT(reads, 0u) << "texts of committed articles are read back";
  }
}

// A process that restores the committed articles from their states (no text tokenised) goes on
// exactly as the index that stayed open.
TEST(DedupIndex, RestoredIndexContinuesAsTheOneThatStayed) {
  const std::vector<Article> v = DatedCorpus(300);
  const size_t split = v.size() * 3 / 5;
  size_t reads = 0;
  auto stayed = DedupIndex::Create(DedupOptions());
  ASSERT_TRUE(stayed.ok());
  (*stayed)->SetTextSource(SourceOf(v, &reads));
  DedupResult before;
  std::vector<std::string> states;
  std::string index_state;
  AddAndCommit(**stayed, v, 0, split, 50, &before, &states, &index_state);
  ASSERT_EQ(states.size(), split);
  DedupResult after_stayed;
  AddAndCommit(**stayed, v, split, v.size(), 40, &after_stayed, nullptr, nullptr);

  std::vector<Article> meta(v.begin(), v.begin() + static_cast<ptrdiff_t>(split));
  for (Article& a : meta) a.text.clear();
  auto restored = DedupIndex::Create(DedupOptions());
  ASSERT_TRUE(restored.ok());
  (*restored)->SetTextSource(SourceOf(v, &reads));
  ASSERT_TRUE((*restored)->Restore(index_state, meta, states, before.articles).ok());
  EXPECT_EQ((*restored)->size(), split);
  DedupResult after_restored;
  AddAndCommit(**restored, v, split, v.size(), 40, &after_restored, nullptr, nullptr);
  ExpectSameResult(after_restored, after_stayed);
  size_t copies = 0;
  for (const DuplicateInfo& d : after_restored.articles) copies += d.duplicate_of >= 0;
  EXPECT_GT(copies, 20u);
}

TEST(DedupIndex, RestoreRefusesDamagedStateAndStaysUsable) {
  const std::vector<Article> v = DatedCorpus(40);
  size_t reads = 0;
  const CommittedIndex committed = CommitAll(v, &reads);
  const DedupResult& r = committed.result;
  const std::vector<std::string>& states = committed.states;
  const std::string& index_state = committed.index_state;
  EXPECT_EQ(committed.index->Restore(index_state, v, states, r.articles).code(),
            StatusCode::kInvalidArgument)
      << "only an empty index is restored into";

  auto fresh = DedupIndex::Create(DedupOptions());
  ASSERT_TRUE(fresh.ok());
  std::vector<std::string> damaged = states;
  damaged[7].resize(damaged[7].size() / 2);
  EXPECT_EQ((*fresh)->Restore(index_state, v, damaged, r.articles).code(), StatusCode::kCorruption);
  EXPECT_EQ((*fresh)->Restore("\xff", v, states, r.articles).code(), StatusCode::kCorruption);
  std::vector<DuplicateInfo> looped = r.articles;
  looped[3].duplicate_of = 3;
  EXPECT_EQ((*fresh)->Restore(index_state, v, states, looped).code(), StatusCode::kCorruption);
  EXPECT_EQ((*fresh)->size(), 0u);
  ASSERT_TRUE((*fresh)->Restore(index_state, v, states, r.articles).ok());
  EXPECT_EQ((*fresh)->size(), v.size());
}

// Restoring the articles a store selects for its hot window (published within 1.1 windows of the
// newest) gives the index that stayed open: those the window had evicted stay evicted.
TEST(DedupIndex, RestoredWindowMatchesTheOneThatStayed) {
  std::vector<Article> v = DatedCorpus(300);
  const size_t split = v.size() * 3 / 5;
  DedupOptions o;
  o.window_seconds = 5 * 86400;
  // Reposts, a minute after the split, of every article from the 1.2 windows before it: some of
  // their originals are still in the window, some were evicted at its last step.
  const int64_t at_split = *v[split - 1].timestamp;
  std::vector<Article> reposts;
  for (size_t k = 0; k < split; ++k) {
    if (*v[k].timestamp < at_split - o.window_seconds * 12 / 10) continue;
    Article a = v[k];
    a.id = "repost" + std::to_string(k);
    a.timestamp = at_split + 60;
    reposts.push_back(a);
  }
  v.insert(v.begin() + static_cast<ptrdiff_t>(split), reposts.begin(), reposts.end());
  size_t reads = 0;
  auto stayed = DedupIndex::Create(o);
  ASSERT_TRUE(stayed.ok());
  (*stayed)->SetTextSource(SourceOf(v, &reads));
  DedupResult before;
  std::vector<std::string> states;
  std::string index_state;
  AddAndCommit(**stayed, v, 0, split, 50, &before, &states, &index_state);
  DedupResult after_stayed;
  AddAndCommit(**stayed, v, split, v.size(), 40, &after_stayed, nullptr, nullptr);

  int64_t newest = INT64_MIN;
  for (size_t i = 0; i < split; ++i) newest = std::max(newest, *v[i].timestamp);
  const int64_t cutoff = newest - o.window_seconds - o.window_seconds / 10;
  std::vector<size_t> hot;
  for (size_t i = 0; i < split; ++i) {
    if (*v[i].timestamp >= cutoff) hot.push_back(i);
  }
  ASSERT_LT(hot.size(), split);
  // The restored index numbers the hot articles 0..; texts and results map through `hot`.
  std::vector<Article> meta, again;
  std::vector<std::string> hot_states;
  std::vector<DuplicateInfo> hot_results;
  for (size_t i : hot) {
    meta.push_back(v[i]);
    meta.back().text.clear();
    hot_states.push_back(states[i]);
    DuplicateInfo d = before.articles[i];
    auto it = std::find(hot.begin(), hot.end(),
                        static_cast<size_t>(std::max<int64_t>(0, d.duplicate_of)));
    d.duplicate_of = d.duplicate_of < 0 || it == hot.end() ? -1 : it - hot.begin();
    hot_results.push_back(d);
    again.push_back(v[i]);
  }
  for (size_t i = split; i < v.size(); ++i) again.push_back(v[i]);
  auto restored = DedupIndex::Create(o);
  ASSERT_TRUE(restored.ok());
  (*restored)->SetTextSource(SourceOf(again, &reads));
  ASSERT_TRUE((*restored)->Restore(index_state, meta, hot_states, hot_results).ok());
  DedupResult after_restored;
  AddAndCommit(**restored, again, hot.size(), again.size(), 40, &after_restored, nullptr, nullptr);
  ASSERT_EQ(after_restored.articles.size(), after_stayed.articles.size());
  size_t copies = 0;
  for (size_t k = 0; k < after_stayed.articles.size(); ++k) {
    const DuplicateInfo& a = after_stayed.articles[k];
    const DuplicateInfo& b = after_restored.articles[k];
    EXPECT_EQ(a.duplicate_of >= 0, b.duplicate_of >= 0) << k;
    if (a.duplicate_of >= 0 && b.duplicate_of >= 0) {
      const size_t ra = static_cast<size_t>(a.duplicate_of);
      const size_t rb = static_cast<size_t>(b.duplicate_of);
      const size_t mapped = rb < hot.size() ? hot[rb] : rb - hot.size() + split;
      EXPECT_EQ(ra, mapped) << k;
      ++copies;
    }
  }
  EXPECT_GT(copies, 5u);
}

// A damaged template range in an article's keys (past its text) can neither crash nor read past
// the text: it is ignored when the text is compared.
TEST(DedupIndex, RestoredTemplateRangesNeverReachPastTheText) {
  const std::vector<Article> v = DatedCorpus(40);
  size_t reads = 0;
  const CommittedIndex committed = CommitAll(v, &reads);
  const DedupResult& r = committed.result;
  const std::vector<std::string>& states = committed.states;
  const std::string& index_state = committed.index_state;
  // Article 3's state with one range (begin, +len) in place of its (empty) list.
  ByteReader in(states[3]);
  const uint64_t words = in.Varint(), samples = in.Varint(), ranges = in.Varint();
  ASSERT_EQ(ranges, 0u);
  auto with_range = [&](uint64_t begin, uint64_t len) {
    std::string head, out;
    ByteWriter hw(&head), w(&out);
    for (uint64_t x : {words, samples, uint64_t{0}}) hw.Varint(x);
    for (uint64_t x : {words, samples, uint64_t{1}, begin, len}) w.Varint(x);
    return out + states[3].substr(head.size());
  };
  std::vector<std::string> bad = states;
  bad[3] = with_range(1000000, 1);
  std::vector<Article> meta = v;
  for (Article& a : meta) a.text.clear();
  auto restored = DedupIndex::Create(DedupOptions());
  ASSERT_TRUE(restored.ok());
  std::vector<Article> more = v;
  more.push_back(v[3]);  // a repost of the damaged one
  more.back().id = "repost";
  *more.back().timestamp += 86400;
  (*restored)->SetTextSource(SourceOf(more, &reads));
  ASSERT_TRUE((*restored)->Restore(index_state, meta, bad, r.articles).ok());
  ASSERT_TRUE((*restored)->Add(more.back()).ok());
  auto c = (*restored)->Commit();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  // Overlapping or wrapping ranges are refused.
  bad[3] = with_range(0xFFFFFFF0u, 0x100);
  auto fresh = DedupIndex::Create(DedupOptions());
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ((*fresh)->Restore(index_state, meta, bad, r.articles).code(), StatusCode::kCorruption);
}

TEST(DedupIndex, WindowEvictsOldArticlesButKeepsTheirResults) {
  std::string wire;
  for (int i = 0; i < 120; ++i)
    wire += "token" + std::to_string(i % 97) + "x" + std::to_string(i) + " ";
  DedupOptions o;
  o.window_seconds = 7 * 86400;
  auto index = DedupIndex::Create(o);
  ASSERT_TRUE(index.ok());
  DedupIndex& ix = **index;
  ASSERT_TRUE(ix.Add(Make("jan1", wire, "2026-01-01")).ok());
  ASSERT_TRUE(ix.Add(Make("jan2", wire, "2026-01-02")).ok());  // a copy inside the window
  std::string other;
  for (int i = 0; i < 120; ++i) other += "other" + std::to_string(i) + " ";
  ASSERT_TRUE(ix.Add(Make("feb1", other, "2026-02-01")).ok());  // moves the window on
  EXPECT_EQ(ix.live_size(), 1u);
  ASSERT_TRUE(ix.Add(Make("feb2", wire, "2026-02-02")).ok());  // same text, old ones gone
  DedupResult r = ix.Snapshot();
  EXPECT_EQ(r.articles[1].duplicate_of, 0);
  EXPECT_EQ(r.articles[1].kind, DuplicateKind::kExact);
  EXPECT_EQ(r.articles[3].duplicate_of, -1) << "its originals were evicted";
  EXPECT_EQ(r.stats.evicted, 2u);
  // Evicting by hand works too, and an undated article is never evicted by time.
  ASSERT_TRUE(ix.Add(Make("undated", other + " more words here")).ok());
  EXPECT_EQ(ix.EvictBefore(int64_t{1} << 40), 2u);
  EXPECT_EQ(ix.live_size(), 1u);
}

TEST(DedupIndex, OriginalRulesArePluggable) {
  std::string text;
  for (int i = 0; i < 80; ++i) text += "word" + std::to_string(i) + " ";
  std::vector<Article> v = {
      Make("blog", text, "2026-01-01"), Make("wire", text, "2026-01-02"),
      Make("site", text + " and a longer footer of its own here", "2026-01-01")};
  v[1].source = "Reuters";
  DedupOptions o;
  EXPECT_EQ(Deduplicate(v, o)->articles[1].duplicate_of, 0) << "earliest first";
  o.original_rule = OriginalRule::kWireFirst;
  EXPECT_EQ(Deduplicate(v, o)->articles[0].duplicate_of, 1) << "the wire outlet first";
  o.original_rule = OriginalRule::kMostComplete;
  auto r = Deduplicate(v, o);
  // The text the others contain (blog and wire, inside site's footer) ranks first; between those
  // two, equal length, the earlier.
  EXPECT_EQ(r->articles[2].duplicate_of, 0);
  EXPECT_EQ(r->articles[2].kind, DuplicateKind::kContained);
  EXPECT_EQ(r->articles[1].duplicate_of, 0);
  o.original_before = [](const Article& a, const Article& b) {
    return a.id == "site" && b.id != "site";
  };
  r = Deduplicate(v, o);
  EXPECT_EQ(r->articles[0].duplicate_of, 2) << "a caller's order";
  EXPECT_EQ(r->articles[1].duplicate_of, 2) << "copies never chain";
}

// An outlet's page: its header and footer lines around a body.
std::string OutletPage(const std::string& body) {
  std::string header =
      "Riverside Gazette | Your trusted local news since 1921\n"
      "Home | Local | Business | Sports | Opinion | Weather | Obituaries | Classifieds\n"
      "Subscribe today and get unlimited digital access for just one dollar a week\n\n";
  std::string footer =
      "\n\nShare this story on Facebook, Twitter, LinkedIn or by email with your friends\n"
      "Comments are moderated; please keep them civil, on topic and free of personal attacks\n"
      "Copyright Riverside Gazette Media Group. All rights reserved. Terms of use apply here\n"
      "Riverside Gazette, 14 Mill Street, Riverside. Newsroom tips and corrections welcome\n"
      "Sign up for the morning briefing newsletter and never miss a local headline again\n"
      "Advertise with us: reach readers across the valley in print, online and on mobile\n";
  return header + body + footer;
}

TEST(TemplateLines, OutletTemplateNeitherMakesCopiesNorHidesThem) {
  testing::CorpusSpec spec;
  spec.num_originals = 12;
  spec.copy_rate = 0;
  spec.words = 25;  // short bodies: the template is most of each page
  auto corpus = testing::GenerateCorpus(spec);
  std::vector<Article> v;
  for (int k = 0; k < 8; ++k) {
    Article a = Make("g" + std::to_string(k), OutletPage(corpus.articles[k].text),
                     "2026-01-0" + std::to_string(k + 1));
    a.source = "Riverside Gazette";
    v.push_back(a);
  }
  // A wire story reposted by the outlet, and the same wire story elsewhere first.
  Article wire = Make("wire", corpus.articles[10].text, "2026-01-01");
  wire.source = "Reuters";
  v.push_back(wire);
  Article repost = Make("repost", OutletPage(corpus.articles[10].text), "2026-01-09");
  repost.source = "Riverside Gazette";
  v.push_back(repost);

  DedupOptions off;
  off.template_min_articles = 0;
  auto raw = Deduplicate(v, off);
  ASSERT_TRUE(raw.ok());
  size_t false_copies = 0;
  for (int k = 0; k < 8; ++k) false_copies += raw->articles[k].duplicate_of >= 0;
  EXPECT_GT(false_copies, 0u) << "without template removal the shared furniture makes copies";

  auto r = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(r.ok());
  for (int k = 0; k < 8; ++k) {
    // The first three pages teach the template; from then on it is left out. The first ones
    // may still pair among themselves, never with a later page.
    if (k >= 3) {
      EXPECT_EQ(r->articles[k].duplicate_of, -1) << k;
    }
  }
  EXPECT_EQ(r->articles[9].duplicate_of, 8) << "the repost is still the wire story's copy";
  EXPECT_TRUE(r->articles[9].kind == DuplicateKind::kExact ||
              r->articles[9].kind == DuplicateKind::kNear ||
              r->articles[9].kind == DuplicateKind::kContained);
  // The same in a stream, one article at a time.
  auto index = DedupIndex::Create(DedupOptions());
  ASSERT_TRUE(index.ok());
  for (const Article& a : v) ASSERT_TRUE((*index)->Add(a).ok());
  ExpectSameResult((*index)->Snapshot(), *r);
}

TEST(TemplateLines, AnOutletRepostingAStoryStillMakesCopies) {
  // Every line of a short story is counted as possible furniture; posted a fourth time by the
  // same outlet, its lines would all be "template". They must not be left out: it is a copy.
  testing::CorpusSpec spec;
  spec.num_originals = 1;
  spec.copy_rate = 0;
  auto corpus = testing::GenerateCorpus(spec);
  std::vector<Article> v;
  for (int k = 0; k < 6; ++k) {
    Article a =
        Make("p" + std::to_string(k), corpus.articles[0].text, "2026-01-0" + std::to_string(k + 1));
    a.source = "Riverside Gazette";
    v.push_back(a);
  }
  auto r = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(r.ok());
  for (int k = 1; k < 6; ++k) {
    EXPECT_EQ(r->articles[k].duplicate_of, 0) << k;
    EXPECT_EQ(r->articles[k].kind, DuplicateKind::kExact) << k;
  }
}

TEST(DedupIndex, RejectsAWindowTooLargeForTimestampArithmetic) {
  DedupOptions o;
  o.window_seconds = int64_t{20'000'000'000};
  EXPECT_EQ(DedupIndex::Create(o).status().code(), StatusCode::kInvalidArgument);
  o.window_seconds = int64_t{10'000'000'000};
  EXPECT_TRUE(DedupIndex::Create(o).ok());
}

}  // namespace
}  // namespace storyline
