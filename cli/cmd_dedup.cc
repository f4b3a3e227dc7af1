// `storyline dedup`: copies, near-copies, contained copies and reused passages of any text
// corpus, as JSON Lines groups on stdout.

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "input.h"
#include "storyline/storyline.h"

namespace storyline::cli {
namespace {

struct DedupArgs {
  std::vector<std::string> inputs;
  std::string preset = "syndicated";
  bool print_curve = false;
  bool quiet = false;
  bool no_partial = false;
  size_t max_error_lines = 20;
  double near_threshold = -1;
  double containment_threshold = -1;
  int min_reuse_words = -1;
  DedupOptions dedup;
  IngestOptions ingest;
};

int RunDedup(DedupArgs& args) {
  Status st = ApplyDedupPreset(args.preset, &args.dedup);
  if (!st.ok()) {
    std::fprintf(stderr, "storyline: %s\n", st.ToString().c_str());
    return kExitUsage;
  }
  if (args.near_threshold > 0) args.dedup.near_threshold = args.near_threshold;
  if (args.containment_threshold > 0) {
    args.dedup.containment_threshold = args.containment_threshold;
  }
  if (args.min_reuse_words > 0) args.dedup.min_reuse_words = args.min_reuse_words;
  if (args.no_partial) args.dedup.find_partial = false;
  if (args.print_curve) {
    Result<std::string> curve = FormatLshCurve(args.dedup);
    if (!curve.ok()) {
      std::fprintf(stderr, "storyline: %s\n", curve.status().ToString().c_str());
      return kExitUsage;
    }
    std::fwrite(curve->data(), 1, curve->size(), stdout);
    return kExitOk;
  }
  if (args.inputs.empty()) {
    std::fprintf(stderr, "storyline: dedup needs INPUT (or --print-curve)\n");
    return kExitUsage;
  }
  std::vector<Article> articles;
  IngestStats stats;
  ReadCliInputs(args.inputs, args.ingest, args.quiet, !args.quiet && isatty(STDERR_FILENO),
                args.max_error_lines, &articles, &stats);
  if (articles.empty()) {
    std::fprintf(stderr, "storyline: no articles to process\n");
    return kExitFailure;
  }
  auto result = Deduplicate(articles, args.dedup);
  if (!result.ok()) {
    std::fprintf(stderr, "storyline: %s\n", result.status().ToString().c_str());
    return kExitFailure;
  }
  std::string out = DedupGroupsToJsonLines(articles, *result);
  if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "storyline: cannot write the output\n");
    return kExitFailure;
  }
  if (!args.quiet) {
    const DedupStats& s = result->stats;
    std::fprintf(stderr,
                 "storyline: %zu articles, %llu copies, %llu pairs with reused passages "
                 "(preset %s; candidates: %llu LSH, %llu containment, %llu partial)\n",
                 articles.size(), static_cast<unsigned long long>(s.copies),
                 static_cast<unsigned long long>(s.partial_pairs), args.preset.c_str(),
                 static_cast<unsigned long long>(s.lsh_candidates),
                 static_cast<unsigned long long>(s.containment_candidates),
                 static_cast<unsigned long long>(s.partial_candidates));
  }
  return kExitOk;
}

}  // namespace

void AddDedupCommand(CLI::App* app, std::function<int()>* action) {
  auto args = std::make_shared<DedupArgs>();
  CLI::App* cmd = app->add_subcommand(
      "dedup",
      "Find exact copies, near-copies, contained copies (a text inside another page's\n"
      "boilerplate) and reused passages. INPUT as for `run` (text files, directories, JSON\n"
      "Lines, HTML, or - for stdin). Writes one JSON line per original that has copies:\n"
      "original (its id) and copies [{id, kind: exact|near|contained|partial, score, spans}].");
  cmd->add_option("INPUT", args->inputs, "files, directories, or - for stdin");
  std::string presets;
  for (std::string_view p : DedupPresetNames()) {
    presets += presets.empty() ? "" : ", ";
    presets += p;
  }
  cmd->add_option("--preset", args->preset, "operating point: " + presets)->capture_default_str();
  cmd->add_option("--near-threshold", args->near_threshold,
                  "override the preset's Jaccard threshold for near-copies")
      ->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--containment-threshold", args->containment_threshold,
                  "override the preset's containment threshold")
      ->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--min-reuse-words", args->min_reuse_words,
                  "shortest reused passage reported, in words")
      ->check(CLI::Range(1, 100000));
  cmd->add_flag("--no-partial", args->no_partial, "do not look for reused passages");
  cmd->add_flag("--print-curve", args->print_curve,
                "print the preset's LSH match-probability curve and exit");
  cmd->add_option("--threads", args->dedup.threads, "worker threads (0: all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1024));
  cmd->add_flag("-q,--quiet", args->quiet, "print nothing but errors");
  cmd->callback([args, action] { *action = [args] { return RunDedup(*args); }; });
}

}  // namespace storyline::cli
