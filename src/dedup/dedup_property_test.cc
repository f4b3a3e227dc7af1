// Properties of Deduplicate on real news text (../shared/data/duc-tac-clusters) with planted,
// perturbed copies (testing/perturb.h), checked against the exact all-pairs oracle
// (testing/dedup_oracle.h) under every preset. Skipped when the data is absent.
//
// The corpus is 400 real articles plus a copy of 30 % of them and 30 stitched texts: small enough
// to run in well under a second in Release, large enough that a one-in-a-hundred miss shows.
// eval/dedup_eval runs the same scoring on thousands of articles and prints the figures.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storyline/dedup.h"
#include "testing/dedup_oracle.h"
#include "testing/dedup_scoring.h"
#include "testing/news_corpus.h"
#include "testing/perturb.h"

namespace storyline {
namespace {

using testing::GroupOf;
using testing::IsCopy;

struct PresetRun {
  std::string name;
  DedupOptions options;
  DedupResult result;
};

class DedupProperty : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    testing::NewsCorpusOptions load;
    load.max_articles = 400;
    load.seed = 7;
    Result<std::vector<Article>> real = testing::LoadNewsArticles(load);
    if (!real.ok()) {
      skip_reason_ = new std::string(real.status().ToString());
      return;
    }
    testing::PlantSpec spec;
    spec.copy_rate = 0.3;
    spec.stitches = 30;
    spec.seed = 7;
    corpus_ = new testing::PlantedCorpus(testing::PlantCopies(std::move(*real), spec));
    profiles_ = new std::vector<testing::ShingleProfile>(
        testing::BuildShingleProfiles(corpus_->articles, DedupOptions().shingle_words));
    // Every pair any property looks at: exact ones and those at a copy layer's threshold or
    // above (the lowest is Jaccard 0.5), with a wide margin.
    pairs_ = new std::vector<testing::PairOverlap>(
        testing::AllOverlappingPairs(*profiles_, [](const testing::PairOverlap& p) {
          return p.exact || p.jaccard >= 0.3 || p.containment >= 0.5;
        }));
    runs_ = new std::vector<PresetRun>();
    for (std::string_view name : DedupPresetNames()) {
      PresetRun run;
      run.name = std::string(name);
      if (!ApplyDedupPreset(name, &run.options).ok()) continue;
      // The oracle compares the texts as given; per-outlet template removal (which changes
      // what is compared, on purpose) is tested on its own in dedup_test.
      run.options.template_min_articles = 0;
      Result<DedupResult> r = Deduplicate(corpus_->articles, run.options);
      if (!r.ok()) continue;  // checked by AllPresetsRun
      run.result = std::move(*r);
      runs_->push_back(std::move(run));
    }
  }

  static void TearDownTestSuite() {
    delete skip_reason_;
    delete corpus_;
    delete profiles_;
    delete pairs_;
    delete runs_;
    skip_reason_ = nullptr;
    corpus_ = nullptr;
    profiles_ = nullptr;
    pairs_ = nullptr;
    runs_ = nullptr;
  }

  void SetUp() override {
    if (skip_reason_ != nullptr) GTEST_SKIP() << "no real news data: " << *skip_reason_;
  }

  static const std::vector<Article>& articles() { return corpus_->articles; }

  static std::string* skip_reason_;
  static testing::PlantedCorpus* corpus_;
  static std::vector<testing::ShingleProfile>* profiles_;
  static std::vector<testing::PairOverlap>* pairs_;
  static std::vector<PresetRun>* runs_;
};

std::string* DedupProperty::skip_reason_ = nullptr;
testing::PlantedCorpus* DedupProperty::corpus_ = nullptr;
std::vector<testing::ShingleProfile>* DedupProperty::profiles_ = nullptr;
std::vector<testing::PairOverlap>* DedupProperty::pairs_ = nullptr;
std::vector<PresetRun>* DedupProperty::runs_ = nullptr;

// Field-by-field equality of two results, stats included.
void ExpectSameResult(const DedupResult& a, const DedupResult& b) {
  ASSERT_EQ(a.articles.size(), b.articles.size());
  for (size_t i = 0; i < a.articles.size(); ++i) {
    const DuplicateInfo &x = a.articles[i], &y = b.articles[i];
    EXPECT_EQ(x.duplicate_of, y.duplicate_of) << i;
    EXPECT_EQ(x.kind, y.kind) << i;
    EXPECT_EQ(x.similarity, y.similarity) << i;
    EXPECT_EQ(x.jaccard, y.jaccard) << i;
    EXPECT_EQ(x.containment, y.containment) << i;
  }
  ASSERT_EQ(a.reuse.size(), b.reuse.size());
  for (size_t k = 0; k < a.reuse.size(); ++k) {
    const PartialReuse &x = a.reuse[k], &y = b.reuse[k];
    EXPECT_EQ(x.source, y.source);
    EXPECT_EQ(x.copy, y.copy);
    EXPECT_EQ(x.coverage, y.coverage);
    ASSERT_EQ(x.spans.size(), y.spans.size());
    for (size_t s = 0; s < x.spans.size(); ++s) {
      EXPECT_EQ(x.spans[s].begin, y.spans[s].begin);
      EXPECT_EQ(x.spans[s].end, y.spans[s].end);
      EXPECT_EQ(x.spans[s].source_begin, y.spans[s].source_begin);
      EXPECT_EQ(x.spans[s].source_end, y.spans[s].source_end);
      EXPECT_EQ(x.spans[s].words, y.spans[s].words);
    }
  }
  EXPECT_EQ(a.stats.copies, b.stats.copies);
  EXPECT_EQ(a.stats.verified_pairs, b.stats.verified_pairs);
  EXPECT_EQ(a.stats.partial_pairs, b.stats.partial_pairs);
}

TEST_F(DedupProperty, AllPresetsRun) {
  EXPECT_EQ(runs_->size(), DedupPresetNames().size());
  // The planted material is all there: a sanity check of the fixture, not of dedup.
  EXPECT_EQ(corpus_->copies.size(), 120u);
  EXPECT_EQ(corpus_->stitches.size(), 30u);
}

// Precision 1: every copy edge is a relation the oracle confirms for that very pair at the
// preset's threshold of its kind, and the reported scores are the exact ones (up to the library's
// 32-bit shingle hashes colliding).
TEST_F(DedupProperty, EveryCopyEdgeIsConfirmedByTheOracle) {
  for (const PresetRun& run : *runs_) {
    size_t edges = 0;
    for (uint32_t i = 0; i < articles().size(); ++i) {
      const DuplicateInfo& d = run.result.articles[i];
      if (!IsCopy(d)) continue;
      ++edges;
      const auto p = testing::ComparePair(*profiles_, i, static_cast<uint32_t>(d.duplicate_of));
      EXPECT_TRUE(testing::EdgeConfirmed(run.result, i, *profiles_, run.options))
          << run.name << ": " << articles()[i].id << " -> " << articles()[d.duplicate_of].id
          << " reported " << DuplicateKindName(d.kind) << ", oracle J=" << p.jaccard
          << " C=" << p.containment << " exact=" << p.exact;
      EXPECT_NEAR(d.jaccard, p.jaccard, 0.01) << run.name << ": " << articles()[i].id;
      EXPECT_NEAR(d.containment, p.containment, 0.01) << run.name << ": " << articles()[i].id;
    }
    EXPECT_GT(edges, 50u) << run.name;  // the planted copies alone give more
  }
}

TEST_F(DedupProperty, EveryOracleExactPairIsGrouped) {
  for (const PresetRun& run : *runs_) {
    size_t exact = 0;
    for (const testing::PairOverlap& p : *pairs_) {
      if (!p.exact) continue;
      ++exact;
      EXPECT_EQ(GroupOf(run.result, p.a), GroupOf(run.result, p.b))
          << run.name << ": " << articles()[p.a].id << " / " << articles()[p.b].id;
    }
    EXPECT_GE(exact, 20u) << run.name;  // at least the planted reformatted copies
  }
}

TEST_F(DedupProperty, NoChains) {
  for (const PresetRun& run : *runs_) {
    for (size_t i = 0; i < articles().size(); ++i) {
      const DuplicateInfo& d = run.result.articles[i];
      if (!IsCopy(d)) continue;
      EXPECT_FALSE(IsCopy(run.result.articles[d.duplicate_of]))
          << run.name << ": " << articles()[i].id << " -> " << articles()[d.duplicate_of].id
          << " -> " << run.result.articles[d.duplicate_of].duplicate_of;
    }
  }
}

// A repost inside another site's boilerplate holds the whole article (containment 1) while its
// Jaccard with it is 0.4–0.7: it must be contained, pointing at the article's original.
TEST_F(DedupProperty, BoilerplateRepostsAreContainedWithTheirOriginal) {
  for (const PresetRun& run : *runs_) {
    size_t checked = 0;
    for (const testing::PlantedCopy& c : corpus_->copies) {
      if (c.kind != testing::Perturbation::kBoilerplate) continue;
      if ((*profiles_)[c.source].num_words <
          static_cast<uint32_t>(run.options.min_containment_words))
        continue;  // too short to be contained by definition
      ++checked;
      const auto p = testing::ComparePair(*profiles_, c.copy, c.source);
      ASSERT_EQ(p.containment, 1.0) << articles()[c.copy].id;  // the perturbation's promise
      const DuplicateInfo& d = run.result.articles[c.copy];
      EXPECT_EQ(d.duplicate_of, GroupOf(run.result, c.source))
          << run.name << ": " << articles()[c.copy].id;
      EXPECT_EQ(d.kind, DuplicateKind::kContained) << run.name << ": " << articles()[c.copy].id;
    }
    EXPECT_GE(checked, 15u) << run.name;
  }
}

// Recall of the copy layers against the oracle at the bars: pairs at or above the
// preset's near_threshold, and at or above containment max(0.85, preset threshold), are grouped
// at a rate of at least 0.99.
TEST_F(DedupProperty, CopyLayersMeetTheRecallTarget) {
  for (const PresetRun& run : *runs_) {
    size_t near = 0, near_found = 0, contained = 0, contained_found = 0;
    for (const testing::PairOverlap& p : *pairs_) {
      const auto rel = testing::Relate(p, *profiles_, run.options);
      const bool grouped = GroupOf(run.result, p.a) == GroupOf(run.result, p.b);
      if (rel.near) {
        ++near;
        near_found += grouped;
      }
      if (rel.contained_recall) {
        ++contained;
        contained_found += grouped;
      }
      EXPECT_TRUE(grouped || !(rel.near || rel.contained_recall))
          << run.name << ": missed " << articles()[p.a].id << " / " << articles()[p.b].id
          << " J=" << p.jaccard << " C=" << p.containment;
    }
    ASSERT_GT(near, 20u) << run.name;
    ASSERT_GT(contained, 20u) << run.name;
    EXPECT_GE(static_cast<double>(near_found) / near, 0.99) << run.name;
    EXPECT_GE(static_cast<double>(contained_found) / contained, 0.99) << run.name;
  }
}

// Planted passages of >= 40 words (stitched texts) are found between the right pair with recall
// >= 0.95 where partial reuse is on, and the spans point at the passage on both sides.
TEST_F(DedupProperty, PlantedPassagesAreFound) {
  for (const PresetRun& run : *runs_) {
    if (!run.options.find_partial) continue;
    size_t passages = 0, found = 0, missed_in_copies = 0;
    for (const testing::PlantedStitch& st : corpus_->stitches) {
      for (const testing::PlantedPassage& passage : st.passages) {
        ++passages;
        const testing::PassageMatch m =
            testing::MatchPassage(run.result, st.text, passage, *profiles_);
        found += m.found;
        // A stitched text holding most of a short source is a contained copy of it; its
        // passages of the other sources are still partial reuse (dedup.h: reuse joins articles
        // that are not copies of each other nor of each other's originals).
        missed_in_copies += !m.found && IsCopy(run.result.articles[st.text]);
        if (!m.found || m.via_group) continue;
        EXPECT_GE(m.iou, 0.5) << run.name << ": " << articles()[st.text].id;
        EXPECT_GE(m.source_iou, 0.5) << run.name << ": " << articles()[st.text].id;
      }
    }
    ASSERT_GE(passages, 60u);
    EXPECT_GE(static_cast<double>(found) / passages, 0.95)
        << run.name << ": " << found << " of " << passages << "; " << missed_in_copies
        << " of the misses are in stitched texts grouped as a copy of one of their sources";
  }
}

// A text made of a whole short article plus a passage of another is a contained copy of the
// first, and still reuses the second: dedup.h keeps reuse records for every pair that is not a
// copy pair (nor a copy of the other's original), so the passage must be reported.
TEST_F(DedupProperty, PassageOfAnotherSourceInAContainedCopyIsReported) {
  // Two unrelated real articles: a short one (60–110 words) and a long one.
  const std::vector<testing::ShingleProfile>& prof = *profiles_;
  uint32_t shorter = UINT32_MAX, longer = UINT32_MAX;
  for (uint32_t i = 0; i < corpus_->num_originals; ++i) {
    if (!articles()[i].timestamp) continue;
    if (shorter == UINT32_MAX && prof[i].num_words >= 60 && prof[i].num_words <= 110) shorter = i;
    if (longer == UINT32_MAX && prof[i].num_words >= 400) longer = i;
  }
  ASSERT_NE(shorter, UINT32_MAX);
  ASSERT_NE(longer, UINT32_MAX);
  ASSERT_EQ(testing::ComparePair(prof, shorter, longer).shared, 0u);

  testing::Rng rng(11);
  const uint32_t ids[] = {1};
  const std::string_view texts[] = {articles()[longer].text};
  testing::StitchedText st = testing::Stitch(ids, texts, 60, rng);
  ASSERT_EQ(st.passages.size(), 1u);
  std::vector<Article> v = {articles()[shorter], articles()[longer], Article()};
  const std::string prefix = articles()[shorter].text + "\n\n";
  v[2].id = "roundup";
  v[2].text = prefix + st.text;
  v[2].timestamp = std::max(*v[0].timestamp, *v[1].timestamp) + 86400;
  testing::PlantedPassage passage = st.passages[0];
  passage.begin += static_cast<uint32_t>(prefix.size());
  passage.end += static_cast<uint32_t>(prefix.size());

  const auto small = testing::BuildShingleProfiles(v, DedupOptions().shingle_words);
  for (const PresetRun& run : *runs_) {
    if (!run.options.find_partial) continue;
    Result<DedupResult> r = Deduplicate(v, run.options);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->articles[2].duplicate_of, 0) << run.name;
    EXPECT_EQ(r->articles[2].kind, DuplicateKind::kContained) << run.name;
    const testing::PassageMatch m = testing::MatchPassage(*r, 2, passage, small);
    EXPECT_TRUE(m.found) << run.name << ": no reuse record for the passage of "
                         << articles()[longer].id << " (" << passage.words << " words)";
  }
}

// The header's contract on reuse records, and their substance: most of every reported passage is
// text the two articles share according to the oracle.
TEST_F(DedupProperty, ReuseRecordsAreWellFormedAndShared) {
  for (const PresetRun& run : *runs_) {
    const DedupResult& r = run.result;
    if (!run.options.find_partial) {
      EXPECT_TRUE(r.reuse.empty()) << run.name;
      continue;
    }
    for (size_t k = 0; k < r.reuse.size(); ++k) {
      const PartialReuse& rec = r.reuse[k];
      ASSERT_LT(rec.copy, articles().size());
      ASSERT_LT(rec.source, articles().size());
      const std::string label =
          run.name + ": " + articles()[rec.source].id + " -> " + articles()[rec.copy].id;
      if (k > 0) {
        const PartialReuse& prev = r.reuse[k - 1];
        EXPECT_TRUE(prev.copy < rec.copy || (prev.copy == rec.copy && prev.source < rec.source))
            << label;
      }
      EXPECT_NE(rec.copy, rec.source) << label;
      EXPECT_FALSE(PublishedBefore(articles()[rec.copy], articles()[rec.source])) << label;
      EXPECT_NE(GroupOf(r, rec.copy), GroupOf(r, rec.source)) << label;
      EXPECT_GT(rec.coverage, 0.0) << label;
      EXPECT_LE(rec.coverage, 1.0) << label;
      ASSERT_FALSE(rec.spans.empty()) << label;
      const size_t copy_size = articles()[rec.copy].text.size();
      const size_t source_size = articles()[rec.source].text.size();
      for (size_t s = 0; s < rec.spans.size(); ++s) {
        const ReuseSpan& span = rec.spans[s];
        EXPECT_LT(span.begin, span.end) << label;
        EXPECT_LE(span.end, copy_size) << label;
        EXPECT_LT(span.source_begin, span.source_end) << label;
        EXPECT_LE(span.source_end, source_size) << label;
        EXPECT_GE(span.words, static_cast<uint32_t>(run.options.min_reuse_words)) << label;
        if (s > 0) {
          EXPECT_LE(rec.spans[s - 1].end, span.begin) << label;
        }
        PartialReuse one;
        one.source = rec.source;
        one.copy = rec.copy;
        one.spans = {span};
        const testing::SpanScore score = testing::ScoreReuse(one, *profiles_, run.options);
        if (score.unmeasured > 0) continue;
        EXPECT_GE(2 * score.confirmed, score.bytes)
            << label << " span [" << span.begin << ", " << span.end << ")";
        EXPECT_GE(2 * score.source_confirmed, score.source_bytes)
            << label << " source span [" << span.source_begin << ", " << span.source_end << ")";
      }
    }
  }
}

TEST_F(DedupProperty, SameSeedSameResult) {
  for (const PresetRun& run : *runs_) {
    Result<DedupResult> again = Deduplicate(articles(), run.options);
    ASSERT_TRUE(again.ok());
    ExpectSameResult(run.result, *again);
  }
}

TEST_F(DedupProperty, ThreadCountDoesNotChangeResult) {
  for (const PresetRun& run : *runs_) {
    DedupOptions one = run.options, four = run.options;
    one.threads = 1;
    four.threads = 4;
    Result<DedupResult> a = Deduplicate(articles(), one);
    Result<DedupResult> b = Deduplicate(articles(), four);
    ASSERT_TRUE(a.ok() && b.ok());
    ExpectSameResult(*a, *b);
  }
}

}  // namespace
}  // namespace storyline
