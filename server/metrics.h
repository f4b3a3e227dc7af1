// Counters and latency histograms of the server, rendered in the Prometheus text format.
//
// Thread-safety: every member may be called from any thread (relaxed atomics; a scrape sees
// each counter whole, not all of them at one instant).

#ifndef STORYLINE_SERVER_METRICS_H_
#define STORYLINE_SERVER_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace storyline::server {

class Metrics {
 public:
  // The routes requests are counted by.
  static constexpr std::array<std::string_view, 14> kRoutes = {
      "stories", "story",  "story_articles", "article", "copy",    "search",    "outlets",
      "status",  "ingest", "healthz",        "metrics", "asset",   "not_found", "error"};
  // Latency bucket upper bounds in seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  5.0};

  // One answered request: its route (one of kRoutes; others count as "error"), HTTP status and
  // the seconds it took.
  void Request(std::string_view route, int status, double seconds);
  // One read answered from the cache (it is counted by Request too).
  void CacheHit() { cache_hits_.fetch_add(1, std::memory_order_relaxed); }
  // One POST's outcome: records received, articles added, records that failed.
  void Ingest(uint64_t records, uint64_t added, uint64_t failed);
  // The Prometheus text: requests by route and status class, latency histograms by route,
  // ingest counters, and `db_bytes` (the store file and its WAL, given by the caller).
  std::string Render(uint64_t db_bytes) const;

 private:
  static size_t RouteIndex(std::string_view route);
  struct Route {
    std::array<std::atomic<uint64_t>, 5> by_class{};  // 1xx..5xx
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<uint64_t> micros{0};
  };
  std::array<Route, kRoutes.size()> routes_{};
  std::atomic<uint64_t> ingest_records_{0}, ingest_added_{0}, ingest_failed_{0},
      ingest_posts_{0}, cache_hits_{0};
};

}  // namespace storyline::server

#endif  // STORYLINE_SERVER_METRICS_H_
