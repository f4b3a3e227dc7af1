// libmicrohttpd peer for the `storyline serve` HTTP library bake-off.
// GET /api/stories/1 -> fixed 2048-byte JSON, keep-alive, 127.0.0.1:argv[1].
// Event loop: MHD_USE_EPOLL_INTERNAL_THREAD + MHD_OPTION_THREAD_POOL_SIZE=2
// (two epoll threads, each owning its own connections) + MHD_USE_TURBO.
// Other options left at library defaults on purpose (connection limit
// FD_SETSIZE-4 split across the pool, connection timeout 0 = never).
// Build: g++ -O2 -std=c++20 mhd_server.cc -lmicrohttpd
#include <microhttpd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

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

static MHD_Response* g_ok = nullptr;
static MHD_Response* g_404 = nullptr;

static MHD_Result on_request(void*, MHD_Connection* conn, const char* url,
                             const char* method, const char*, const char*,
                             size_t*, void** con_cls) {
  // Pitfall: answering on the *first* callback (headers parsed, request not
  // yet complete) makes MHD 0.9.75 send "Connection: close" on every reply,
  // i.e. no keep-alive at all. Use the usual two-phase pattern instead.
  static int first_call_marker;
  if (*con_cls == nullptr) {
    *con_cls = &first_call_marker;
    return MHD_YES;
  }
  const bool hit = std::strcmp(method, "GET") == 0 &&
                   std::strcmp(url, "/api/stories/1") == 0;
  return MHD_queue_response(conn, hit ? MHD_HTTP_OK : MHD_HTTP_NOT_FOUND,
                            hit ? g_ok : g_404);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);

  // Block SIGINT/SIGTERM before any thread starts; main waits for them.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);

  // Shared, reference-counted responses built once (no per-request alloc).
  g_ok = MHD_create_response_from_buffer(sizeof(kBody) - 1, (void*)kBody,
                                         MHD_RESPMEM_PERSISTENT);
  MHD_add_response_header(g_ok, MHD_HTTP_HEADER_CONTENT_TYPE,
                          "application/json");
  static const char kNotFound[] = "{\"error\":\"not found\"}";
  g_404 = MHD_create_response_from_buffer(sizeof(kNotFound) - 1,
                                          (void*)kNotFound,
                                          MHD_RESPMEM_PERSISTENT);
  MHD_add_response_header(g_404, MHD_HTTP_HEADER_CONTENT_TYPE,
                          "application/json");

  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

  MHD_Daemon* d = MHD_start_daemon(
      MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_TURBO | MHD_USE_ERROR_LOG,
      static_cast<uint16_t>(port), nullptr, nullptr, &on_request, nullptr,
      MHD_OPTION_SOCK_ADDR, &addr,
      MHD_OPTION_THREAD_POOL_SIZE, 2u,
      MHD_OPTION_END);
  if (d == nullptr) {
    std::fprintf(stderr, "MHD_start_daemon failed\n");
    return 1;
  }
  std::fprintf(stderr, "mhd listening on 127.0.0.1:%d (MHD %s)\n", port,
               MHD_get_version());

  int sig = 0;
  sigwait(&sigs, &sig);
  MHD_stop_daemon(d);
  MHD_destroy_response(g_ok);
  MHD_destroy_response(g_404);
  return 0;
}
