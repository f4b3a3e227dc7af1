// `storyline run`: ingest, dedup, cluster and summarise; write stories.jsonl and articles.jsonl.

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "commands.h"
#include "input.h"
#include "storyline/storyline.h"

namespace storyline::cli {
namespace {

struct RunArgs {
  std::vector<std::string> inputs;
  std::string out_dir = "storyline-out";
  std::string html;
  bool quiet = false;
  size_t max_stories = 20;
  size_t max_error_lines = 20;
  double window_days = -1;
  PipelineOptions pipeline;
  IngestOptions ingest;
};

// Writes `data` to `path` through a temporary file and a rename, so an existing file is never
// left half-written.
bool WriteFileAtomically(const std::filesystem::path& path, const std::string& data,
                         std::string* error) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) {
      *error = "cannot create " + tmp.string() + ": " + std::strerror(errno);
      return false;
    }
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
    f.flush();
    if (!f) {
      *error = "cannot write " + tmp.string() + ": " + std::strerror(errno);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    *error = "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message();
    return false;
  }
  return true;
}

int Run(RunArgs& args) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const bool progress = !args.quiet && isatty(STDERR_FILENO);
  std::vector<Article> articles;
  IngestStats stats;
  ReadCliInputs(args.inputs, args.ingest, args.quiet, progress, args.max_error_lines, &articles,
                &stats);
  if (articles.empty()) {
    std::fprintf(stderr, "storyline: no articles to process\n");
    return kExitFailure;
  }

  if (args.window_days >= 0) {
    args.pipeline.cluster.time_window_seconds = static_cast<int64_t>(args.window_days * 86400);
  }
  if (progress) {
    args.pipeline.on_stage = [](std::string_view stage, size_t n) {
      std::fprintf(stderr, "storyline: %.*s (%zu articles)\n", static_cast<int>(stage.size()),
                   stage.data(), n);
    };
  }
  auto result = RunPipeline(std::move(articles), args.pipeline);
  if (!result.ok()) {
    std::fprintf(stderr, "storyline: %s\n", result.status().ToString().c_str());
    return kExitFailure;
  }

  std::error_code ec;
  std::filesystem::create_directories(args.out_dir, ec);
  if (ec) {
    std::fprintf(stderr, "storyline: cannot create %s: %s\n", args.out_dir.c_str(),
                 ec.message().c_str());
    return kExitFailure;
  }
  std::string stories, arts;
  for (const Story& s : result->stories) {
    stories += StoryToJson(*result, s);
    stories += '\n';
  }
  for (size_t i = 0; i < result->articles.size(); ++i) {
    arts += ArticleToJson(*result, i);
    arts += '\n';
  }
  std::string error;
  const std::filesystem::path dir(args.out_dir);
  if (!WriteFileAtomically(dir / "stories.jsonl", stories, &error) ||
      !WriteFileAtomically(dir / "articles.jsonl", arts, &error) ||
      (!args.html.empty() &&
       !WriteFileAtomically(args.html, FormatHtmlReport(*result, args.max_stories), &error))) {
    std::fprintf(stderr, "storyline: %s\n", error.c_str());
    return kExitFailure;
  }
  if (!args.quiet) {
    std::string report = FormatReport(*result, args.max_stories);
    std::fwrite(report.data(), 1, report.size(), stdout);
    double secs = std::chrono::duration<double>(Clock::now() - start).count();
    std::fprintf(stdout, "\nwrote %s and %s (%.2f s)\n", (dir / "stories.jsonl").c_str(),
                 (dir / "articles.jsonl").c_str(), secs);
  }
  return kExitOk;
}

}  // namespace

void AddRunCommand(CLI::App* app, std::function<int()>* action) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app->add_subcommand(
      "run",
      "Find copies, group articles into stories and brief each story.\n"
      "INPUT: .txt files or directories of them (one article per file), JSON Lines files\n"
      "({id,url,source,title,date,text}; only text is required), or - for stdin.\n"
      "Writes DIR/stories.jsonl and DIR/articles.jsonl and prints a report.");
  cmd->add_option("INPUT", args->inputs, "files, directories, or - for stdin")->required();
  cmd->add_option("-o,--out", args->out_dir, "output directory (created if missing)")
      ->capture_default_str();
  cmd->add_option("--html", args->html,
                  "also write a self-contained HTML report to this file (stories as in "
                  "--max-stories)");
  cmd->add_option("--near-threshold", args->pipeline.dedup.near_threshold,
                  "Jaccard of word shingles at which two texts are near-copies")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--containment-threshold", args->pipeline.dedup.containment_threshold,
                  "share of a text's shingles inside another at which it counts as contained")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--shingle-words", args->pipeline.dedup.shingle_words, "words per shingle")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--join-threshold", args->pipeline.cluster.join_threshold,
                  "join probability an article needs to join its best story")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--merge-threshold", args->pipeline.cluster.merge_threshold,
                  "join probability of one story's centroid with an older story at which the "
                  "two merge (above 1: no merging)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 2.0));
  cmd->add_option("--title-weight", args->pipeline.cluster.title_weight,
                  "weight of title words relative to body words in story vectors")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 100.0));
  cmd->add_option("--window-days", args->window_days,
                  "days without a new member after which a story is frozen "
                  "(default 365; 0: never)")
      ->check(CLI::Range(0.0, 36500.0));
  cmd->add_flag("--explain", args->pipeline.cluster.explain,
                "write story_explain (join probability, shared entities and words) for each "
                "article in articles.jsonl");
  cmd->add_option("--sentences", args->pipeline.brief.max_sentences, "sentences per brief")
      ->capture_default_str()
      ->check(CLI::Range(1, 50));
  cmd->add_option("--threads", args->pipeline.dedup.threads, "worker threads (0: all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--max-stories", args->max_stories, "stories shown in the report (0: all)")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "print nothing but errors");
  cmd->callback([args, action] { *action = [args] { return Run(*args); }; });
}

}  // namespace storyline::cli
