#include "storyline/format.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "storyline/pipeline.h"
#include "storyline/text.h"
#include "testing/corpus.h"

namespace storyline {
namespace {

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

PipelineResult ThreeUnlabelledReports() {
  std::vector<Article> v(3);
  const char* texts[] = {
      "The council voted on Tuesday to close the old Harbor Bridge for repairs after engineers "
      "found cracks in two of its steel supports during a routine inspection last week.",
      "Engineers found cracks in two steel supports of the old Harbor Bridge, and the council "
      "voted on Tuesday to close it for repairs that could last six weeks.",
      "The old Harbor Bridge will close for six weeks of repairs after the council voted on "
      "Tuesday, following the discovery of cracks in two of its steel supports."};
  for (size_t i = 0; i < v.size(); ++i) {
    v[i].id = "r" + std::to_string(i);
    v[i].text = texts[i];
  }
  v[2].url = "https://www.harbor-daily.example/bridge";
  auto r = RunPipeline(std::move(v), PipelineOptions());
  EXPECT_TRUE(r.ok());
  return std::move(*r);
}

// Articles of unknown outlet are shown one way everywhere and never count as outlets.
TEST(Format, UnknownOutletIsOneDisplayAndNeverCounted) {
  const PipelineResult r = ThreeUnlabelledReports();
  ASSERT_EQ(r.stories.size(), 1u);
  const Story& s = r.stories[0];
  EXPECT_EQ(s.KnownOutlets(), 1u);  // harbor-daily.example (the URL's host)
  ASSERT_EQ(s.outlets.size(), 2u);
  EXPECT_EQ(s.outlets[0].source, "harbor-daily.example");
  EXPECT_EQ(s.outlets[1].source, "");  // the unknown-outlet entry comes last
  EXPECT_EQ(s.outlets[1].originals.size(), 2u);
  const std::string report = FormatReport(r, 0);
  EXPECT_NE(report.find("3 articles, 3 originals, 1 outlet + unknown"), std::string::npos)
      << report;
  EXPECT_NE(report.find("- (unknown): r0"), std::string::npos) << report;
  EXPECT_EQ(report.find("?"), std::string::npos) << report;
  const std::string json = StoryToJson(r, s);
  EXPECT_NE(json.find("{\"source\":\"(unknown)\",\"articles\":[{\"id\":\"r0\""), std::string::npos)
      << json;
  const std::string html = FormatHtmlReport(r, 0);
  EXPECT_NE(html.find("1 outlet + unknown"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"name\">(unknown)</div>"), std::string::npos);
  // An untitled article is named by its id once, not twice.
  EXPECT_NE(html.find("<span class=\"title\">r0</span></div>"), std::string::npos) << html;
}

TEST(Format, CountsAreSingularForOne) {
  std::vector<Article> v(1);
  v[0].id = "only";
  v[0].source = "Wire";
  v[0].text = "A single report of a small event that nobody else covered at all.";
  auto r = RunPipeline(std::move(v), PipelineOptions());
  ASSERT_TRUE(r.ok());
  const std::string report = FormatReport(*r, 0);
  EXPECT_EQ(report.rfind("1 article, 0 copies, 1 story (0 reported by more than one article)", 0),
            0u)
      << report;
  EXPECT_NE(report.find("1 article, 1 original, 1 outlet"), std::string::npos) << report;
}

Article MakeDated(std::string id, std::string text, std::string date) {
  Article a;
  a.id = std::move(id);
  a.text = std::move(text);
  SetArticleDate(&a, date);
  return a;
}

TEST(PageToJson, WritesFieldsOrError) {
  ExtractedPage p;
  p.title = "T \"q\"";
  p.text = "a\n\nb";
  EXPECT_EQ(PageToJson("in.html", p),
            "{\"input\":\"in.html\",\"title\":\"T \\\"q\\\"\",\"date\":\"\",\"author\":\"\","
            "\"site\":\"\",\"url\":\"\",\"lang\":\"\",\"charset\":\"\",\"text\":\"a\\n\\nb\"}");
  EXPECT_EQ(PageToJson("x", Status::NotFound("gone")),
            "{\"input\":\"x\",\"error\":\"NotFound: gone\"}");
}

TEST(DedupGroupsToJsonLines, OneLinePerOriginalWithItsCopies) {
  std::string text;
  for (int i = 0; i < 80; ++i) text += "word" + std::to_string(i) + " ";
  std::vector<Article> v = {MakeDated("orig", text, "2026-01-01"),
                            MakeDated("unique", "something else", ""),
                            MakeDated("copy", text, "2026-01-02")};
  v[0].title = "A \"quoted\" <title>";
  auto r = Deduplicate(v, DedupOptions());
  ASSERT_TRUE(r.ok());
  std::string out = DedupGroupsToJsonLines(v, *r);
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
  EXPECT_EQ(out.rfind("{\"original\":\"orig\",\"index\":0,", 0), 0u) << out;
  EXPECT_NE(out.find("\"copies\":[{\"id\":\"copy\",\"index\":2,\"kind\":\"exact\",\"score\":1"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("<title>"), std::string::npos) << "markup is escaped";
}

TEST(FormatLshCurve, ShowsBandsAndTheCurve) {
  const std::string curve = *FormatLshCurve(DedupOptions());
  DedupOptions bad;
  bad.near_threshold = 0;
  EXPECT_EQ(FormatLshCurve(bad).status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(curve.find("bands"), std::string::npos);
  EXPECT_NE(curve.find("   0.50"), std::string::npos);
}

TEST(OutletDisplayName, NamesTheUnknownOutlet) {
  EXPECT_EQ(OutletDisplayName(""), "(unknown)");
  EXPECT_EQ(OutletDisplayName("Reuters"), "Reuters");
}

}  // namespace
}  // namespace storyline

namespace storyline {
namespace {

TEST(Format, ReportsFoldLongCopyListsAndNeverHaveEmptyHeadlines) {
  std::vector<Article> v;
  const std::string wire =
      "The river burst its banks on Monday night and flooded the lower town. Residents were "
      "moved to the school hall while crews built a wall of sandbags along the quay.";
  for (int i = 0; i < 40; ++i) {
    Article a;
    a.id = "c" + std::to_string(i);
    a.source = "Outlet " + std::to_string(i);
    a.text = wire;
    v.push_back(std::move(a));
  }
  Article odd;  // no sentence of prose at all: the headline falls back to its first line
  odd.id = "table";
  odd.text = "Q3 | 41 | 17\nQ4 | 44 | 19";
  v.push_back(std::move(odd));
  auto r = RunPipeline(std::move(v), PipelineOptions());
  ASSERT_TRUE(r.ok());
  for (const Story& s : r->stories) EXPECT_FALSE(s.headline.empty());
  const std::string text = FormatReport(*r, 0);
  EXPECT_NE(text.find("… and 29 more copies"), std::string::npos) << text;
  size_t copy_lines = 0;
  for (size_t at = 0; (at = text.find("        copy ", at)) != std::string::npos; ++at) ++copy_lines;
  EXPECT_EQ(copy_lines, 10u) << text;
  EXPECT_NE(text.find("#41  Q3 | 41 | 17"), std::string::npos) << text;
  const std::string html = FormatHtmlReport(*r, 0);
  EXPECT_NE(html.find("… and 29 more copies"), std::string::npos);
}

}  // namespace
}  // namespace storyline
