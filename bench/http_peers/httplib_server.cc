// cpp-httplib (Debian 12: 0.11.4, split build -> libcpp-httplib.so) peer for
// the `storyline serve` HTTP library bake-off.
// GET /api/stories/1 -> fixed 2048-byte JSON, keep-alive, 127.0.0.1:argv[1].
//
// Threading: library default. httplib::Server uses a ThreadPool of
// CPPHTTPLIB_THREAD_POOL_COUNT = max(8, hardware_concurrency-1) = 8 workers on
// this 2-core box (the Debian .so is compiled with that default); one accept
// thread hands each *connection* to a worker, which keeps it for the whole
// keep-alive lifetime. Connections beyond 8 wait in an unbounded queue.
// Other baked-in defaults: listen backlog 5, keep-alive timeout 5 s,
// keep-alive max 5 requests per connection.
//
// argv[2] selects a configuration (all use the same handler):
//   (none)    library defaults as described above.
//   tuned     set_tcp_nodelay(true) (default off: headers and body go out in
//             separate writes, so Nagle + delayed ACK add ~40 ms per request),
//             set_keep_alive_max_count(1000000), set_keep_alive_timeout(60);
//             still the default 8-worker pool.
//   tuned256  tuned + new_task_queue = ThreadPool(256): the "one thread per
//             keep-alive connection" way to hold 200 connections.
// The listen backlog (5) cannot be changed: it is compiled into the .so.
// Build: g++ -O2 -std=c++20 httplib_server.cc -lcpp-httplib -pthread
#include <httplib.h>

#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

// Fixed 2048-byte JSON body; byte-identical in every peer (run.sh checks sha256).
static const char kBody[] =
    R"({"id":1,"slug":"the-lighthouse-keepers-daughter","title":"The Lighthouse Keeper's Daughter)"
    R"(","author":{"id":7,"name":"Ada Wren","handle":"adawren"},"status":"published","created_at")"
    R"(:"2024-03-01T09:15:00Z","updated_at":"2024-03-09T18:42:11Z","tags":["coastal","mystery","f)"
    R"(amily","storm","1920s"],"word_count":5234,"reading_minutes":21,"summary":"On the night the)"
    R"( lamp fails, Maren climbs the spiral stair alone and finds the log book open to a page her)"
    R"( father swore he had burned. The ships that should have wrecked did not, and the village o)"
    R"(wes a debt nobody will name.","chapters":[{"id":1,"index":1,"title":"The Failing Lamp","wo)"
    R"(rds":812,"beats":["storm rises","lamp gutters","Maren alone"]},{"id":2,"index":2,"title":")"
    R"(Log Book","words":901,"beats":["burned page","father's hand","three ships"]},{"id":3,"inde)"
    R"(x":3,"title":"The Harbour Master","words":774,"beats":["debt","silence","a ledger"]},{"id")"
    R"(:4,"index":4,"title":"Low Tide","words":866,"beats":["wreck uncovered","brass bell","initi)"
    R"(als"]},{"id":5,"index":5,"title":"Confession","words":939,"beats":["father returns","the b)"
    R"(argain","choice"]},{"id":6,"index":6,"title":"Morning","words":942,"beats":["lamp relit",")"
    R"(ships pass","ledger burned"]}],"characters":[{"id":11,"name":"Maren Holt","role":"protagon)"
    R"(ist","mentions":214},{"id":12,"name":"Ivar Holt","role":"father","mentions":97},{"id":13,")"
    R"(name":"Tomas Greer","role":"harbour master","mentions":61},{"id":14,"name":"Sister Agnes",)"
    R"("role":"witness","mentions":23}],"metrics":{"sentiment_arc":[0.12,-0.08,-0.31,-0.22,0.05,0)"
    R"(.41],"tension":[0.3,0.55,0.62,0.71,0.88,0.35]},"notes":"Fixed benchmark payload; identical)"
    R"( bytes in every peer server. Fixed benchmark payload; identical bytes in every peer server)"
    R"(. Fixed benchmark payload; identical bytes in every peer server. Fixed benchmark payload; )"
    R"(identical bytes in every peer server. Fixed benchmark payload; identical bytes in every pe)"
    R"(er server. Fixed benchmark payload; identical bytes in every peer server. Fixed benchmark )"
    R"(payload; identical bytes in every peer server. Fixed benchmark pay"})";

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PORT [tuned|tuned256]\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const char* mode = argc > 2 ? argv[2] : "defaults";
  const bool tuned = std::strncmp(mode, "tuned", 5) == 0;
  const bool big_pool = std::strcmp(mode, "tuned256") == 0;

  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);

  httplib::Server svr;
  if (tuned) {
    svr.set_tcp_nodelay(true);
    svr.set_keep_alive_max_count(1000000);
    svr.set_keep_alive_timeout(60);
  }
  if (big_pool) {
    svr.new_task_queue = [] { return new httplib::ThreadPool(256); };
  }
  svr.Get("/api/stories/1", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kBody, sizeof(kBody) - 1, "application/json");
  });

  std::thread listener([&] {
    if (!svr.listen("127.0.0.1", port)) std::fprintf(stderr, "listen failed\n");
  });
  std::fprintf(stderr, "httplib %s listening on 127.0.0.1:%d (%s)\n",
               CPPHTTPLIB_VERSION, port, mode);

  int sig = 0;
  sigwait(&sigs, &sig);
  svr.stop();
  listener.join();
  return 0;
}
