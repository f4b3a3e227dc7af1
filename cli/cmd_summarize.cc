// `storyline summarize`: all inputs as one story; its brief as plain text, one sentence a line.

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "input.h"
#include "storyline/storyline.h"

namespace storyline::cli {
namespace {

struct SummarizeArgs {
  std::vector<std::string> inputs;
  bool quiet = false;
  bool headline = false;
  std::string method = "concepts";
  PipelineOptions pipeline;
  IngestOptions ingest;
};

int Summarize(SummarizeArgs& args) {
  std::vector<Article> articles;
  IngestStats stats;
  ReadCliInputs(args.inputs, args.ingest, /*quiet=*/true, /*progress=*/false, args.quiet ? 0 : 20,
                &articles, &stats);
  if (articles.empty()) {
    std::fprintf(stderr, "storyline: no articles to summarize\n");
    return kExitFailure;
  }
  args.pipeline.brief.method =
      args.method == "centroid" ? BriefMethod::kCentroid : BriefMethod::kConcepts;
  auto brief = SummarizeStory(std::move(articles), args.pipeline);
  if (!brief.ok()) {
    std::fprintf(stderr, "storyline: %s\n", brief.status().ToString().c_str());
    return kExitFailure;
  }
  std::string out;
  if (args.headline) out += "# " + brief->headline + "\n";
  for (const SummarySentence& s : brief->sentences) out += s.text + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void AddSummarizeCommand(CLI::App* app, std::function<int()>* action) {
  auto args = std::make_shared<SummarizeArgs>();
  // A word budget by default, and no sentence cap but the budget's.
  args->pipeline.brief.max_words = 100;
  args->pipeline.brief.max_sentences = 1000;
  CLI::App* cmd = app->add_subcommand(
      "summarize",
      "Treat every input article as one story and print its brief: plain text, one sentence per\n"
      "line, at most --words words. Copies count once. INPUT as for `run` (files in a directory\n"
      "need no extension).");
  cmd->add_option("INPUT", args->inputs, "files, directories, or - for stdin")->required();
  cmd->add_option("--words", args->pipeline.brief.max_words,
                  "word budget (whole sentences; words are runs of non-spaces)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--sentences", args->pipeline.brief.max_sentences, "at most this many sentences")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--method", args->method, "concepts (default) or centroid (baseline)")
      ->check(CLI::IsMember({"concepts", "centroid"}));
  cmd->add_flag("--headline", args->headline, "print the headline first, as '# headline'");
  cmd->add_flag("-q,--quiet", args->quiet, "print no input errors");
  cmd->callback([args, action] { *action = [args] { return Summarize(*args); }; });
}

}  // namespace storyline::cli
