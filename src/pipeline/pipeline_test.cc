#include "storyline/pipeline.h"

#include <gtest/gtest.h>
#include <cmath>
#include <simdjson.h>

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

// The HTML report escapes everything it shows and loads nothing from elsewhere.
TEST(FormatHtmlReport, EscapesInputAndIsSelfContained) {
  std::vector<Article> v(2);
  v[0].id = "a<1>";
  v[0].title = "<script>alert(1)</script> & \"quotes\"";
  v[0].source = "Wire <b>";
  v[0].url = "javascript:alert(2)";
  v[0].text =
      "The council voted on Tuesday to close the old bridge for repairs after cracks "
      "were found. <img src=x onerror=alert(3)> The mayor said the work would take "
      "six weeks and cost about two million dollars.";
  v[1] = v[0];
  v[1].id = "b";
  v[1].source = "Paper";
  auto r = RunPipeline(std::move(v), PipelineOptions());
  ASSERT_TRUE(r.ok());
  const std::string html = FormatHtmlReport(*r, 0);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);  // only http(s) links
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"),
            std::string::npos);
  EXPECT_NE(html.find("Wire &lt;b&gt;"), std::string::npos);
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
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
TEST(ArticleToJson, ListsReusedPassagesBySource) {
  testing::CorpusSpec spec;
  spec.num_originals = 3;
  spec.copy_rate = 0;
  auto corpus = testing::GenerateCorpus(spec);
  std::vector<Token> t;
  const std::string& src = corpus.articles[0].text;
  Tokenize(src, &t);
  const std::string passage = src.substr(t[20].begin, t[79].end - t[20].begin);  // 60 words
  std::vector<Article> v = {corpus.articles[0], corpus.articles[1]};
  v[1].text += "\n\n" + passage;
  v[0].id = "first";
  v[1].id = "second";
  v[0].timestamp = 1000;  // the source of a passage is the one published first
  v[1].timestamp = 2000;
  auto r = RunPipeline(std::move(v), PipelineOptions());
  ASSERT_TRUE(r.ok());
  const std::string second = ArticleToJson(*r, 1);
  EXPECT_NE(second.find("\"reused_from\":[{\"id\":\"first\",\"passages\":1,\"words\":60,"),
            std::string::npos)
      << second;
  EXPECT_NE(ArticleToJson(*r, 0).find("\"reused_from\":[]"), std::string::npos);
}

}  // namespace storyline
