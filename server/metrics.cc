#include "server/metrics.h"

#include <cstdio>

namespace storyline::server {

size_t Metrics::RouteIndex(std::string_view route) {
  for (size_t k = 0; k < kRoutes.size(); ++k) {
    if (kRoutes[k] == route) return k;
  }
  return kRoutes.size() - 1;  // "error"
}

void Metrics::Request(std::string_view route, int status, double seconds) {
  Route& r = routes_[RouteIndex(route)];
  const int cls = status / 100;
  r.by_class[static_cast<size_t>(cls >= 1 && cls <= 5 ? cls - 1 : 4)].fetch_add(
      1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  r.buckets[b].fetch_add(1, std::memory_order_relaxed);
  r.micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::Ingest(uint64_t records, uint64_t added, uint64_t failed) {
  ingest_posts_.fetch_add(1, std::memory_order_relaxed);
  ingest_records_.fetch_add(records, std::memory_order_relaxed);
  ingest_added_.fetch_add(added, std::memory_order_relaxed);
  ingest_failed_.fetch_add(failed, std::memory_order_relaxed);
}

std::string Metrics::Render(uint64_t db_bytes) const {
  std::string out;
  char line[256];
  auto add = [&](const char* fmt, auto... args) {
    std::snprintf(line, sizeof line, fmt, args...);
    out += line;
  };
  out += "# HELP storyline_http_requests_total HTTP requests answered, by route and status class.\n";
  out += "# TYPE storyline_http_requests_total counter\n";
  for (size_t k = 0; k < kRoutes.size(); ++k) {
    for (size_t c = 0; c < 5; ++c) {
      const uint64_t n = routes_[k].by_class[c].load(std::memory_order_relaxed);
      if (n == 0) continue;
      add("storyline_http_requests_total{route=\"%.*s\",code=\"%zuxx\"} %llu\n",
          static_cast<int>(kRoutes[k].size()), kRoutes[k].data(), c + 1,
          static_cast<unsigned long long>(n));
    }
  }
  out += "# HELP storyline_http_request_seconds Time to answer a request, by route.\n";
  out += "# TYPE storyline_http_request_seconds histogram\n";
  for (size_t k = 0; k < kRoutes.size(); ++k) {
    const Route& r = routes_[k];
    uint64_t total = 0;
    for (const auto& b : r.buckets) total += b.load(std::memory_order_relaxed);
    if (total == 0) continue;
    const int len = static_cast<int>(kRoutes[k].size());
    const char* name = kRoutes[k].data();
    uint64_t cumulative = 0;
    for (size_t b = 0; b < kBuckets.size(); ++b) {
      cumulative += r.buckets[b].load(std::memory_order_relaxed);
      add("storyline_http_request_seconds_bucket{route=\"%.*s\",le=\"%g\"} %llu\n", len, name,
          kBuckets[b], static_cast<unsigned long long>(cumulative));
    }
    add("storyline_http_request_seconds_bucket{route=\"%.*s\",le=\"+Inf\"} %llu\n", len, name,
        static_cast<unsigned long long>(total));
    add("storyline_http_request_seconds_sum{route=\"%.*s\"} %.6f\n", len, name,
        static_cast<double>(r.micros.load(std::memory_order_relaxed)) / 1e6);
    add("storyline_http_request_seconds_count{route=\"%.*s\"} %llu\n", len, name,
        static_cast<unsigned long long>(total));
  }
  auto counter = [&](const char* name, const char* help, const std::atomic<uint64_t>& v) {
    add("# HELP %s %s\n# TYPE %s counter\n%s %llu\n", name, help, name, name,
        static_cast<unsigned long long>(v.load(std::memory_order_relaxed)));
  };
  counter("storyline_ingest_posts_total", "POST /api/articles requests that reached the store.",
          ingest_posts_);
  counter("storyline_ingest_records_total", "Records received by POST /api/articles.",
          ingest_records_);
  counter("storyline_ingest_articles_added_total", "Articles stored by POST /api/articles.",
          ingest_added_);
  counter("storyline_ingest_records_failed_total", "Records refused (bad JSON, no text...).",
          ingest_failed_);
  counter("storyline_cache_hits_total", "Reads answered from the cache (the store unchanged).",
          cache_hits_);
  add("# HELP storyline_db_bytes Size of the store file and its write-ahead log.\n"
      "# TYPE storyline_db_bytes gauge\nstoryline_db_bytes %llu\n",
      static_cast<unsigned long long>(db_bytes));
  return out;
}

}  // namespace storyline::server
