#include "storyline/pipeline.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>

#include "storyline/format.h"
#include "storyline/text.h"
#include "testing/corpus.h"

namespace storyline {
namespace {

TEST(RunPipeline, RenamesDuplicateIds) {
  std::vector<Article> v(3);
  for (Article& a : v) {
    a.id = "x";
    a.text = "Some article text that is long enough to read.";
  }
  auto r = RunPipeline(std::move(v), PipelineOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->articles[0].id, "x");
  EXPECT_EQ(r->articles[1].id, "x~2");
  EXPECT_EQ(r->articles[2].id, "x~3");
}

// Review finding: an id the input uses once is never taken by a renamed duplicate.
TEST(RunPipeline, RenamingNeverStealsAnExistingId) {
  std::vector<Article> v(3);
  v[0].id = "a";
  v[1].id = "a";
  v[2].id = "a~2";
  for (Article& a : v) a.text = "Some article text that is long enough to read.";
  auto r = RunPipeline(std::move(v), PipelineOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->articles[0].id, "a");
  EXPECT_EQ(r->articles[1].id, "a~3");
  EXPECT_EQ(r->articles[2].id, "a~2");
}

TEST(RunPipeline, OutputsParseAndCoverEveryArticle) {
  testing::CorpusSpec spec;
  spec.num_originals = 40;
  auto corpus = testing::GenerateCorpus(spec);
  const size_t n = corpus.articles.size();
  std::vector<std::string> stages;
  PipelineOptions o;
  o.on_stage = [&](std::string_view s, size_t) { stages.emplace_back(s); };
  auto r = RunPipeline(corpus.articles, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(stages, (std::vector<std::string>{"clean", "dedup", "cluster", "summarize"}));
  simdjson::dom::parser parser;
  size_t members = 0;
  for (const Story& s : r->stories) {
    std::string js = StoryToJson(*r, s);
    simdjson::dom::element e;
    ASSERT_FALSE(parser.parse(js).get(e)) << js;
    EXPECT_EQ(int64_t(e["story"]), s.id);
    EXPECT_EQ(simdjson::dom::array(e["articles"]).size(), s.articles.size());
    members += s.articles.size();
  }
  EXPECT_EQ(members, n);
  for (size_t i = 0; i < n; ++i) {
    std::string js = ArticleToJson(*r, i);
    simdjson::dom::element e;
    ASSERT_FALSE(parser.parse(js).get(e)) << js;
    EXPECT_EQ(std::string_view(e["id"]), r->articles[i].id);
    EXPECT_EQ(int64_t(e["story"]), r->story_id[i]);
    if (corpus.copy_of[i] >= 0) {
      EXPECT_EQ(std::string_view(e["duplicate_of"]), r->articles[corpus.copy_of[i]].id);
    } else {
      EXPECT_TRUE(e["duplicate_of"].is_null());
    }
  }
  std::string report = FormatReport(*r, 3);
  EXPECT_NE(report.find(std::to_string(n) + " articles"), std::string::npos);
  EXPECT_NE(report.find("more stories"), std::string::npos);
}

TEST(RunPipeline, RejectsBadBriefOptions) {
  std::vector<Article> v(1);
  v[0].text = "Some article text that is long enough to read.";
  PipelineOptions o;
  o.brief.max_words = -1;
  EXPECT_EQ(RunPipeline(v, o).status().code(), StatusCode::kInvalidArgument);
  o.brief.max_words = 0;
  o.brief.article_share = 2;
  EXPECT_EQ(SummarizeStory(v, o).status().code(), StatusCode::kInvalidArgument);
  o.brief.article_share = 0.5;
  o.brief.length_exponent = std::nan("");
  EXPECT_EQ(SummarizeStory(v, o).status().code(), StatusCode::kInvalidArgument);
}

TEST(RunPipeline, EmptyInputGivesNoStories) {
  auto r = RunPipeline({}, PipelineOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->stories.empty());
}

}  // namespace
}  // namespace storyline
