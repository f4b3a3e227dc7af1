// The API's routes through Api::Handle (no network): a store fed the example corpus by POST,
// then every read route, paging, caching, errors, write protection and asset serving.

#include "server/api.h"

#include "storyline/text.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace storyline::server {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("storyline_api_test_" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    ApiOptions o;
    o.db = (*dir_ / "news.db").string();
    o.write_token = "s3cret";
    auto api = Api::Open(o);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = api->release();
    Request post = Post(ReadFile(std::string(STORYLINE_SOURCE_DIR) + "/examples/corpus.jsonl"));
    Response r = api_->Handle(post);
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_NE(r.body.find("\"added\":52"), std::string::npos) << r.body.substr(0, 300);
  }
  static void TearDownTestSuite() {
    delete api_;
    fs::remove_all(*dir_);
    delete dir_;
  }
  static Request Post(std::string body, std::string token = "s3cret") {
    Request r;
    r.method = "POST";
    r.path = "/api/articles";
    r.body = std::move(body);
    if (!token.empty()) r.authorization = "Bearer " + token;
    return r;
  }
  static Response Get(std::string path,
                      std::vector<std::pair<std::string, std::string>> query = {}) {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    r.query = std::move(query);
    return api_->Handle(r);
  }
  static fs::path* dir_;
  static Api* api_;
};
fs::path* ApiTest::dir_ = nullptr;
Api* ApiTest::api_ = nullptr;

std::vector<std::string> All(const std::string& body, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(body.begin(), body.end(), re); it != std::sregex_iterator();
       ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

TEST_F(ApiTest, StoryListPagesWithACursorNeverRepeatOrSkip) {
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    std::vector<std::pair<std::string, std::string>> q = {{"limit", "5"}};
    if (!cursor.empty()) q.emplace_back("cursor", cursor);
    Response r = Get("/api/stories", q);
    ASSERT_EQ(r.status, 200) << r.body;
    for (const std::string& id : All(r.body, R"re(\{"story":(\d+),)re")) {
      EXPECT_TRUE(seen.insert(id).second) << "story " << id << " listed twice";
    }
    const auto next = All(r.body, R"re("next_cursor":"([^"]+)")re");
    cursor = next.empty() ? "" : next[0];
    ++pages;
  } while (!cursor.empty() && pages < 20);
  EXPECT_EQ(seen.size(), 16u);  // the example corpus's stories
  EXPECT_EQ(pages, 4);
  Response bad = Get("/api/stories", {{"cursor", "k1.zz.3"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("\"error\""), std::string::npos);
}

TEST_F(ApiTest, LargestFirstPagesInSizeOrder) {
  std::vector<int> sizes;
  std::set<std::string> seen;
  std::string cursor;
  for (int pages = 0; pages < 20; ++pages) {
    std::vector<std::pair<std::string, std::string>> q = {{"limit", "3"}, {"sort", "largest"}};
    if (!cursor.empty()) q.emplace_back("cursor", cursor);
    Response r = Get("/api/stories", q);
    ASSERT_EQ(r.status, 200) << r.body;
    for (const std::string& id : All(r.body, R"re(\{"story":(\d+),)re")) seen.insert(id);
    for (const std::string& n : All(r.body, R"re("size":(\d+),)re")) sizes.push_back(std::stoi(n));
    const auto next = All(r.body, R"re("next_cursor":"([^"]+)")re");
    if (next.empty()) break;
    cursor = next[0];
  }
  EXPECT_GE(seen.size(), 16u);
  EXPECT_TRUE(std::is_sorted(sizes.rbegin(), sizes.rend())) << "not largest first";
  EXPECT_EQ(Get("/api/stories", {{"sort", "oldest"}}).status, 400);
  // A cursor of one order is refused by the other.
  EXPECT_EQ(Get("/api/stories", {{"sort", "largest"}, {"cursor", "k1.n.3"}}).status, 400);
}

TEST_F(ApiTest, StoryListFiltersByDateOutletAndText) {
  Response r = Get("/api/stories", {{"since", "2026-03-27"}, {"until", "2026-03-29"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"story\":36"), std::string::npos);  // the flood, 03-27..03-29
  EXPECT_EQ(r.body.find("\"story\":52"), std::string::npos);  // 04-04
  Response by_outlet = Get("/api/stories", {{"outlet", "Riverbend+Gazette"}});
  ASSERT_EQ(by_outlet.status, 200);
  EXPECT_FALSE(All(by_outlet.body, R"re(\{"story":(\d+),)re").empty());
  Response text = Get("/api/stories", {{"q", "spelling"}});
  ASSERT_EQ(text.status, 200);
  EXPECT_EQ(All(text.body, R"re(\{"story":(\d+),)re"), std::vector<std::string>{"52"});
  EXPECT_EQ(Get("/api/stories", {{"since", "yesterday"}}).status, 400);
  EXPECT_EQ(Get("/api/stories", {{"limit", "0"}}).status, 400);
  EXPECT_EQ(Get("/api/stories", {{"limit", "100000"}}).status, 400);
}

TEST_F(ApiTest, StoryArticleAndCopyRoutes) {
  Response story = Get("/api/stories/25");
  ASSERT_EQ(story.status, 200);
  EXPECT_NE(story.body.find("\"story\":25"), std::string::npos);
  EXPECT_NE(story.body.find("\"summary_sources\""), std::string::npos);
  EXPECT_EQ(Get("/api/stories/99999").status, 404);
  EXPECT_EQ(Get("/api/stories/abc").status, 404);
  // fuzz_server: a raw byte that is not UTF-8 is never echoed into the JSON error.
  Response raw = Get("/api/stories/-/a\xf4=3");
  EXPECT_EQ(raw.status, 400);
  EXPECT_TRUE(IsValidUtf8(raw.body)) << raw.body;
  EXPECT_EQ(Get("/api/stories/%C3").status, 400);
  Response articles = Get("/api/stories/25/articles");
  ASSERT_EQ(articles.status, 200);
  EXPECT_NE(articles.body.find("\"duplicate_of\":\"a025\""), std::string::npos);
  Response copy_article = Get("/api/articles/a027");
  ASSERT_EQ(copy_article.status, 200);
  EXPECT_NE(copy_article.body.find("\"duplicate_of\":\"a025\""), std::string::npos);
  EXPECT_NE(copy_article.body.find("\"text\":\""), std::string::npos);
  Response original = Get("/api/articles/a025");
  EXPECT_NE(original.body.find("\"copies\":[{\"id\":\"a027\""), std::string::npos);
  // The copy view: the content farm's word swaps are marked on both sides.
  Response copy = Get("/api/articles/a%30%327/copy");
  ASSERT_EQ(copy.status, 200) << copy.body;
  EXPECT_NE(copy.body.find("\"kind\":\"near\""), std::string::npos);
  EXPECT_GE(All(copy.body, R"re("kind":"(changed)")re").size(), 10u);
  EXPECT_EQ(Get("/api/articles/a025/copy").status, 404);  // not a copy
  EXPECT_EQ(Get("/api/articles/nope").status, 404);
  EXPECT_EQ(Get("/api/articles/a%zz").status, 400);
  EXPECT_EQ(Get("/api/articles/a%ff").status, 400);  // not UTF-8
}

TEST_F(ApiTest, SearchOutletsStatusAndMetrics) {
  Response s = Get("/api/search", {{"q", "river"}});
  ASSERT_EQ(s.status, 200);
  EXPECT_NE(s.body.find("[River]"), std::string::npos);
  Response a = Get("/api/search", {{"q", "river"}, {"articles", "1"}});
  EXPECT_NE(a.body.find("\"id\":\"a0"), std::string::npos);
  EXPECT_EQ(Get("/api/search", {{"q", "\"unbalanced"}}).status, 400);
  EXPECT_EQ(Get("/api/search").status, 400);
  Response o = Get("/api/outlets");
  ASSERT_EQ(o.status, 200);
  EXPECT_NE(o.body.find("{\"outlet\":\"Meridian Wire\""), std::string::npos);
  Response st = Get("/api/status");
  EXPECT_NE(st.body.find("\"articles\":"), std::string::npos);
  Response m = Get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.content_type.find("text/plain"), std::string::npos);
  EXPECT_NE(m.body.find("storyline_http_requests_total{route=\"search\",code=\"2xx\"}"),
            std::string::npos);
  EXPECT_NE(m.body.find("storyline_db_bytes "), std::string::npos);
  EXPECT_EQ(Get("/healthz").status, 200);
}

TEST_F(ApiTest, ReadsCarryAnETagAndAnswer304WhenItMatches) {
  Response first = Get("/api/stories/36");
  ASSERT_FALSE(first.etag.empty());
  EXPECT_EQ(first.cache_control, "no-cache");
  Request again;
  again.method = "GET";
  again.path = "/api/stories/36";
  again.if_none_match = first.etag;
  Response second = api_->Handle(again);
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
}

TEST_F(ApiTest, WritesNeedTheTokenAndAnswerPerRecord) {
  const std::string record =
      R"({"id":"t1","url":"https://t.example/1","source":"Test Gazette","title":"A test",)"
      R"("date":"2026-04-06T10:00:00Z","text":"The Calloway State Spelling Bee named a new )"
      R"(director on Monday after a review of its rules."})";
  EXPECT_EQ(api_->Handle(Post(record, "")).status, 401);
  EXPECT_EQ(api_->Handle(Post(record, "wrong")).status, 401);
  Response r = api_->Handle(Post(record + "\n{\"title\":\"no text\"}\nnot json\n"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("{\"record\":1,\"id\":\"t1\",\"story\":"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"status\":\"added\""), std::string::npos);
  EXPECT_NE(r.body.find("{\"record\":2,\"location\":\"line 2\",\"error\":"), std::string::npos);
  EXPECT_NE(r.body.find("\"errors\":2"), std::string::npos);
  // The same URL again is already stored; a JSON array works too.
  Response again = api_->Handle(Post("[" + record + "]"));
  ASSERT_EQ(again.status, 200);
  EXPECT_NE(again.body.find("\"status\":\"already_stored\""), std::string::npos);
  // Nothing usable: 400, an error, and the records' results beside it.
  Response none = api_->Handle(Post("{\"oops\":"));
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(none.body.rfind("{\"error\":\"no usable record (the first: line 1: ", 0), 0u) << none.body;
  EXPECT_NE(none.body.find("\"results\":[{\"record\":1,"), std::string::npos);
  EXPECT_EQ(api_->Handle(Post("   ")).status, 400);
  EXPECT_EQ(Get("/api/articles/t1").status, 200);
}

// A cached answer lasts while the store is unchanged: a new article shows in the next search.
TEST_F(ApiTest, CachedReadsFollowTheStore) {
  const auto hits = [](const Response& r) { return All(r.body, R"re("story":(\d+))re").size(); };
  EXPECT_EQ(hits(Get("/api/search", {{"q", "heliograph"}})), 0u);
  EXPECT_EQ(hits(Get("/api/search", {{"q", "heliograph"}})), 0u);  // from the cache
  EXPECT_NE(Get("/metrics").body.find("storyline_cache_hits_total "), std::string::npos);
  Response r = api_->Handle(Post(R"({"id":"c1","source":"Cache Courier","text":"A restored )"
                                 R"(heliograph signalled across Lake Tamsin on Sunday for the )"
                                 R"(first time in a century."})"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(hits(Get("/api/search", {{"q", "heliograph"}})), 1u);
}

// Review finding: a parameter holding the old key's separator made its request's cache key equal
// to another request's, whose answer it then replaced.
TEST_F(ApiTest, NoRequestCanTakeAnothersCachedAnswer) {
  Response poison = Get("/api/stories", {{"outlet", "Capital%20Dispatch\x1fsort=largest"}});
  ASSERT_EQ(poison.status, 200);
  EXPECT_EQ(poison.body, "{\"stories\":[],\"next_cursor\":null}");
  Response real = Get("/api/stories", {{"outlet", "Capital%20Dispatch"}, {"sort", "largest"}});
  ASSERT_EQ(real.status, 200);
  EXPECT_FALSE(All(real.body, R"re(\{"story":(\d+),)re").empty()) << real.body;
  // Slow reads are told by the decoded names, as the router reads them.
  Request q;
  q.method = "GET";
  q.path = "/api/stories";
  q.query = {{"%71", "river"}};
  EXPECT_TRUE(Api::IsSlowRead(q));
}

TEST_F(ApiTest, AssetsAreServedByNameOnlyAndEverythingElseIsAJsonError) {
  Response index = Get("/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("app.js"), std::string::npos);
  Response js = Get("/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Get("/assets/../../etc/passwd").status, 404);
  EXPECT_EQ(Get("/assets/%2e%2e/api.h").status, 404);
  EXPECT_EQ(Get("/etc/passwd").status, 404);
  Response nf = Get("/api/nothing");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nf.body, "{\"error\":\"no such path\"}");
  Request del;
  del.method = "DELETE";
  del.path = "/api/stories/1";
  Response d = api_->Handle(del);
  EXPECT_EQ(d.status, 405);
  EXPECT_EQ(d.allow, "GET, HEAD");
  EXPECT_EQ(Get("/api/articles").status, 405);
}

// docs/api.yaml against the real routes: every operation's x-test-request answers 200 with
// every property its schema requires, and every route the server counts is described.
TEST_F(ApiTest, OpenApiDescribesEveryRouteAndItsResponses) {
  const std::string yaml = ReadFile(std::string(STORYLINE_SOURCE_DIR) + "/docs/api.yaml");
  ASSERT_FALSE(yaml.empty());
  struct Operation {
    std::string path, method, route, request, schema;
    std::set<std::string> codes;
  };
  std::vector<Operation> ops;
  std::map<std::string, std::vector<std::string>> required;  // schema -> required properties
  std::istringstream in(yaml);
  std::string section, schema_name;
  bool in_200 = false;
  const std::regex ref(R"re(\$ref: '#/components/schemas/(\w+)')re");
  const std::regex code(R"re(^        '(\d{3})':)re");
  std::smatch m;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != ' ') section = line;
    if (section == "paths:") {
      if (line.rfind("  /", 0) == 0) {
        ops.push_back({line.substr(2, line.size() - 3), "", "", "", "", {}});
      } else if (line.rfind("    get:", 0) == 0 || line.rfind("    post:", 0) == 0) {
        if (!ops.back().method.empty()) ops.push_back({ops.back().path, "", "", "", "", {}});
        ops.back().method = line.substr(4, line.find(':') - 4);
      } else if (line.rfind("      x-route: ", 0) == 0) {
        ops.back().route = line.substr(15);
      } else if (line.rfind("      x-test-request: ", 0) == 0) {
        ops.back().request = line.substr(22);
      } else if (std::regex_search(line, m, code)) {
        ops.back().codes.insert(m[1]);
        in_200 = m[1] == "200";
      } else if (in_200 && std::regex_search(line, m, ref)) {
        ops.back().schema = m[1];
        in_200 = false;
      }
    }
    if (section == "components:") {
      if (line.rfind("    ", 0) == 0 && line.size() > 4 && line[4] != ' ' && line.back() == ':') {
        schema_name = line.substr(4, line.size() - 5);
      } else if (line.rfind("      required: [", 0) == 0) {
        const std::string list = line.substr(17, line.find(']') - 17);
        std::stringstream items(list);
        for (std::string item; std::getline(items, item, ',');) {
          item.erase(0, item.find_first_not_of(' '));
          required[schema_name].push_back(item);
        }
      }
    }
  }
  ASSERT_GE(ops.size(), 11u);
  std::set<std::string> described;
  for (const Operation& op : ops) {
    SCOPED_TRACE(op.method + " " + op.path);
    described.insert(op.route);
    ASSERT_FALSE(op.request.empty());
    Request r;
    const size_t qmark = op.request.find('?');
    r.path = op.request.substr(0, qmark);
    if (qmark != std::string::npos) {
      std::stringstream q(op.request.substr(qmark + 1));
      for (std::string kv; std::getline(q, kv, '&');) {
        const size_t eq = kv.find('=');
        r.query.emplace_back(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
      }
    }
    if (op.method == "post") {
      r = Post(R"({"id":"openapi-1","source":"Spec Times","text":"The Calloway State )"
               R"(Spelling Bee will add a second round of regional contests next spring."})");
    } else {
      r.method = "GET";
    }
    const Response res = api_->Handle(r);
    EXPECT_EQ(res.status, 200) << res.body.substr(0, 200);
    EXPECT_TRUE(op.codes.count("200"));
    if (op.schema.empty()) continue;
    ASSERT_TRUE(required.count(op.schema)) << op.schema;
    for (const std::string& field : required[op.schema]) {
      EXPECT_TRUE(res.body.find("{\"" + field + "\":") != std::string::npos ||
                  res.body.find(",\"" + field + "\":") != std::string::npos)
          << op.schema << " lacks " << field;
    }
  }
  for (std::string_view route : Metrics::kRoutes) {
    if (route == "asset" || route == "not_found" || route == "error") continue;
    EXPECT_TRUE(described.count(std::string(route))) << route << " is not in docs/api.yaml";
  }
}

TEST(PercentDecode, DecodesAndRejects) {
  EXPECT_EQ(*PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(*PercentDecode("a%20b+c", false), "a b+c");
  EXPECT_EQ(*PercentDecode("%C3%A9", false), "\xC3\xA9");
  EXPECT_FALSE(PercentDecode("%", false).ok());
  EXPECT_FALSE(PercentDecode("%4", false).ok());
  EXPECT_FALSE(PercentDecode("%g0", false).ok());
  EXPECT_FALSE(PercentDecode("%C3", false).ok());
}

TEST(HttpStatusOf, MapsEveryCode) {
  EXPECT_EQ(HttpStatusOf(Status::InvalidArgument("x")), 400);
  EXPECT_EQ(HttpStatusOf(Status::NotFound("x")), 404);
  EXPECT_EQ(HttpStatusOf(Status::Unavailable("x")), 503);
  EXPECT_EQ(HttpStatusOf(Status::ResourceExhausted("x")), 507);
  EXPECT_EQ(HttpStatusOf(Status::Corruption("x")), 500);
  EXPECT_EQ(ErrorResponse(Status::NotFound("<b>")).body, "{\"error\":\"\\u003cb\\u003e\"}");
}

}  // namespace
}  // namespace storyline::server
