#include "storyline/ingest.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "testing/corpus.h"
#include "testing/gzip.h"

namespace storyline {
namespace {

struct Collected {
  std::vector<Article> articles;
  std::vector<IngestError> errors;
  IngestStats stats;
};

Collected ReadString(std::string_view name, std::string_view data,
                     InputFormat format = InputFormat::kAuto, IngestOptions options = {}) {
  Collected c;
  Status s = ReadBuffer(
      name, data, format, options, [&](Article&& a) { c.articles.push_back(std::move(a)); },
      [&](const IngestError& e) { c.errors.push_back(e); }, &c.stats);
  EXPECT_TRUE(s.ok());
  return c;
}

TEST(Ingest, JsonLinesReadsAllFields) {
  auto c = ReadString("in.jsonl",
                      R"({"id":"a1","url":"https://x.example/1","source":"Wire","title":"T",)"
                      R"("date":"2026-03-14","text":"Body text.","extra":[1,2,{"k":null}]})"
                      "\n");
  ASSERT_EQ(c.articles.size(), 1u);
  const Article& a = c.articles[0];
  EXPECT_EQ(a.id, "a1");
  EXPECT_EQ(a.url, "https://x.example/1");
  EXPECT_EQ(a.source, "Wire");
  EXPECT_EQ(a.title, "T");
  EXPECT_EQ(a.text, "Body text.");
  ASSERT_TRUE(a.timestamp.has_value());
  EXPECT_EQ(*a.timestamp, 1773446400);
  EXPECT_TRUE(c.errors.empty());
}

// What POST /api/articles takes besides JSON Lines: a JSON array of records, numbered from 1;
// a bad element is its own error, a document that is no array of records is one error.
TEST(Ingest, JsonArrayRecordsAreNumberedAndBadOnesReported) {
  auto c = ReadString("body", R"( [{"id":"x","text":"First."}, {"title":"no text"}, 7,
                                  {"text":"Third.","date":"2026-03-14"}] )");
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].id, "x");
  EXPECT_EQ(c.articles[1].id, "body:4");
  EXPECT_TRUE(c.articles[1].timestamp.has_value());
  ASSERT_EQ(c.errors.size(), 2u);
  EXPECT_EQ(c.errors[0].location, "body:2");
  EXPECT_EQ(c.errors[1].location, "body:3");
  auto truncated = ReadString("body", R"([{"text":"a"}, {"text":)");
  EXPECT_TRUE(truncated.articles.empty());
  ASSERT_EQ(truncated.errors.size(), 1u);
  EXPECT_EQ(truncated.errors[0].location, "body");
  auto not_records = ReadString("body", "[1, 2]", InputFormat::kJsonArray);
  EXPECT_EQ(not_records.errors.size(), 2u);
  auto object = ReadString("body", R"({"text":"a"})", InputFormat::kJsonArray);
  EXPECT_EQ(object.errors.size(), 1u);
}

TEST(Ingest, JsonLinesBadRecordsAreReportedAndSkipped) {
  std::string data =
      "{\"text\":\"first good\"}\n"
      "{\"text\":\"truncated\n"             // line 2: truncated JSON
      "{\"title\":\"no text\"}\n"           // line 3: no text
      "{\"text\":\"   \"}\n"                // line 4: empty text
      "{\"text\":\"bad \xC3\x28 utf8\"}\n"  // line 5: invalid UTF-8
      "[1,2]\n"                             // line 6: not an object
      "{\"text\":42}\n"                     // line 7: wrong type
      "\n"
      "{\"id\":7,\"text\":\"last good\",\"date\":\"bogus\"}\n";
  auto c = ReadString("f.jsonl", data);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].text, "first good");
  EXPECT_EQ(c.articles[0].id, "f.jsonl:1");
  EXPECT_EQ(c.articles[1].id, "7");
  EXPECT_FALSE(c.articles[1].timestamp.has_value());
  EXPECT_EQ(c.articles[1].date, "");  // an unreadable date is not echoed
  ASSERT_EQ(c.errors.size(), 7u);
  EXPECT_TRUE(c.errors[6].warning);
  EXPECT_EQ(c.errors[6].location, "f.jsonl:9");
  EXPECT_NE(c.errors[6].status.message().find("\"bogus\": kept undated"), std::string_view::npos);
  EXPECT_EQ(c.errors[0].location, "f.jsonl:2");
  EXPECT_EQ(c.errors[1].location, "f.jsonl:3");
  EXPECT_NE(c.errors[2].status.message().find("empty"), std::string_view::npos);
  EXPECT_NE(c.errors[3].status.message().find("UTF-8"), std::string_view::npos);
  EXPECT_EQ(c.stats.records_ok, 2u);
  EXPECT_EQ(c.stats.records_failed, 6u);
  EXPECT_EQ(c.stats.warnings, 1u);
}

TEST(Ingest, DatesOutsideIsoYearsAndLongTitlesAreBounded) {
  const std::string long_title(3000, 'w');
  auto c = ReadString("f.jsonl",
                      "{\"text\":\"a\",\"date\":\"0000-01-01T00:00:00+00:01\"}\n"
                      "{\"text\":\"b\",\"date\":\"9999-99-99\"}\n"
                      "{\"text\":\"c\",\"date\":\"2026-03-01T10:00:00+25:00\"}\n"
                      "{\"text\":\"d\",\"date\":\"9999-12-31T23:59:59Z\",\"title\":\"" +
                          long_title + "\"}\n");
  ASSERT_EQ(c.articles.size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(c.articles[i].timestamp.has_value()) << i;
    EXPECT_TRUE(c.errors[i].warning) << i;
  }
  EXPECT_EQ(c.stats.warnings, 3u);
  EXPECT_EQ(FormatIsoDate(*c.articles[3].timestamp), "9999-12-31T23:59:59Z");
  EXPECT_LE(c.articles[3].title.size(), kMaxTitleBytes);
  EXPECT_TRUE(c.articles[3].title.ends_with("…"));
  EXPECT_EQ(FormatIsoDay(int64_t{1} << 40), "9999-12-31");
  EXPECT_EQ(FormatIsoDate(-(int64_t{1} << 40)), "0001-01-01T00:00:00Z");
}

TEST(Ingest, GzipBombsStopAtThePageAndRecordLimits) {
  IngestOptions o;
  o.extract.max_page_bytes = 1 << 20;
  o.max_record_bytes = 1 << 16;
  // 256 MB of markup in 250 KB: inflated only to the 1 MB page limit.
  const std::string page = testing::Gzip("<html><body><p>" + std::string(256 << 20, ' '), 9);
  auto html = ReadString("bomb.html.gz", page, InputFormat::kAuto, o);
  ASSERT_EQ(html.errors.size(), 1u);
  EXPECT_EQ(html.errors[0].location, "bomb.html.gz");
  EXPECT_EQ(html.errors[0].status.code(), StatusCode::kResourceExhausted);
  EXPECT_NE(html.errors[0].status.message().find("page over"), std::string_view::npos);
  auto text = ReadString("bomb.txt.gz", testing::Gzip(std::string(64 << 20, 'a'), 9),
                         InputFormat::kAuto, o);
  ASSERT_EQ(text.errors.size(), 1u);
  EXPECT_EQ(text.errors[0].status.code(), StatusCode::kResourceExhausted);
}

TEST(Ingest, GzipJsonLinesStreamRecordByRecord) {
  IngestOptions o;
  o.max_record_bytes = 1000;
  std::string lines;
  for (int i = 0; i < 3000; ++i) lines += "{\"text\":\"record " + std::to_string(i) + "\"}\n";
  lines += "{\"text\":\"" + std::string(64 << 20, 'x') + "\"}\n";  // one 64 MB line
  lines += "{\"text\":\"after the long line\"}";                       // no final newline
  auto c = ReadString("big.jsonl.gz", testing::Gzip(lines, 9), InputFormat::kAuto, o);
  ASSERT_EQ(c.articles.size(), 3001u);
  EXPECT_EQ(c.articles[2999].text, "record 2999");
  EXPECT_EQ(c.articles[3000].text, "after the long line");
  EXPECT_EQ(c.articles[3000].id, "big.jsonl:3002");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].location, "big.jsonl:3001");
  EXPECT_EQ(c.errors[0].status.code(), StatusCode::kResourceExhausted);
  // A damaged stream keeps what came before the damage.
  std::string gz = testing::Gzip(lines.substr(0, 2000), 9);
  auto cut = ReadString("cut.jsonl.gz", gz.substr(0, gz.size() - 4), InputFormat::kAuto, o);
  EXPECT_GT(cut.articles.size(), 50u);
  ASSERT_EQ(cut.errors.size(), 1u);
  EXPECT_EQ(cut.errors[0].status.code(), StatusCode::kCorruption);
}

TEST(Ingest, OversizeRecordIsRejected) {
  IngestOptions o;
  o.max_record_bytes = 100;
  std::string big(500, 'x');
  auto c = ReadString("f.jsonl", "{\"text\":\"" + big + "\"}\n{\"text\":\"ok\"}\n",
                      InputFormat::kAuto, o);
  ASSERT_EQ(c.articles.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].status.code(), StatusCode::kResourceExhausted);
  auto t = ReadString("big.txt", big, InputFormat::kText, o);
  EXPECT_TRUE(t.articles.empty());
  EXPECT_EQ(t.errors.size(), 1u);
}

TEST(Ingest, BinaryJunkIsRejectedNotCrashed) {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xFF));
  auto c = ReadString("junk.bin", junk);
  EXPECT_TRUE(c.articles.empty());
  EXPECT_EQ(c.errors.size(), 1u);
  std::string nul = std::string("text with a ") + '\0' + " byte";
  EXPECT_EQ(ReadString("nul.txt", nul, InputFormat::kText).errors.size(), 1u);
}

TEST(Ingest, PlainTextTakesHeadlineAndNormalisesNewlines) {
  auto c = ReadString("dir/story_1.txt",
                      "\xEF\xBB\xBFShare\r\n\r\nMayor Opens New Bridge Over Harbor\r\n\r\n"
                      "The mayor opened the bridge on Monday, officials said.\r\n");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].id, "story_1");
  EXPECT_EQ(c.articles[0].title, "Mayor Opens New Bridge Over Harbor");
  EXPECT_EQ(c.articles[0].text.find('\r'), std::string::npos);
  EXPECT_NE(c.articles[0].text.find("Share"), std::string::npos);
  EXPECT_EQ(c.articles[0].text.find("Mayor Opens"), std::string::npos);
}

// Review finding: a file that is only a headline must not become an article with empty text.
TEST(Ingest, HeadlineOnlyFileKeepsItsText) {
  auto c = ReadString("t.txt", "Breaking News Today Here\n", InputFormat::kText);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "Breaking News Today Here\n");
  EXPECT_TRUE(c.articles[0].title.empty());
}

TEST(Ingest, DirectoriesAreReadRecursivelyInNameOrder) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("sl_ingest_" + std::to_string(getpid()));
  fs::create_directories(dir / "sub");
  fs::create_directories(dir / ".hidden");
  std::ofstream(dir / "b.txt") << "Second article body, long enough to be an article.";
  std::ofstream(dir / "a.txt") << "First article body.";
  std::ofstream(dir / "sub" / "C1") << "A DUC-style document without an extension.";
  std::ofstream(dir / "sub" / "more.jsonl") << "{\"id\":\"j1\",\"text\":\"from jsonl\"}\n";
  std::ofstream(dir / ".hidden" / "x.txt") << "never read";
  std::ofstream(dir / "empty.txt") << "";
  std::vector<Article> got;
  std::vector<IngestError> errors;
  IngestStats stats;
  ASSERT_TRUE(ReadInputs(
                  {dir.string(), (dir / "missing.txt").string()}, IngestOptions(),
                  [&](Article&& a) { got.push_back(std::move(a)); },
                  [&](const IngestError& e) { errors.push_back(e); }, &stats)
                  .ok());
  std::vector<std::string> ids;
  for (const auto& a : got) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "C1", "j1"}));
  ASSERT_EQ(errors.size(), 2u);  // empty.txt and the missing path
  EXPECT_EQ(errors[1].status.code(), StatusCode::kNotFound);
  EXPECT_EQ(stats.files, 5u);
  fs::remove_all(dir);
}

constexpr char kPage[] =
    "<!DOCTYPE html><html><head><title>Dam repairs finished early | River Post</title>"
    "<meta property=\"og:site_name\" content=\"River Post\">"
    "<meta property=\"article:published_time\" content=\"2026-04-02T10:00:00Z\"></head>"
    "<body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article>"
    "<h1>Dam repairs finished early</h1><p>Crews finished repairs on the Harlow dam two weeks "
    "ahead of schedule, the water authority said on Thursday, and the reservoir will be "
    "refilled over the coming month.</p><p>The work cost less than the budgeted four million "
    "dollars because a dry winter kept water levels low.</p></article></body></html>";

TEST(Ingest, HtmlPagesBecomeArticles) {
  auto c = ReadString("pages/dam.html", kPage);
  ASSERT_EQ(c.articles.size(), 1u);
  const Article& a = c.articles[0];
  EXPECT_EQ(a.id, "dam");
  EXPECT_EQ(a.title, "Dam repairs finished early");
  EXPECT_EQ(a.source, "River Post");
  ASSERT_TRUE(a.timestamp.has_value());
  EXPECT_NE(a.text.find("Crews finished repairs"), std::string::npos);
  EXPECT_EQ(a.text.find("Home"), std::string::npos);
  // Sniffed by content whatever the name, and gzip-compressed pages are unpacked.
  EXPECT_EQ(ReadString("noext", kPage).articles.size(), 1u);
}

TEST(Ingest, JsonLinesHtmlFieldIsExtracted) {
  std::string page = kPage;
  std::string escaped;
  for (char ch : page) {
    if (ch == '"' || ch == '\\') escaped.push_back('\\');
    escaped.push_back(ch);
  }
  auto c =
      ReadString("f.jsonl", "{\"id\":\"p1\",\"source\":\"Given\",\"html\":\"" + escaped +
                                "\"}\n{\"id\":\"p2\",\"html\":\"<html><body></body></html>\"}\n");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].id, "p1");
  EXPECT_EQ(c.articles[0].source, "Given");  // the record's fields win over the page's
  EXPECT_EQ(c.articles[0].title, "Dam repairs finished early");
  ASSERT_EQ(c.errors.size(), 1u);  // a page without an article is a per-record error
  EXPECT_EQ(c.errors[0].location, "f.jsonl:2");
}

}  // namespace
}  // namespace storyline
