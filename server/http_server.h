// The HTTP/1.1 transport of `storyline serve`: libmicrohttpd event loops (epoll, one per
// thread, each holding any number of idle keep-alive connections) carry requests to an Api
// (server/api.h). Cheap reads are answered on the loop's thread; slow reads (Api::IsSlowRead) go
// to a pool of worker threads and writes to one writer thread, their connection suspended
// meanwhile, so neither a long ingest nor a search over a common word holds up the cheap
// requests of the connections sharing a loop.
// docs/dependencies.md says why libmicrohttpd, with the measurements.
//
// Limits, each a named option: request body (413), request line and headers (431), idle or
// slow connections (closed after timeout_seconds), concurrent connections.
//
// Thread-safety: Start and Stop from one thread; the server runs on its own threads.

#ifndef STORYLINE_SERVER_HTTP_SERVER_H_
#define STORYLINE_SERVER_HTTP_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "server/api.h"
#include "storyline/status.h"

namespace storyline::server {

struct HttpOptions {
  // Where to listen. Loopback by default; any other address needs Api write protection (the
  // caller checks: a write token is required to bind beyond loopback).
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (HttpServer::port() tells which)
  // Event-loop threads, and as many slow-read workers (0: the number of cores, at least 2).
  int threads = 0;
  // Largest request body; larger is refused with 413 before it is read.
  size_t max_body_bytes = 32u << 20;
  // Memory for one connection's request line and headers; larger is refused with 431.
  size_t max_header_bytes = 32u << 10;
  // A connection idle (or trickling) this long is closed.
  unsigned timeout_seconds = 30;
  // Connections held at once; more wait in the listen backlog.
  unsigned max_connections = 4096;
  unsigned listen_backlog = 1024;
  // The nice value the slow-read workers run at (0..19 above the server's): under load the
  // scheduler then favours the event loops' cheap reads and the writer over searches, so a
  // burst of searches queues rather than slowing every page and the ingest.
  int slow_read_niceness = 5;
  // Where the transport reports what it cannot answer (a failed accept, a broken client).
  std::function<void(std::string_view)> log;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(std::string_view host);

class HttpServer {
 public:
  // Listens on options.host:options.port and serves `api` (not owned; it must outlive the
  // server). Errors: InvalidArgument for an address that does not parse; IOError when the port
  // cannot be bound.
  static Result<std::unique_ptr<HttpServer>> Start(Api* api, const HttpOptions& options);
  ~HttpServer();  // Stops.
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  uint16_t port() const;
  // Stops accepting, finishes the writes in flight, closes every connection.
  void Stop();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace storyline::server

#endif  // STORYLINE_SERVER_HTTP_SERVER_H_
