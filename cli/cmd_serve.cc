// `storyline serve`: the HTTP JSON API and web app over a store, until SIGINT or SIGTERM.
// A thin layer over server/ (which uses only the public API).

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "commands.h"
#include "server/api.h"
#include "server/http_server.h"

namespace storyline::cli {
namespace {

struct ServeArgs {
  server::ApiOptions api;
  server::HttpOptions http;
};

int Serve(ServeArgs& args) {
  if (args.api.write_token.empty()) {
    if (const char* env = std::getenv("STORYLINE_WRITE_TOKEN")) args.api.write_token = env;
  }
  if (!server::IsLoopback(args.http.host) && args.api.write_token.empty()) {
    std::fprintf(stderr,
                 "storyline: serving on %s (beyond this machine) needs --write-token (or "
                 "STORYLINE_WRITE_TOKEN) so that no one else can write to the store\n",
                 args.http.host.c_str());
    return kExitUsage;
  }
  // The signals are waited for below, not delivered to whichever thread runs.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  signal(SIGPIPE, SIG_IGN);
  auto api = server::Api::Open(args.api);
  if (!api.ok()) {
    std::fprintf(stderr, "storyline: %s: %s\n", args.api.db.c_str(),
                 api.status().ToString().c_str());
    return kExitFailure;
  }
  args.http.log = [](std::string_view line) {
    std::fprintf(stderr, "storyline serve: %.*s\n", static_cast<int>(line.size()), line.data());
  };
  auto http = server::HttpServer::Start(api->get(), args.http);
  if (!http.ok()) {
    std::fprintf(stderr, "storyline: %s\n", http.status().ToString().c_str());
    return kExitFailure;
  }
  const bool v6 = args.http.host.find(':') != std::string::npos && args.http.host[0] != '[';
  std::fprintf(stderr, "storyline: serving %s on http://%s%s%s:%u/ (writes %s; Ctrl-C stops)\n",
               args.api.db.c_str(), v6 ? "[" : "", args.http.host.c_str(), v6 ? "]" : "",
               static_cast<unsigned>((*http)->port()),
               args.api.write_token.empty() ? "open to this machine" : "need the token");
  int sig = 0;
  sigwait(&stop, &sig);
  std::fprintf(stderr, "storyline: stopping\n");
  (*http)->Stop();
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App* app, std::function<int()>* action) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app->add_subcommand(
      "serve",
      "Serve a store over HTTP: a JSON API (/api/stories, /api/stories/{id}, /api/articles/{id}, "
      "/api/search, /api/outlets, POST /api/articles; docs/api.yaml) and the web app at /, "
      "plus /healthz and /metrics. Binds to 127.0.0.1 unless told otherwise.");
  cmd->add_option("--db", args->api.db, "the store (created if missing)")->required();
  cmd->add_option("--host", args->http.host, "address to listen on")->capture_default_str();
  cmd->add_option("--port", args->http.port, "port (0: any free one)")->capture_default_str();
  cmd->add_option("--threads", args->http.threads,
                  "event-loop threads (0: one per core, at least 2)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  cmd->add_option("--write-token", args->api.write_token,
                  "writes need 'Authorization: Bearer TOKEN' (also STORYLINE_WRITE_TOKEN); "
                  "required to listen beyond loopback");
  cmd->add_option("--max-body-bytes", args->http.max_body_bytes, "largest request body (413)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 32))
      ->capture_default_str();
  cmd->add_option("--cache-entries", args->api.cache_entries,
                  "answers kept for repeated reads while the store is unchanged (0: no cache)")
      ->capture_default_str();
  cmd->add_option("--slow-read-niceness", args->http.slow_read_niceness,
                  "nice value of the workers that answer searches and other slow reads (0-19): "
                  "under load they yield to story pages and the writer")
      ->check(CLI::Range(0, 19))
      ->capture_default_str();
  cmd->add_option("--timeout", args->http.timeout_seconds,
                  "seconds before an idle or slow connection is closed")
      ->check(CLI::Range(1u, 3600u))
      ->capture_default_str();
  cmd->callback([args, action] { *action = [args] { return Serve(*args); }; });
}

}  // namespace storyline::cli
