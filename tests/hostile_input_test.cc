// Hostile inputs we generate: every one must cost time and memory in proportion to its bytes, at
// most a few times what a normal input of the same size costs. Each case runs in a child
// process (fork), so its CPU time and peak RSS are its own; the checks are ratios against a
// normal input measured in the same run, with generous factors, never wall-clock limits.
// bench/RESULTS.md ("hostile input") records the figures this test prints.

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "storyline/storyline.h"
#include "testing/corpus.h"
#include "testing/gzip.h"

namespace storyline {
namespace {

// What one run of `work` cost in a child process: CPU seconds and peak memory over what the
// process held when it started.
struct Cost {
  double cpu = 0;      // seconds, user + system
  double peak_mb = 0;  // MB above the parent's resident set at fork
};

double ResidentMb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
}

// A child past either bound is stopped, and its case fails: a regression costs a minute, not
// the machine.
constexpr double kKillMb = 3072;
constexpr int kKillSeconds = 60;

Cost Measure(const std::function<void()>& work) {
  std::fflush(nullptr);
  const double base = ResidentMb();
  const pid_t pid = fork();
  if (pid == 0) {
    work();
    _exit(0);
  }
  int status = 0;
  rusage ru{};
  bool killed = false;
  for (int waited_ms = 0;; waited_ms += 5) {
    const pid_t done = wait4(pid, &status, WNOHANG, &ru);
    if (done == pid || done < 0) break;
    std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    const double mb =
        static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1048576.0;
    if (!killed && (mb > kKillMb || waited_ms > kKillSeconds * 1000)) {
      kill(pid, SIGKILL);
      killed = true;
    }
    usleep(5000);
  }
  if (killed || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << (killed ? "stopped past " + std::to_string(kKillSeconds) + " s or " +
                                   std::to_string(static_cast<int>(kKillMb)) + " MB"
                             : std::string("the measured child failed"));
    return Cost{1e9, 1e9};
  }
  Cost c;
  c.cpu = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
          static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
  c.peak_mb = std::max(0.0, static_cast<double>(ru.ru_maxrss) / 1024.0 - base);
  return c;
}

// The cheaper of `runs` measurements (scheduling noise only ever adds).
Cost Best(const std::function<void()>& work, int runs = 2) {
  Cost best = Measure(work);
  for (int i = 1; i < runs; ++i) {
    Cost c = Measure(work);
    best.cpu = std::min(best.cpu, c.cpu);
    best.peak_mb = std::min(best.peak_mb, c.peak_mb);
  }
  return best;
}

std::string Repeat(std::string_view unit, size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() < bytes) s += unit;
  return s;
}

// A normal news page of about `bytes`: generated articles in a site's furniture (navigation,
// headings, paragraphs, links, a footer), the shape of the pages the extractor is built for.
std::string NormalPage(size_t bytes) {
  testing::CorpusSpec spec;
  spec.num_originals = bytes / 2500 + 1;
  spec.copy_rate = 0;
  const testing::GeneratedCorpus corpus = testing::GenerateCorpus(spec);
  std::string page =
      "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>The Daily Example</title>"
      "<meta property=\"og:site_name\" content=\"The Daily Example\"></head><body>"
      "<header><nav><ul><li><a href=/>Home</a><li><a href=/world>World</a>"
      "<li><a href=/business>Business</a><li><a href=/sport>Sport</a></ul></nav></header><main>";
  for (const Article& a : corpus.articles) {
    page += "<article class=\"story\"><h2><a href=\"/a/" + a.id + "\">Story " + a.id +
            "</a></h2><p class=byline>By <span class=author>Staff</span></p>";
    size_t pos = 0;
    while (pos < a.text.size()) {
      size_t end = a.text.find("\n\n", pos);
      if (end == std::string::npos) end = a.text.size();
      page += "<p>" + a.text.substr(pos, end - pos) + "</p>\n";
      pos = end + 2;
    }
    page += "<div class=share><a href=#>Share</a> <a href=#>Tweet</a></div></article>\n";
    if (page.size() > bytes) break;
  }
  page += "</main><footer><p>Copyright 2026 The Daily Example</p></footer></body></html>";
  return page;
}

void Extract(const std::string& page) {
  ExtractOptions o;
  auto r = ExtractHtml(page, "https://example.org/2026/03/01/x", o);
  (void)r;
}

struct Case {
  std::string name;
  std::string page;
};

// Pages of about `bytes` each, one per hostile shape.
std::vector<Case> HostilePages(size_t bytes) {
  std::vector<Case> cases;
  const std::string text = "<p>The paragraph inside everything, long enough to be prose.</p>";
  for (const char* unit :
       {"<div>", "<span>", "<b class=k>", "<font>", "<blockquote>", "<section>",
        "<table><tr><td>", "<ul><li>", "<dl><dd>", "<a href=#><div>", "<svg><g>",
        "<select><div>", "<form><div></form>", "<span><div></span>", "<object>",
        "<button><div>", "<svg><foreignObject><div/>", "<template><div>"}) {
    cases.push_back({std::string("nested ") + unit, Repeat(unit, bytes) + text});
  }
  std::string reopened;
  for (size_t i = 0; reopened.size() < bytes; ++i) {
    reopened += "<p><b class=c" + std::to_string(i) + ">x</p>";
  }
  cases.push_back({"re-opened <b> per paragraph", reopened});
  cases.push_back({"huge <h1>", "<title>Short title</title><h1>" + Repeat("word ", bytes) +
                                    "</h1>" + text});
  cases.push_back({"unclosed <h1>", "<h1>" + Repeat("Word and word ", bytes)});
  cases.push_back(
      {"huge attribute value", "<div data-x=\"" + std::string(bytes, 'v') + "\">" + text});
  cases.push_back({"many attributes", "<div" + Repeat(" a=1", bytes) + ">" + text});
  cases.push_back({"many tiny elements", Repeat("<i>x</i>", bytes)});
  cases.push_back({"many line breaks", Repeat("<br>", bytes)});
  cases.push_back({"stray end tags", "<p>" + Repeat("x</q>", bytes)});
  cases.push_back({"stray end tags and lone <", "<p>" + Repeat("</q><", bytes)});
  cases.push_back({"repeated doctype", "<p>" + Repeat("x<!DOCTYPE html>", bytes)});
  cases.push_back({"ignored table parts", "<p>" + Repeat("x<tr>", bytes)});
  cases.push_back({"repeated </body>", "<body>" + Repeat("x</body>", bytes)});
  cases.push_back({"repeated <html>", "<p>" + Repeat("x<html a=1>", bytes)});
  cases.push_back({"tags in <select>", "<select>" + Repeat("x<div>", bytes)});
  cases.push_back({"stray end tags in a table", "<table>" + Repeat("x</q>", bytes)});
  cases.push_back({"one long line", "<p>" + std::string(bytes, 'a') + "</p>"});
  cases.push_back({"one long sentence", "<p>" + Repeat("word ", bytes) + "</p>"});
  cases.push_back({"comments", Repeat("x<!---->", bytes)});
  cases.push_back({"unclosed comment", "<p>x<!--" + Repeat("<div>", bytes)});
  cases.push_back({"entities", "<p>" + Repeat("x&amp;&#x1F600;", bytes) + "</p>"});
  cases.push_back({"raw less-than signs", "<p>" + Repeat("a < b ", bytes) + "</p>"});
  return cases;
}

// Extraction of every hostile page costs at most kRatio times a normal page per MB, in time
// and in memory, plus a small allowance for fixed costs.
TEST(HostileInput, ExtractionStaysWithinAFewTimesANormalPage) {
  constexpr size_t kBytes = 2 << 20;
  constexpr double kRatio = 3.0;
  const std::string normal = NormalPage(kBytes);
  const double mb = static_cast<double>(normal.size()) / 1048576.0;
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  const Cost base = Best([&] { Extract(normal); }, 3);
  std::printf("%-32s %8s %8s\n", "page (2 MB)", "cpu x", "memory x");
  std::printf("%-32s %7.3fs %7.1fMB\n", "normal", base.cpu / mb, base.peak_mb / mb);
  for (const Case& c : HostilePages(kBytes)) {
    const double cmb = static_cast<double>(c.page.size()) / 1048576.0;
    std::printf("%-32s", c.name.c_str());
    const Cost cost = Measure([&] { Extract(c.page); });
    const double time_ratio = (cost.cpu / cmb) / (base.cpu / mb);
    const double memory_ratio = (cost.peak_mb / cmb) / (base.peak_mb / mb);
    std::printf(" %7.2fx %7.2fx\n", time_ratio, memory_ratio);
    EXPECT_LE(cost.cpu / cmb, kRatio * base.cpu / mb + 0.01) << c.name;
    EXPECT_LE(cost.peak_mb / cmb, kRatio * base.peak_mb / mb + 4) << c.name;
  }
}

// Compressed bombs are inflated only up to the limit that applies (page, record), so memory
// stays near that limit whatever the inflated size.
TEST(HostileInput, GzipBombsCostTheirLimitNotTheirSize) {
  IngestOptions o;
  o.extract.max_page_bytes = 8 << 20;
  o.max_record_bytes = 1 << 20;
  const std::string html = testing::Gzip("<html><body><p>" + std::string(512 << 20, ' '), 9);
  const std::string jsonl =
      testing::Gzip("{\"text\":\"" + std::string(512 << 20, 'x') + "\"}\n{\"text\":\"ok\"}\n", 9);
  struct Bomb {
    const char* name;
    const std::string* data;
    size_t articles;
  };
  for (const Bomb& b : {Bomb{"bomb.html.gz", &html, 0}, Bomb{"bomb.jsonl.gz", &jsonl, 1}}) {
    const Cost cost = Measure([&] {
      size_t articles = 0;
      (void)ReadBuffer(b.name, *b.data, InputFormat::kAuto, o,
                       [&](Article&&) { ++articles; }, [](const IngestError&) {}, nullptr);
      if (articles != b.articles) _exit(1);
    });
    std::printf("%-16s %6zu KB compressed -> 512 MB: %.2fs, %.1f MB\n", b.name,
                b.data->size() >> 10, cost.cpu, cost.peak_mb);
    // The limit (8 MB page; a 6 MB JSON line window) plus the compressed bytes, with room.
    EXPECT_LE(cost.peak_mb, 48.0) << b.name;
  }
}

// Records: 100,000 exact copies of one article, and 20,000 distinct articles that all carry
// one sentence, through the whole pipeline; and JSON Lines of pathological dates through the
// reader. Each costs at most a few times as much per article as ordinary distinct articles.
TEST(HostileInput, RecordFloodsStayLinear) {
  testing::CorpusSpec spec;
  spec.num_originals = 20000;
  spec.words = 60;
  spec.copy_rate = 0;
  const std::vector<Article> distinct = testing::GenerateCorpus(spec).articles;
  PipelineOptions po;
  po.dedup.threads = 1;
  auto run = [&](std::vector<Article> articles) {
    if (!RunPipeline(std::move(articles), po).ok()) _exit(1);
  };
  const Cost base = Best([&] { run(distinct); });
  const double per_article = base.cpu / static_cast<double>(distinct.size());

  std::vector<Article> copies(100000, distinct[0]);
  for (size_t i = 0; i < copies.size(); ++i) copies[i].id = "copy" + std::to_string(i);
  const Cost flood = Measure([&] { run(copies); });

  std::vector<Article> shared = distinct;
  for (Article& a : shared) {
    a.text += "\n\nSubscribe to our newsletter for the latest news from the region every day.";
  }
  const Cost recurring = Measure([&] { run(shared); });

  std::string dates;
  for (int i = 0; i < 100000; ++i) {
    static const char* kDates[] = {"9999-99-99", "0000-01-01T00:00:00+00:01", "2026-02-30",
                                   "2026-03-01T10:00:00+25:00", "99999999999999999999",
                                   "9999-12-31T23:59:59-23:59", ""};
    dates += "{\"text\":\"record " + std::to_string(i) + "\",\"date\":\"" + kDates[i % 7] +
             "\"}\n";
  }
  std::string plain;
  for (int i = 0; i < 100000; ++i) {
    plain += "{\"text\":\"record " + std::to_string(i) + "\",\"date\":\"2026-03-01\"}\n";
  }
  auto read = [](const std::string& data) {
    return [&data] {
      (void)ReadBuffer("dates.jsonl", data, InputFormat::kJsonLines, IngestOptions(),
                       [](Article&&) {}, [](const IngestError&) {}, nullptr);
    };
  };
  const Cost plain_cost = Best(read(plain));
  const Cost dates_cost = Best(read(dates));

  const double flood_ratio = flood.cpu / 100000.0 / per_article;
  const double recurring_ratio = recurring.cpu / base.cpu;
  std::printf("pipeline, distinct 20k: %.2fs, %.1f MB\n", base.cpu, base.peak_mb);
  std::printf("100k exact copies: %.2fs (%.2fx per article), %.1f MB\n", flood.cpu,
              flood_ratio, flood.peak_mb);
  std::printf("20k with one shared sentence: %.2fs (%.2fx), %.1f MB\n", recurring.cpu,
              recurring_ratio, recurring.peak_mb);
  std::printf("100k records with bad dates: %.3fs (plain dates %.3fs)\n", dates_cost.cpu,
              plain_cost.cpu);
  EXPECT_LE(flood_ratio, 3.0);
  EXPECT_LE(recurring_ratio, 3.0);
  EXPECT_LE(dates_cost.cpu, 3.0 * plain_cost.cpu + 0.02);
}

}  // namespace
}  // namespace storyline
