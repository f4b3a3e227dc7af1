// In-process extraction throughput on the WCXB test article pages (../shared/data, read and
// gunzipped before timing): charset detection, parsing, main-content and metadata extraction.
// The whole-process comparison with Python/JS peers is bench/extract_peers/run.sh.
//
// Run: build/bench/extract_bench
//
// Before timing, the benchmark checks that nearly every page yields article text; otherwise it
// reports an error instead of a time.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "common/gzip.h"
#include "storyline/extract.h"
#include "testing/corpus.h"

namespace storyline {
namespace {

const std::vector<std::string>& Pages() {
  static const std::vector<std::string> pages = [] {
    std::vector<std::string> out;
    std::vector<std::string> files;
    std::error_code ec;
    const std::string dir = testing::SharedDir() + "/data/wcxb-articles/test/html";
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      std::string gz;
      FILE* fp = std::fopen(f.c_str(), "rb");
      if (fp == nullptr) continue;
      char buf[1 << 16];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof(buf), fp)) > 0) gz.append(buf, n);
      std::fclose(fp);
      auto html = Gunzip(gz, 64u << 20);
      if (html.ok()) out.push_back(std::move(*html));
    }
    return out;
  }();
  return pages;
}

void BM_ExtractWcxbTest(benchmark::State& state) {
  const auto& pages = Pages();
  if (pages.size() < 200) {
    state.SkipWithError("WCXB test pages not found under ../shared/data");
    return;
  }
  ExtractOptions options;
  size_t with_text = 0, bytes = 0;
  for (const std::string& p : pages) {
    auto r = ExtractHtml(p, "", options);
    with_text += r.ok() && !r->text.empty();
    bytes += p.size();
  }
  if (with_text + 3 < pages.size()) {
    state.SkipWithError("extraction lost articles: fewer pages with text than expected");
    return;
  }
  for (auto _ : state) {
    for (const std::string& p : pages) {
      auto r = ExtractHtml(p, "", options);
      benchmark::DoNotOptimize(r);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pages.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
  state.counters["pages"] = static_cast<double>(pages.size());
}

BENCHMARK(BM_ExtractWcxbTest)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

}  // namespace
}  // namespace storyline

BENCHMARK_MAIN();
