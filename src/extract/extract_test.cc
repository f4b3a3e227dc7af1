// Golden pages written for these tests: each checks what must and must not be extracted.

#include "storyline/extract.h"

#include <gtest/gtest.h>

#include "storyline/text.h"

namespace storyline {
namespace {

constexpr char kNewsPage[] = R"(<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Harbor bridge to close for repairs | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2026-03-11T08:15:00Z">
<meta name="author" content="Dana Whitfield">
<link rel="canonical" href="/2026/03/11/harbor-bridge">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Harbor bridge to close for repairs","datePublished":"2026-03-11T08:15:00Z",
 "author":[{"@type":"Person","name":"Dana Whitfield"}],"publisher":{"name":"Valley Courier"}}
</script></head>
<body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Learn more</a></div>
<main><article class="story">
<h1>Harbor bridge to close for repairs</h1>
<div class="byline">By Dana Whitfield</div>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<figure><img src="b.jpg"><figcaption>The bridge in 2024. (Photo: City archive)</figcaption></figure>
<div class="article-body">
<p>The Fenwick Street bridge will close for fourteen months starting in May, city engineers said on Tuesday, as crews replace its deck.</p>
<p>Drivers will be sent along a detour through the industrial district, adding about ten minutes to a typical commute.</p>
<h2>Why now</h2>
<p>An inspection last year found cracks in two of the bridge's steel girders, and the state has ordered repairs before the summer.</p>
<div class="ad-slot">Advertisement</div>
<p>"We know this is a burden, and we will keep it as short as we can," said the city's chief engineer, Marta Oyelaran.</p>
</div>
<div class="related-links"><h3>Related</h3><ul><li><a href="/a">Council approves budget</a></li>
<li><a href="/b">New bus line opens</a></li></ul></div>
</article></main>
<section class="comments"><h3>3 comments</h3><p>Great news, finally! This bridge has been terrible for years and years.</p></section>
<footer><p>© 2026 Valley Courier. All rights reserved.</p></footer>
</body></html>)";

TEST(ExtractHtml, ArticleWithoutFurniture) {
  auto r = ExtractHtml(kNewsPage, "https://valleycourier.example/x", ExtractOptions());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ExtractedPage& p = *r;
  EXPECT_EQ(p.title, "Harbor bridge to close for repairs");
  EXPECT_EQ(p.site, "Valley Courier");
  EXPECT_EQ(p.author, "Dana Whitfield");
  EXPECT_EQ(p.date, "2026-03-11T08:15:00Z");
  EXPECT_EQ(p.lang, "en-gb");
  EXPECT_EQ(p.url, "https://valleycourier.example/2026/03/11/harbor-bridge");
  EXPECT_EQ(p.charset, "utf-8");
  for (const char* must : {"The Fenwick Street bridge will close", "Drivers will be sent",
                           "Why now", "cracks in two of the bridge", "keep it as short"}) {
    EXPECT_NE(p.text.find(must), std::string::npos) << must << "\n" << p.text;
  }
  for (const char* must_not : {"Home", "cookies", "Share on", "Photo: City archive",
                               "Advertisement", "Council approves", "Great news", "©", "By Dana"}) {
    EXPECT_EQ(p.text.find(must_not), std::string::npos) << must_not << "\n" << p.text;
  }
  // Paragraphs are separated by blank lines; the heading sits on its own line.
  EXPECT_NE(p.text.find("commute.\n\nWhy now\n\nAn inspection"), std::string::npos) << p.text;
}

TEST(ExtractHtml, LegacyCharsetAndMetadataFallbacks) {
  std::string page =
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=iso-8859-1\"><title>Stra\xDF"
      "enbahn f\xE4hrt wieder - Stadtblatt</title></head>"
      "<body><div id=\"content\"><p>Die Stra\xDF"
      "enbahn f\xE4hrt ab Montag wieder durch die "
      "Innenstadt, teilten die Verkehrsbetriebe am Freitag mit.</p><p>Die Bauarbeiten an den "
      "Gleisen hatten l\xE4nger gedauert als geplant, weil im Winter Frost den Boden "
      "gefrieren lie\xDF.</p><p>Ver\xF6"
      "ffentlicht am 14.03.2026</p></div></body></html>";
  auto r =
      ExtractHtml(page, "https://stadtblatt.example/lokales/2026/03/14/bahn", ExtractOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->charset, "windows-1252");  // WHATWG: iso-8859-1 is windows-1252
  EXPECT_EQ(r->title, "Straßenbahn fährt wieder");
  EXPECT_EQ(r->date, "2026-03-14");  // from the URL
  EXPECT_NE(r->text.find("Die Straßenbahn fährt ab Montag"), std::string::npos) << r->text;
}

TEST(ExtractHtml, JsonLdBodyWhenMarkupHasNoArticle) {
  std::string page =
      "<html><head><script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\"},"
      "{\"@type\":\"NewsArticle\",\"headline\":\"Ferry service resumes\",\"articleBody\":"
      "\"The island ferry resumed service on Monday after a three-week repair of its engines, "
      "the operator said, with the first crossing leaving at seven in the morning and carrying "
      "forty passengers and a dozen cars.\"}]}</script></head><body><div id=app></div>"
      "<nav><a href=/>Home</a></nav></body></html>";
  auto r = ExtractHtml(page, "", ExtractOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->title, "Ferry service resumes");
  EXPECT_NE(r->text.find("The island ferry resumed service"), std::string::npos);
}

TEST(ExtractHtml, VisibleBylineWhenMetadataHasNoAuthor) {
  std::string page =
      "<html><body><aside><div class='author'>By Sidebar Person</div></aside><article>"
      "<h1>Library adds evening hours</h1><div class='meta'><span class='byline'>By Tomas Reyes, "
      "Staff Writer</span> <time datetime='2026-02-03'>Feb 3</time></div><p>The county library "
      "will stay open until nine on weeknights starting in March, the library board decided on "
      "Monday after a survey of more than two thousand patrons.</p></article></body></html>";
  auto r = ExtractHtml(page, "", ExtractOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->author, "Tomas Reyes");
  EXPECT_EQ(r->date, "2026-02-03");
}

// Unspaced scripts: a Chinese article must outweigh an English footer of similar byte length.
TEST(ExtractHtml, ChineseProseIsCountedByCharacters) {
  std::string zh =
      "<p>今天上午，市图书馆宣布从下个月开始延长开放时间，每个工作日晚上九点才闭馆。</p>"
      "<p>"
      "馆长表示，这一决定是根据两千多名读者的问卷调查结果做出的，许多上班族希望下班后也能来借书。</"
      "p>"
      "<p>图书馆还计划在周末增加儿童阅读活动，并为老年读者开设电脑使用课程。</p>";
  std::string page =
      "<html><body><div class='wrap'><div class='col'>" + zh +
      "</div><div class='col2'><p>Visit our partner sites for more local services and "
      "community information about events and activities in the region.</p><p>Opening "
      "hours, addresses and phone numbers of every branch are listed on the contact "
      "page.</p></div></div></body></html>";
  auto r = ExtractHtml(page, "", ExtractOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.find("市图书馆宣布"), std::string::npos) << r->text;
}

// Blogger-style pages ship the article as HTML inside a script template that JavaScript renders.
TEST(ExtractHtml, ArticleBodyTemplateIsRendered) {
  std::string body;
  for (int i = 0; i < 6; ++i) {
    body += "<p>Paragraph " + std::to_string(i) +
            " of the post explains how the new harbor crane lifts containers twice as fast as "
            "the old one, and why the port authority expects fewer delays this winter.</p>";
  }
  std::string page =
      "<html><body><div class='post'><h3>Crane upgrade</h3><div class='post-body'>"
      "<div class='post-content' itemprop='articleBody'><script type='text/template'>" +
      body +
      "</script></div></div></div><script type='text/template'><div class='cookie-box'><p>We "
      "use cookies on this site to remember your settings and measure how people use the pages, "
      "and you can change your choice at any time from the footer link below.</p></div></script>"
      "</body></html>";
  auto r = ExtractHtml(page, "", ExtractOptions());
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.find("Paragraph 5 of the post"), std::string::npos) << r->text;
  EXPECT_EQ(r->text.find("cookies"), std::string::npos) << r->text;
}

TEST(ExtractHtml, BadInputIsAnErrorNotACrash) {
  EXPECT_FALSE(ExtractHtml(std::string("\x00\x01\x02junk", 7), "", ExtractOptions()).ok());
  ExtractOptions small;
  small.max_page_bytes = 10;
  EXPECT_EQ(ExtractHtml(kNewsPage, "", small).status().code(), StatusCode::kResourceExhausted);
  auto empty = ExtractHtml("", "", ExtractOptions());
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->text.empty());
}

// Found by fuzz_extract: MyHTML dropped a byte of a multi-byte character when merging text
// tokens, and the extractor passed the broken UTF-8 on. Every field must be valid UTF-8.
TEST(ExtractHtml, ParserTextIsRepairedToValidUtf8) {
  const std::string inputs[] = {std::string("\xFE\xFF\x00\x00\x00\x00p>\x00\x00>", 11),
                                "<p>The minister spoke to reporters for an hour on Tuesday "
                                "afternoon, the author.\xC2\xA0</p>"};
  for (const std::string& in : inputs) {
    auto r = ExtractHtml(in, "", ExtractOptions());
    if (!r.ok()) continue;
    for (const std::string* f : {&r->title, &r->text, &r->author, &r->site}) {
      EXPECT_TRUE(IsValidUtf8(*f));
    }
  }
}

}  // namespace
}  // namespace storyline
