// The storyline command-line tool: a thin layer over the library's public API.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <functional>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "storyline: turns piles of news articles into stories.\n\n"
      "Exit codes: 0 success (bad input records are reported and counted, not fatal);\n"
      "            1 nothing usable was read, or the output could not be written;\n"
      "            2 bad command line."};
  app.set_version_flag("--version", "storyline 0.1.0");
  app.require_subcommand(1);
  std::function<int()> action;
  storyline::cli::AddRunCommand(&app, &action);
  storyline::cli::AddExtractCommand(&app, &action);
  storyline::cli::AddDedupCommand(&app, &action);
  storyline::cli::AddSummarizeCommand(&app, &action);
  storyline::cli::AddStoreCommands(&app, &action);
  storyline::cli::AddServeCommand(&app, &action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? storyline::cli::kExitOk : storyline::cli::kExitUsage;
  }
  return action ? action() : storyline::cli::kExitUsage;
}
