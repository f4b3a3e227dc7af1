// The HTTP API and web app of `storyline serve`, as a function from a request to a response: the
// routes of docs/api.yaml over the store's public API (storyline/store.h), the embedded web app,
// /healthz and /metrics. No sockets here (server/http_server.h carries requests to it), so every
// route is tested, and fuzzed, without a network.
//
// Thread-safety: Handle may be called from many threads at once. Reads lease a read-only Store
// of their own (one per concurrent reader); writes (POST /api/articles) are serialised on the one
// writable Store.

#ifndef STORYLINE_SERVER_API_H_
#define STORYLINE_SERVER_API_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/metrics.h"
#include "storyline/ingest.h"
#include "storyline/status.h"
#include "storyline/store.h"

namespace storyline::server {

struct ApiOptions {
  // The store: created when missing. Readers open it read-only beside the writer.
  std::string db;
  StoreOptions store;
  // How POSTed records are read (HTML records are extracted with ingest.extract).
  IngestOptions ingest;
  // Writes need "Authorization: Bearer <write_token>" when it is set; none are refused when it
  // is empty (the HTTP layer refuses to bind beyond loopback without one).
  std::string write_token;
  // Records one POST may carry; more is 413 (bounds the time one write holds the store).
  size_t max_post_records = 2000;
  // Largest page of a list (stories, search hits, a story's articles).
  size_t max_page = 200;
  // Answers kept for repeated reads (searches, lists, pages), each valid while the store's
  // last batch stays the same (Store::LastBatch): a popular search costs its full-text ranking
  // once per batch, not once per reader. 0 turns the cache off; cache_bytes bounds its memory.
  size_t cache_entries = 4096;
  size_t cache_bytes = 64u << 20;
};

// A request as the HTTP layer received it. `path` and the query's keys and values are as sent
// (percent-encoded); the router decodes them.
struct Request {
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  std::string authorization;  // the Authorization header
  std::string if_none_match;  // the If-None-Match header
  std::string body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string etag;           // quoted; "" for none
  std::string cache_control;  // "" for none
  std::string allow;          // for 405: the methods the path takes
  int retry_after = 0;        // seconds, for 503
};

// The HTTP status of a Status that is not OK: the one place the mapping lives.
int HttpStatusOf(const Status& status);

// {"error": message} with the status HttpStatusOf gives (or `http_status` when set).
Response ErrorResponse(const Status& status, int http_status = 0);

class Api {
 public:
  // Opens the store for writing (creating it when missing) and checks that it can be read.
  // Errors: what Store::Open returns.
  static Result<std::unique_ptr<Api>> Open(const ApiOptions& options);
  ~Api();

  // Answers one request. Never throws; a failure is a JSON error response.
  Response Handle(const Request& request);

  // True when `request` would write (the HTTP layer runs those one at a time off its event
  // loops).
  static bool IsWrite(const Request& request);
  // True when `request` is a read whose cost grows with the store rather than with the answer
  // (full-text search, an article's passages aligned again, a copy view, a story's article
  // list): the HTTP layer runs those on worker threads, so a slow one never holds up the cheap
  // requests sharing its event loop.
  static bool IsSlowRead(const Request& request);

  Metrics& metrics() { return metrics_; }

 private:
  explicit Api(const ApiOptions& options);
  class ReaderPool;
  class Cache;
  // `reader`: a read-only Store the caller already leased for this request, or null.
  Response Route(const Request& request, const Store* reader, std::string* route);
  Response Post(const Request& request);
  Response MetricsText();

  ApiOptions options_;
  std::mutex write_mu_;
  std::unique_ptr<Store> writer_;
  std::unique_ptr<ReaderPool> readers_;
  std::unique_ptr<Cache> cache_;
  Metrics metrics_;
};

// Percent-decoding of a path segment or a query value ('+' is a space in a query). Errors:
// InvalidArgument for a bad escape or text that is not UTF-8.
Result<std::string> PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace storyline::server

#endif  // STORYLINE_SERVER_API_H_
