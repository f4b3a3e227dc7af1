// Subcommand registration for the storyline CLI. Each cmd_<name>.cc adds one subcommand.

#ifndef STORYLINE_CLI_COMMANDS_H_
#define STORYLINE_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>

namespace storyline::cli {

// Exit codes, documented in README.md and `storyline --help`.
inline constexpr int kExitOk = 0;       // success (per-record input errors are counted only)
inline constexpr int kExitFailure = 1;  // nothing usable was read, or output could not be written
inline constexpr int kExitUsage = 2;    // bad command line

// Each registers one subcommand on `app`; `*action` is set to the function that runs it once
// the command line is parsed.
void AddRunCommand(CLI::App* app, std::function<int()>* action);
void AddExtractCommand(CLI::App* app, std::function<int()>* action);
void AddDedupCommand(CLI::App* app, std::function<int()>* action);
void AddSummarizeCommand(CLI::App* app, std::function<int()>* action);
// ingest, stories, show, search, export.
void AddStoreCommands(CLI::App* app, std::function<int()>* action);
// serve: the HTTP API and web app over a store.
void AddServeCommand(CLI::App* app, std::function<int()>* action);

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_COMMANDS_H_
