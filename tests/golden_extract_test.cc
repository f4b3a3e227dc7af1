// Golden pages for the HTML extractor: every tests/golden/extract/<case>.html is extracted and
// checked against <case>.expected.json (title, date prefix, author, site, snippets that must and
// must not appear in the text). Cases are found at run time, so a new page needs no code.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "storyline/extract.h"
#include "storyline/text.h"

namespace storyline {
namespace {

namespace fs = std::filesystem;

fs::path GoldenDir() { return fs::path(STORYLINE_SOURCE_DIR) / "tests" / "golden" / "extract"; }

// Case names (file stems) of every .html page that has a matching .expected.json.
std::vector<std::string> FindCases() {
  std::vector<std::string> cases;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(GoldenDir(), ec)) {
    const fs::path& p = entry.path();
    if (p.extension() != ".html") continue;
    std::string stem = p.stem().string();
    if (fs::exists(GoldenDir() / (stem + ".expected.json"))) cases.push_back(stem);
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Runs of ASCII whitespace (and no-break spaces) become one space, so snippets ignore line and
// paragraph breaks.
std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ws = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
    if (!ws && c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      ws = true;
      ++i;
    }
    if (ws) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

struct Expected {
  bool has_title = false, has_date = false, has_author = false, has_site = false;
  std::string title, date, author, site;
  std::vector<std::string> must, must_not;
};

// Reads a nullable string field; false with a test failure when the field is missing.
bool ReadNullable(simdjson::dom::element root, const char* key, bool* present, std::string* out) {
  simdjson::dom::element v;
  if (root[key].get(v)) {
    ADD_FAILURE() << "expected.json lacks \"" << key << "\"";
    return false;
  }
  *present = !v.is_null();
  if (*present) {
    std::string_view s;
    if (v.get(s)) {
      ADD_FAILURE() << "\"" << key << "\" is neither a string nor null";
      return false;
    }
    *out = std::string(s);
  }
  return true;
}

bool ReadList(simdjson::dom::element root, const char* key, std::vector<std::string>* out) {
  simdjson::dom::array arr;
  if (root[key].get(arr)) {
    ADD_FAILURE() << "expected.json lacks the array \"" << key << "\"";
    return false;
  }
  for (simdjson::dom::element e : arr) {
    std::string_view s;
    if (e.get(s)) {
      ADD_FAILURE() << "\"" << key << "\" holds a non-string";
      return false;
    }
    out->emplace_back(s);
  }
  return true;
}

bool LoadExpected(const fs::path& path, Expected* e) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  auto err = parser.load(path.string()).get(root);
  if (err) {
    ADD_FAILURE() << path << ": " << simdjson::error_message(err);
    return false;
  }
  return ReadNullable(root, "title", &e->has_title, &e->title) &&
         ReadNullable(root, "date", &e->has_date, &e->date) &&
         ReadNullable(root, "author", &e->has_author, &e->author) &&
         ReadNullable(root, "site", &e->has_site, &e->site) && ReadList(root, "must", &e->must) &&
         ReadList(root, "must_not", &e->must_not);
}

class GoldenExtract : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenExtract, MatchesExpected) {
  const std::string& name = GetParam();
  Expected want;
  ASSERT_TRUE(LoadExpected(GoldenDir() / (name + ".expected.json"), &want));
  const std::string bytes = ReadBytes(GoldenDir() / (name + ".html"));
  ASSERT_FALSE(bytes.empty()) << name << ".html is empty or unreadable";

  auto r = ExtractHtml(bytes, "", ExtractOptions());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ExtractedPage& page = *r;
  const std::string text = CollapseWhitespace(page.text);

  for (const std::string* field : {&page.title, &page.date, &page.author, &page.site, &page.url,
                                   &page.lang, &page.text, &page.charset}) {
    EXPECT_TRUE(IsValidUtf8(*field)) << "invalid UTF-8 in: " << *field;
  }
  if (want.has_title) {
    EXPECT_EQ(page.title, want.title) << "title";
  }
  if (want.has_date) {
    EXPECT_EQ(page.date.substr(0, want.date.size()), want.date)
        << "date was \"" << page.date << '"';
  } else {
    EXPECT_EQ(page.date, "") << "no date expected";
  }
  if (want.has_author) {
    EXPECT_EQ(page.author, want.author) << "author";
  }
  if (want.has_site) {
    EXPECT_EQ(page.site, want.site) << "site";
  }
  for (const std::string& snippet : want.must) {
    EXPECT_NE(text.find(CollapseWhitespace(snippet)), std::string::npos)
        << "missing from text: \"" << snippet << '"';
  }
  for (const std::string& snippet : want.must_not) {
    EXPECT_EQ(text.find(CollapseWhitespace(snippet)), std::string::npos)
        << "boilerplate in text: \"" << snippet << '"';
  }
  if (HasFailure()) {
    ADD_FAILURE() << "extracted from " << name << ".html: title \"" << page.title << "\", date \""
                  << page.date << "\", author \"" << page.author << "\", site \"" << page.site
                  << "\", text:\n"
                  << page.text;
  }
}

INSTANTIATE_TEST_SUITE_P(Pages, GoldenExtract, ::testing::ValuesIn(FindCases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string id = info.param;
                           for (char& c : id) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return id;
                         });

// Guards against the directory going missing (no cases would mean no checks at all).
TEST(GoldenExtractCases, DirectoryHoldsCases) { EXPECT_GE(FindCases().size(), 8u) << GoldenDir(); }

}  // namespace
}  // namespace storyline
