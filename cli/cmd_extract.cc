// `storyline extract`: the article and metadata of saved web pages, one JSON line per page.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "storyline/storyline.h"

namespace storyline::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  int threads = 0;
  ExtractOptions options;
};

// Files of `inputs` in order, directories expanded by the library. Missing paths are kept so
// that they get an error line.
std::vector<std::string> ListFiles(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(in, ec)) {
      files.push_back(in);
      continue;
    }
    std::vector<std::string> found;
    Status s = ListDirectory(in, &found);
    if (!s.ok()) std::fprintf(stderr, "storyline: %s\n", s.ToString().c_str());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

int Run(const ExtractArgs& args) {
  std::vector<std::string> files = ListFiles(args.inputs);
  unsigned threads = args.threads > 0 ? static_cast<unsigned>(args.threads)
                                      : std::max(1u, std::thread::hardware_concurrency());
  size_t failed = 0;
  // Batches keep memory bounded on huge directories while output stays in input order.
  const size_t kBatch = 256;
  std::vector<std::string> lines;
  for (size_t start = 0; start < files.size(); start += kBatch) {
    size_t end = std::min(files.size(), start + kBatch);
    lines.assign(end - start, std::string());
    std::vector<std::thread> pool;
    std::atomic<size_t> next{start};
    std::atomic<size_t> errors{0};
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        for (size_t i; (i = next.fetch_add(1)) < end;) {
          auto r = ExtractHtmlFile(files[i], args.options);
          if (!r.ok()) ++errors;
          lines[i - start] = PageToJson(files[i], r);
        }
      });
    }
    for (auto& t : pool) t.join();
    failed += errors;
    for (const std::string& l : lines) {
      std::fwrite(l.data(), 1, l.size(), stdout);
      std::fputc('\n', stdout);
    }
  }
  std::fprintf(stderr, "storyline: extracted %zu pages (%zu failed)\n", files.size() - failed,
               failed);
  return files.size() > failed || files.empty() ? kExitOk : kExitFailure;
}

}  // namespace

void AddExtractCommand(CLI::App* app, std::function<int()>* action) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app->add_subcommand(
      "extract",
      "Extract the article text and metadata of saved web pages.\n"
      "PATH: HTML files (any name; gzip-compressed files are detected by content) or\n"
      "directories of them. Writes one JSON line per page to stdout: input, title, date,\n"
      "author, site, url, lang, charset, text (paragraphs separated by blank lines), and\n"
      "error (only when the page could not be read).");
  cmd->add_option("PATH", args->inputs, "files or directories")->required();
  cmd->add_option("--threads", args->threads, "worker threads (0: all cores)")
      ->capture_default_str()->check(CLI::Range(0, 1024));
  cmd->add_flag("!--no-headings", args->options.keep_headings, "leave headings out of text");
  cmd->callback([args, action] { *action = [args] { return Run(*args); }; });
}

}  // namespace storyline::cli
