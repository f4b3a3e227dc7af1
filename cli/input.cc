#include "input.h"

#include <cstdio>

namespace storyline::cli {

void ReadCliInputs(const std::vector<std::string>& inputs, const IngestOptions& options, bool quiet,
                   bool progress, size_t max_error_lines, std::vector<Article>* articles,
                   IngestStats* stats) {
  size_t errors_shown = 0;
  auto on_article = [&](Article&& a) {
    articles->push_back(std::move(a));
    if (progress && articles->size() % 10000 == 0) {
      std::fprintf(stderr, "\rread %zu articles", articles->size());
    }
  };
  auto on_error = [&](const IngestError& e) {
    if (errors_shown++ < max_error_lines) {
      std::fprintf(stderr, "storyline: %s %s: %s\n", e.warning ? "warning:" : "skipped",
                   e.location.c_str(), e.status.ToString().c_str());
    }
  };
  std::vector<std::string> paths;
  for (const std::string& in : inputs) {
    if (in == "-") {
      std::string data;
      char buf[1 << 16];
      size_t got;
      bool too_big = false;
      while ((got = std::fread(buf, 1, sizeof(buf), stdin)) > 0) {
        if (data.size() + got > options.max_file_bytes) {
          too_big = true;
          break;
        }
        data.append(buf, got);
      }
      stats->files++;
      if (too_big) {
        stats->records_failed++;
        on_error(IngestError{"<stdin>", Status::ResourceExhausted("input over the file limit")});
        continue;
      }
      (void)ReadBuffer("<stdin>", data, InputFormat::kAuto, options, on_article, on_error, stats);
    } else {
      paths.push_back(in);
    }
  }
  if (!paths.empty()) (void)ReadInputs(paths, options, on_article, on_error, stats);
  if (progress && articles->size() >= 10000) std::fputc('\n', stderr);
  if (errors_shown > max_error_lines) {
    std::fprintf(stderr, "storyline: ... and %zu more skipped records or warnings\n",
                 errors_shown - max_error_lines);
  }
  if (!quiet) {
    std::fprintf(stderr,
                 "storyline: read %llu articles from %llu inputs (%llu records failed, %llu "
                 "warnings)\n",
                 static_cast<unsigned long long>(stats->records_ok),
                 static_cast<unsigned long long>(stats->files),
                 static_cast<unsigned long long>(stats->records_failed),
                 static_cast<unsigned long long>(stats->warnings));
  }
}

}  // namespace storyline::cli
