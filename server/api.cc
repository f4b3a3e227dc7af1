#include "server/api.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <list>
#include <unordered_map>
#include <optional>

#include "server/assets.h"
#include "storyline/article.h"
#include "storyline/format.h"
#include "storyline/text.h"

namespace storyline::server {
namespace {

Response JsonResponse(std::string body) {
  Response r;
  r.body = std::move(body);
  return r;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A query string's parameters, decoded, first of each name.
class Params {
 public:
  static Result<Params> Decode(const std::vector<std::pair<std::string, std::string>>& raw) {
    Params p;
    for (const auto& [k, v] : raw) {
      Result<std::string> key = PercentDecode(k, true);
      if (!key.ok()) return key.status();
      Result<std::string> value = PercentDecode(v, true);
      if (!value.ok()) return value.status();
      p.values_.emplace_back(std::move(*key), std::move(*value));
    }
    return p;
  }
  std::string_view Get(std::string_view name) const {
    for (const auto& [k, v] : values_) {
      if (k == name) return v;
    }
    return {};
  }
  bool Has(std::string_view name) const {
    for (const auto& kv : values_) {
      if (kv.first == name) return true;
    }
    return false;
  }
  // A count in [1, max], `fallback` when absent. InvalidArgument otherwise.
  Result<size_t> Count(std::string_view name, size_t fallback, size_t max) const {
    const std::string_view v = Get(name);
    if (v.empty()) return fallback;
    size_t x = 0;
    for (char c : v) {
      if (c < '0' || c > '9' || x > 1000000) {
        return Status::InvalidArgument(std::string(name) + " must be a whole number");
      }
      x = x * 10 + static_cast<size_t>(c - '0');
    }
    if (x == 0 || x > max) {
      return Status::InvalidArgument(std::string(name) + " must be between 1 and " +
                                     std::to_string(max));
    }
    return x;
  }
  // A date or instant (ISO 8601); a bare day as `until` means its end.
  Result<std::optional<int64_t>> Date(std::string_view name, bool end_of_day) const {
    const std::string_view v = Get(name);
    if (v.empty()) return std::optional<int64_t>();
    Result<int64_t> t = ParseIsoDate(v);
    if (!t.ok()) {
      return Status::InvalidArgument(std::string(name) + " is not a date (YYYY-MM-DD): " +
                                     std::string(v.substr(0, 64)));
    }
    const bool day_only = v.size() == 10;
    return std::optional<int64_t>(*t + (end_of_day && day_only ? 86399 : 0));
  }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

// A story id from a path segment (as sent). InvalidArgument for a bad escape, NotFound for
// anything but a story number.
Result<int32_t> StoryIdFrom(std::string_view raw) {
  Result<std::string> s = PercentDecode(raw, false);
  if (!s.ok()) return s.status();
  const Status none = Status::NotFound("no story " + s->substr(0, 16) + (s->size() > 16 ? "…" : ""));
  if (s->empty() || s->size() > 10) return none;
  int64_t x = 0;
  for (char c : *s) {
    if (c < '0' || c > '9') return none;
    x = x * 10 + (c - '0');
  }
  if (x > INT32_MAX) return none;
  return static_cast<int32_t>(x);
}

// Constant-time comparison of a presented token with the expected one.
bool TokenMatches(std::string_view presented, std::string_view expected) {
  unsigned diff = presented.size() != expected.size();
  const size_t n = std::min(presented.size(), expected.size());
  for (size_t k = 0; k < n; ++k) diff |= static_cast<unsigned char>(presented[k] ^ expected[k]);
  return diff == 0;
}

uint64_t FileBytes(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

std::string ETagOf(std::string_view body) {
  char tag[24];
  std::snprintf(tag, sizeof tag, "\"%016zx\"", std::hash<std::string_view>{}(body));
  return tag;
}

// If-None-Match holds `etag` (or is "*").
bool Matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  return if_none_match.find(etag) != std::string_view::npos;
}

}  // namespace

int HttpStatusOf(const Status& s) {
  switch (s.code()) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kResourceExhausted:
      return 507;  // the disk or the store's size limit is full (request sizes answer 413 first)
    case StatusCode::kNotSupported:
      return 501;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kIOError:
    case StatusCode::kCorruption:
    case StatusCode::kInternal:
      break;
  }
  return 500;
}

Response ErrorResponse(const Status& status, int http_status) {
  Response r;
  r.status = http_status != 0 ? http_status : HttpStatusOf(status);
  // A message may quote the request: never more of it than is valid UTF-8.
  std::string_view message = status.message();
  size_t bad = 0;
  std::string cut;
  if (!IsValidUtf8(message, &bad)) {
    cut = std::string(message.substr(0, bad)) + "…";
    message = cut;
  }
  r.body = "{\"error\":" + JsonString(message) + "}";
  if (r.status == 503) r.retry_after = 1;
  return r;
}

Result<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t k = 0; k < s.size(); ++k) {
    const char c = s[k];
    if (c == '%') {
      if (k + 2 >= s.size()) return Status::InvalidArgument("bad percent-escape");
      const int hi = HexValue(s[k + 1]), lo = HexValue(s[k + 2]);
      if (hi < 0 || lo < 0) return Status::InvalidArgument("bad percent-escape");
      out += static_cast<char>(hi * 16 + lo);
      k += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (!IsValidUtf8(out)) return Status::InvalidArgument("request text is not UTF-8");
  return out;
}

// Read-only Stores, one per concurrent reader, opened on demand and kept.
class Api::ReaderPool {
 public:
  ReaderPool(std::string path, StoreOptions options)
      : path_(std::move(path)), options_(std::move(options)) {
    options_.read_only = true;
  }
  class Lease {
   public:
    Lease(ReaderPool* pool, std::unique_ptr<Store> s) : pool_(pool), store_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (store_) pool_->Return(std::move(store_));
    }
    Store& operator*() const { return *store_; }
    Store* operator->() const { return store_.get(); }

   private:
    ReaderPool* pool_;
    std::unique_ptr<Store> store_;
  };
  Result<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        std::unique_ptr<Store> s = std::move(free_.back());
        free_.pop_back();
        return Lease(this, std::move(s));
      }
    }
    Result<std::unique_ptr<Store>> s = Store::Open(path_, options_);
    if (!s.ok()) return s.status();
    return Lease(this, std::move(*s));
  }

 private:
  void Return(std::unique_ptr<Store> s) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(s));
  }
  std::string path_;
  StoreOptions options_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> free_;
};

// Answers of GET requests by their path and query, each stamped with the batch it was computed
// at; least recently used ones go first when either bound is reached.
class Api::Cache {
 public:
  Cache(size_t entries, size_t bytes) : max_entries_(entries), max_bytes_(bytes) {}
  // The answer cached for `key` at `batch` (and its route, into *route), or none.
  std::optional<Response> Find(const std::string& key, int64_t batch, std::string* route) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end() || it->second->batch != batch) return std::nullopt;
    lru_.splice(lru_.begin(), lru_, it->second);
    *route = it->second->route;
    return it->second->response;
  }
  void Put(const std::string& key, int64_t batch, const std::string& route, const Response& r) {
    const size_t size = key.size() + r.body.size() + 256;
    if (max_entries_ == 0 || size > max_bytes_ / 16) return;
    std::lock_guard<std::mutex> lock(mu_);
    auto it = map_.find(key);
    if (it != map_.end()) Erase(it);
    lru_.push_front({key, route, batch, r, size});
    map_.emplace(key, lru_.begin());
    bytes_ += size;
    while (map_.size() > max_entries_ || bytes_ > max_bytes_) Erase(map_.find(lru_.back().key));
  }

 private:
  struct Entry {
    std::string key, route;
    int64_t batch;
    Response response;
    size_t size;
  };
  void Erase(std::unordered_map<std::string, std::list<Entry>::iterator>::iterator it) {
    bytes_ -= it->second->size;
    lru_.erase(it->second);
    map_.erase(it);
  }
  const size_t max_entries_, max_bytes_;
  std::mutex mu_;
  std::list<Entry> lru_;
  std::unordered_map<std::string, std::list<Entry>::iterator> map_;
  size_t bytes_ = 0;
};

Api::Api(const ApiOptions& options)
    : options_(options),
      cache_(std::make_unique<Cache>(options.cache_entries, options.cache_bytes)) {}
Api::~Api() = default;

Result<std::unique_ptr<Api>> Api::Open(const ApiOptions& options) {
  std::unique_ptr<Api> api(new Api(options));
  StoreOptions w = options.store;
  w.read_only = false;
  Result<std::unique_ptr<Store>> writer = Store::Open(options.db, w);
  if (!writer.ok()) return writer.status();
  api->writer_ = std::move(*writer);
  api->readers_ = std::make_unique<ReaderPool>(options.db, options.store);
  // A reader must open too (the file is a store, readable beside the writer).
  Result<ReaderPool::Lease> probe = api->readers_->Acquire();
  if (!probe.ok()) return probe.status();
  return api;
}

bool Api::IsWrite(const Request& r) { return r.method == "POST"; }

bool Api::IsSlowRead(const Request& r) {
  const std::string_view path = r.path;
  if (path == "/api/search" || StartsWith(path, "/api/articles/")) return true;
  if (StartsWith(path, "/api/stories/")) {
    return path.size() > 9 && path.substr(path.size() - 9) == "/articles";
  }
  if (path == "/api/stories") {
    for (const auto& kv : r.query) {
      // The router decodes the names: "%71" is "q" too.
      Result<std::string> name = PercentDecode(kv.first, true);
      if (name.ok() && *name == "q") return true;
    }
  }
  return false;
}

Response Api::Handle(const Request& request) {
  const auto start = std::chrono::steady_clock::now();
  std::string route = "error";
  // Reads of the API are answered from the cache while the store has not changed.
  const bool cacheable = options_.cache_entries > 0 &&
                         (request.method == "GET" || request.method == "HEAD") &&
                         StartsWith(request.path, "/api/");
  std::string key;
  int64_t batch = -1;
  std::optional<Response> cached;
  // The reader that checked the cache answers the request too.
  std::optional<ReaderPool::Lease> reader;
  if (cacheable) {
    // Each part length-prefixed: no path or parameter can spell another request's key.
    auto part = [&key](std::string_view x) {
      key += std::to_string(x.size());
      key += ':';
      key += x;
    };
    part(request.path);
    for (const auto& [k, v] : request.query) {
      part(k);
      part(v);
    }
    Result<ReaderPool::Lease> store = readers_->Acquire();
    Result<int64_t> last = store.ok() ? (*store)->LastBatch() : Result<int64_t>(store.status());
    if (store.ok()) reader.emplace(std::move(*store));
    if (last.ok()) {
      batch = *last;
      cached = cache_->Find(key, batch, &route);
    }
  }
  Response r;
  if (cached) {
    r = std::move(*cached);
    metrics_.CacheHit();
  } else {
    r = Route(request, reader ? &**reader : nullptr, &route);
    if (batch >= 0 && r.status == 200) cache_->Put(key, batch, route, r);
  }
  if (r.status == 200 && (request.method == "GET" || request.method == "HEAD") &&
      route != "metrics" && route != "healthz") {
    r.etag = ETagOf(r.body);
    if (r.cache_control.empty()) r.cache_control = "no-cache";
    if (Matches(request.if_none_match, r.etag)) {
      r.status = 304;
      r.body.clear();
    }
  } else if (r.cache_control.empty()) {
    r.cache_control = "no-store";
  }
  metrics_.Request(route, r.status,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return r;
}

Response Api::Route(const Request& request, const Store* reader, std::string* route) {
  const std::string_view path = request.path;
  const bool get = request.method == "GET" || request.method == "HEAD";
  auto only = [&](std::string_view allow) {
    Response r = ErrorResponse(Status::InvalidArgument("method not allowed"), 405);
    r.allow = allow;
    return r;
  };
  // The web app.
  if (path == "/" || StartsWith(path, "/assets/")) {
    *route = "asset";
    if (!get) return only("GET, HEAD");
    const std::string_view name = path == "/" ? "index.html" : path.substr(8);
    const Asset* a = FindAsset(name);
    if (a == nullptr) return ErrorResponse(Status::NotFound("no such file"));
    Response r;
    r.content_type = std::string(a->content_type);
    r.body.assign(a->bytes);
    r.cache_control = path == "/" ? "no-cache" : "public, max-age=300";
    return r;
  }
  if (path == "/healthz") {
    *route = "healthz";
    if (!get) return only("GET, HEAD");
    Result<ReaderPool::Lease> store = readers_->Acquire();
    if (!store.ok()) return ErrorResponse(store.status(), 503);
    Result<Store::Counts> c = (*store)->Count();
    if (!c.ok()) return ErrorResponse(c.status(), 503);
    return JsonResponse("{\"status\":\"ok\"}");
  }
  if (path == "/metrics") {
    *route = "metrics";
    if (!get) return only("GET, HEAD");
    return MetricsText();
  }
  if (!StartsWith(path, "/api/")) {
    *route = "not_found";
    return ErrorResponse(Status::NotFound("no such path"));
  }
  if (path == "/api/articles" && request.method == "POST") {
    *route = "ingest";
    return Post(request);
  }
  Result<Params> params = Params::Decode(request.query);
  if (!params.ok()) return ErrorResponse(params.status());
  const Params& q = *params;
  // Every other route reads.
  auto read = [&](std::string_view name,
                  const std::function<Result<std::string>(const Store&)>& body) -> Response {
    *route = std::string(name);
    if (!get) return only(name == "article" && path == "/api/articles" ? "POST" : "GET, HEAD");
    const Store* store = reader;
    std::optional<ReaderPool::Lease> own;
    if (store == nullptr) {
      Result<ReaderPool::Lease> leased = readers_->Acquire();
      if (!leased.ok()) return ErrorResponse(leased.status(), 503);
      own.emplace(std::move(*leased));
      store = &**own;
    }
    Result<std::string> out = body(*store);
    if (!out.ok()) return ErrorResponse(out.status());
    return JsonResponse(std::move(*out));
  };
  if (path == "/api/stories") {
    return read("stories", [&](const Store& s) -> Result<std::string> {
      StoryQuery query;
      Result<size_t> limit = q.Count("limit", 20, options_.max_page);
      if (!limit.ok()) return limit.status();
      query.limit = *limit;
      Result<std::optional<int64_t>> since = q.Date("since", false);
      if (!since.ok()) return since.status();
      Result<std::optional<int64_t>> until = q.Date("until", true);
      if (!until.ok()) return until.status();
      query.since = *since;
      query.until = *until;
      query.outlet = std::string(q.Get("outlet"));
      query.text = std::string(q.Get("q"));
      query.cursor = std::string(q.Get("cursor"));
      const std::string_view sort = q.Get("sort");
      if (sort == "largest") {
        query.order = StoryQuery::Order::kLargest;
      } else if (!sort.empty() && sort != "newest") {
        return Status::InvalidArgument("sort must be newest or largest");
      }
      Result<StoryPage> page = s.StoryList(query);
      if (!page.ok()) return page.status();
      std::string out = "{\"stories\":[";
      for (size_t k = 0; k < page->stories.size(); ++k) {
        if (k > 0) out += ',';
        out += StoryListingToJson(page->stories[k]);
      }
      out += "],\"next_cursor\":";
      out += page->next_cursor.empty() ? "null" : JsonString(page->next_cursor);
      out += '}';
      return out;
    });
  }
  if (StartsWith(path, "/api/stories/")) {
    std::string_view rest = path.substr(13);
    const bool articles = rest.size() > 9 && rest.substr(rest.size() - 9) == "/articles";
    if (articles) rest.remove_suffix(9);
    Result<int32_t> id = StoryIdFrom(rest);
    if (!id.ok()) {
      *route = "story";
      return ErrorResponse(id.status());
    }
    if (articles) {
      return read("story_articles", [&](const Store& s) -> Result<std::string> {
        Result<size_t> limit = q.Count("limit", 300, 10 * options_.max_page);
        if (!limit.ok()) return limit.status();
        return s.StoryArticlesJson(*id, *limit);
      });
    }
    return read("story", [&](const Store& s) { return s.StoryJson(*id); });
  }
  if (StartsWith(path, "/api/articles/")) {
    std::string_view rest = path.substr(14);
    const bool copy = rest.size() > 5 && rest.substr(rest.size() - 5) == "/copy";
    if (copy) rest.remove_suffix(5);
    Result<std::string> id = PercentDecode(rest, false);
    if (!id.ok()) {
      *route = "article";
      return ErrorResponse(id.status());
    }
    if (copy) return read("copy", [&](const Store& s) { return s.CopyJson(*id); });
    return read("article", [&](const Store& s) { return s.ArticleJson(*id); });
  }
  if (path == "/api/search") {
    return read("search", [&](const Store& s) -> Result<std::string> {
      const std::string_view text = q.Get("q");
      if (text.empty()) return Status::InvalidArgument("q (the search) is required");
      Result<size_t> limit = q.Count("limit", 20, options_.max_page);
      if (!limit.ok()) return limit.status();
      const std::string_view a = q.Get("articles");
      const bool articles = !a.empty() && a != "0" && a != "false";
      Result<std::vector<SearchHit>> hits = s.Search(text, articles, *limit);
      if (!hits.ok()) return hits.status();
      std::string out = "{\"hits\":[";
      for (size_t k = 0; k < hits->size(); ++k) {
        if (k > 0) out += ',';
        out += SearchHitToJson((*hits)[k], articles);
      }
      out += "]}";
      return out;
    });
  }
  if (path == "/api/outlets") {
    return read("outlets", [&](const Store& s) -> Result<std::string> {
      Result<std::vector<OutletCounts>> outlets = s.Outlets();
      if (!outlets.ok()) return outlets.status();
      std::string out = "{\"outlets\":[";
      for (size_t k = 0; k < outlets->size(); ++k) {
        if (k > 0) out += ',';
        out += OutletCountsToJson((*outlets)[k]);
      }
      out += "]}";
      return out;
    });
  }
  if (path == "/api/status") {
    return read("status", [&](const Store& s) -> Result<std::string> {
      Result<Store::Counts> c = s.Count();
      if (!c.ok()) return c.status();
      return "{\"articles\":" + std::to_string(c->articles) +
             ",\"stories\":" + std::to_string(c->stories) +
             ",\"copies\":" + std::to_string(c->copies) +
             ",\"batches\":" + std::to_string(c->batches) + "}";
    });
  }
  if (path == "/api/articles") {
    *route = "ingest";
    return only("POST");
  }
  *route = "not_found";
  return ErrorResponse(Status::NotFound("no such path"));
}

Response Api::Post(const Request& request) {
  if (!options_.write_token.empty()) {
    const std::string_view auth = request.authorization;
    constexpr std::string_view kBearer = "Bearer ";
    if (!StartsWith(auth, kBearer) || !TokenMatches(auth.substr(kBearer.size()), options_.write_token)) {
      return ErrorResponse(Status::InvalidArgument("a write needs Authorization: Bearer TOKEN"),
                           401);
    }
  }
  const std::string_view body = request.body;
  const size_t first = body.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos) {
    return ErrorResponse(Status::InvalidArgument("no records: send JSON Lines or a JSON array"));
  }
  // One entry per record, in the order they were read.
  struct Entry {
    std::string location;  // for an error: where in the body ("line 3", "record 3")
    bool ok = false;
    size_t article = 0;  // index into the batch
    std::string error;
  };
  std::vector<Entry> entries;
  std::vector<Article> batch;
  IngestStats stats;
  const bool array = body[first] == '[';
  const InputFormat format = array ? InputFormat::kJsonArray : InputFormat::kJsonLines;
  auto where = [array](std::string_view location) {
    const size_t colon = location.rfind(':');
    if (colon == std::string_view::npos) return std::string("body");
    return std::string(array ? "record " : "line ") + std::string(location.substr(colon + 1));
  };
  Status read = ReadBuffer(
      "body", body, format, options_.ingest,
      [&](Article&& a) {
        // Only the ingest location tells the record; the callback order follows the records.
        entries.push_back({"", true, batch.size(), ""});
        batch.push_back(std::move(a));
      },
      [&](const IngestError& e) {
        if (e.warning) return;  // the record is delivered too (undated)
        entries.push_back({where(e.location), false, 0, e.status.ToString()});
      },
      &stats);
  if (!read.ok()) return ErrorResponse(read);
  if (entries.size() > options_.max_post_records) {
    return ErrorResponse(Status::ResourceExhausted("over " +
                                                   std::to_string(options_.max_post_records) +
                                                   " records in one request"),
                         413);
  }
  IngestReport report;
  if (!batch.empty()) {
    std::lock_guard<std::mutex> lock(write_mu_);
    Result<IngestReport> r = writer_->Ingest(std::move(batch));
    if (!r.ok()) return ErrorResponse(r.status());
    report = std::move(*r);
  }
  metrics_.Ingest(entries.size(), report.added, stats.records_failed);
  // Nothing was stored and nothing could be: the body held no usable record (a 400, whose
  // "error" says so, with the per-record results beside it).
  std::string out = "{";
  if (report.received == 0) {
    out += "\"error\":" +
           JsonString(entries.empty() ? std::string("no records")
                                      : "no usable record (the first: " + entries[0].location +
                                            ": " + entries[0].error + ")") +
           ",";
  }
  out += "\"results\":[";
  for (size_t k = 0; k < entries.size(); ++k) {
    const Entry& e = entries[k];
    if (k > 0) out += ',';
    out += "{\"record\":" + std::to_string(k + 1);
    if (!e.ok) {
      out += ",\"location\":" + JsonString(e.location) + ",\"error\":" + JsonString(e.error) + "}";
      continue;
    }
    const size_t i = e.article;
    const bool skipped = report.skipped[i];
    out += ",\"id\":" + (skipped ? std::string("null") : JsonString(report.article_id[i]));
    out += ",\"story\":" + (skipped ? std::string("null") : std::to_string(report.story_of[i]));
    out += ",\"status\":";
    out += skipped ? "\"already_stored\"" : "\"added\"";
    out += ",\"duplicate_of\":";
    out += report.duplicate_of[i].empty() ? "null" : JsonString(report.duplicate_of[i]);
    out += ",\"duplicate_kind\":";
    out += report.duplicate_of[i].empty()
               ? "null"
               : JsonString(DuplicateKindName(report.duplicate_kind[i]));
    out += '}';
  }
  out += "],\"received\":" + std::to_string(entries.size());
  out += ",\"added\":" + std::to_string(report.added);
  out += ",\"already_stored\":" + std::to_string(report.already_stored);
  out += ",\"errors\":" + std::to_string(stats.records_failed);
  out += ",\"stories_created\":" + std::to_string(report.stories_created);
  out += ",\"stories_updated\":" + std::to_string(report.stories_updated) + "}";
  Response r = JsonResponse(std::move(out));
  if (report.received == 0) r.status = 400;
  return r;
}

Response Api::MetricsText() {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics_.Render(FileBytes(options_.db) + FileBytes(options_.db + "-wal"));
  return r;
}

}  // namespace storyline::server
