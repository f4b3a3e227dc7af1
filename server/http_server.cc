#include "server/http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace storyline::server {
namespace {

// Headers every response carries: the web app's Content-Security-Policy (no inline script or
// style, nothing from elsewhere) and the usual hardening.
constexpr const char* kCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// What the server keeps for one request between the handler's calls.
struct Call {
  Request request;
  bool write = false;
  bool too_large = false;
  bool deferred = false;  // handed to a worker: never again, whatever the client sends
  size_t body_bytes = 0;
  std::optional<Response> response;  // set by a worker before it resumes the connection
  MHD_Connection* connection = nullptr;
};

}  // namespace

bool IsLoopback(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr a4;
  const std::string h(host);
  if (inet_pton(AF_INET, h.c_str(), &a4) == 1) return (ntohl(a4.s_addr) >> 24) == 127;
  return false;
}

struct HttpServer::Impl {
  Api* api = nullptr;
  HttpOptions options;
  MHD_Daemon* daemon = nullptr;
  uint16_t port = 0;
  // Requests answered off the event loops (their connection suspended meanwhile): writes one
  // at a time on one thread, slow reads on a pool.
  struct Queue {
    std::deque<Call*> calls;
    std::condition_variable cv;
    std::vector<std::thread> threads;
    size_t limit = 0;
  };
  std::mutex mu;
  Queue writes, slow_reads;
  bool stopping = false;
  // Deferred calls whose request has not completed (answer sent, or the client gone).
  size_t in_flight = 0;
  std::condition_variable drained;

  void Worker(Queue* q, int niceness) {
    // Per thread on Linux: only this worker yields.
    if (niceness > 0) (void)setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), niceness);
    for (;;) {
      Call* call = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu);
        q->cv.wait(lock, [&] { return stopping || !q->calls.empty(); });
        if (q->calls.empty()) return;  // stopping, nothing left
        call = q->calls.front();
        q->calls.pop_front();
      }
      call->response = api->Handle(call->request);
      MHD_resume_connection(call->connection);
    }
  }

  // Hands `call` to `q`'s threads; a 503 when too many wait.
  MHD_Result Defer(Queue* q, MHD_Connection* connection, Call* call) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (stopping || q->calls.size() >= q->limit) {
        Response busy = ErrorResponse(Status::Unavailable("too many requests waiting"), 503);
        return Send(connection, busy, false);
      }
      MHD_suspend_connection(connection);
      call->deferred = true;
      ++in_flight;
      q->calls.push_back(call);
    }
    q->cv.notify_one();
    return MHD_YES;
  }

  void StopWorkers() {
    {
      std::lock_guard<std::mutex> lock(mu);
      stopping = true;
    }
    for (Queue* q : {&writes, &slow_reads}) {
      q->cv.notify_all();
      // The workers finish the queued calls (resuming their connections) before they return.
      for (std::thread& t : q->threads) {
        if (t.joinable()) t.join();
      }
    }
  }

  static MHD_Result Send(MHD_Connection* connection, const Response& r, bool head) {
    MHD_Response* response = MHD_create_response_from_buffer(
        r.body.size(), const_cast<char*>(r.body.data()), MHD_RESPMEM_MUST_COPY);
    if (response == nullptr) return MHD_NO;
    MHD_add_response_header(response, "Content-Type", r.content_type.c_str());
    MHD_add_response_header(response, "Content-Security-Policy", kCsp);
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(response, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(response, "X-Frame-Options", "DENY");
    MHD_add_response_header(response, "Cross-Origin-Resource-Policy", "same-origin");
    if (!r.etag.empty()) MHD_add_response_header(response, "ETag", r.etag.c_str());
    if (!r.cache_control.empty()) {
      MHD_add_response_header(response, "Cache-Control", r.cache_control.c_str());
    }
    if (!r.allow.empty()) MHD_add_response_header(response, "Allow", r.allow.c_str());
    if (r.retry_after > 0) {
      MHD_add_response_header(response, "Retry-After", std::to_string(r.retry_after).c_str());
    }
    (void)head;  // libmicrohttpd sends no body for HEAD
    const MHD_Result ok =
        MHD_queue_response(connection, static_cast<unsigned>(r.status), response);
    MHD_destroy_response(response);
    return ok;
  }

  static MHD_Result Collect(void* cls, MHD_ValueKind kind, const char* key, const char* value) {
    auto* call = static_cast<Call*>(cls);
    if (kind == MHD_GET_ARGUMENT_KIND) {
      call->request.query.emplace_back(key ? key : "", value ? value : "");
    } else if (kind == MHD_HEADER_KIND && key != nullptr && value != nullptr) {
      if (strcasecmp(key, "Authorization") == 0) call->request.authorization = value;
      if (strcasecmp(key, "If-None-Match") == 0) call->request.if_none_match = value;
    }
    return MHD_YES;
  }

  static MHD_Result Handler(void* cls, MHD_Connection* connection, const char* url,
                            const char* method, const char* /*version*/, const char* upload_data,
                            size_t* upload_data_size, void** con_cls) {
    Impl& m = *static_cast<Impl*>(cls);
    auto* call = static_cast<Call*>(*con_cls);
    if (call == nullptr) {
      call = new Call;
      *con_cls = call;
      call->connection = connection;
      call->request.method = method;
      call->request.path = url;
      MHD_get_connection_values(connection,
                                static_cast<MHD_ValueKind>(MHD_HEADER_KIND | MHD_GET_ARGUMENT_KIND),
                                &Collect, call);
      call->write = Api::IsWrite(call->request);
      const char* length =
          MHD_lookup_connection_value(connection, MHD_HEADER_KIND, "Content-Length");
      if (length != nullptr && std::strtoull(length, nullptr, 10) > m.options.max_body_bytes) {
        return Send(connection, TooLarge(m.options.max_body_bytes), false);
      }
      // Answered at the last call, once any body is in: libmicrohttpd 0.9.75 closes the
      // connection after a response queued at the first (no keep-alive), and cannot queue one
      // while a body is still arriving.
      return MHD_YES;
    }
    if (call->deferred) {
      // A worker has (or will have) the answer; until it resumes the connection there is none.
      return call->response ? Send(connection, *call->response, false) : MHD_YES;
    }
    if (*upload_data_size > 0) {
      // A read's body is read and dropped (HTTP gives it no meaning); a write's is kept. Both
      // count against the limit.
      if (!call->too_large) {
        call->body_bytes += *upload_data_size;
        if (call->body_bytes > m.options.max_body_bytes) {
          call->too_large = true;
          call->request.body.clear();
          call->request.body.shrink_to_fit();
        } else if (call->write) {
          call->request.body.append(upload_data, *upload_data_size);
        }
      }
      *upload_data_size = 0;
      return MHD_YES;
    }
    if (call->too_large) return Send(connection, TooLarge(m.options.max_body_bytes), false);
    if (call->write) return m.Defer(&m.writes, connection, call);
    // Cheap reads are answered on this event loop; slow ones on a worker.
    if (Api::IsSlowRead(call->request)) return m.Defer(&m.slow_reads, connection, call);
    return Send(connection, m.api->Handle(call->request), call->request.method == "HEAD");
  }

  static Response TooLarge(size_t limit) {
    return ErrorResponse(
        Status::ResourceExhausted("request body over " + std::to_string(limit) + " bytes"), 413);
  }

  static void Completed(void* cls, MHD_Connection* /*connection*/, void** con_cls,
                        MHD_RequestTerminationCode /*code*/) {
    auto* call = static_cast<Call*>(*con_cls);
    if (call != nullptr && call->deferred) {
      Impl& m = *static_cast<Impl*>(cls);
      std::lock_guard<std::mutex> lock(m.mu);
      if (--m.in_flight == 0) m.drained.notify_all();
    }
    delete call;
    *con_cls = nullptr;
  }

  // Paths and query strings reach the router as sent: it decodes them (and rejects bad escapes).
  static size_t KeepEscapes(void* /*cls*/, MHD_Connection* /*c*/, char* s) {
    return std::strlen(s);
  }

  static void Log(void* cls, const char* fmt, va_list ap) {
    Impl& m = *static_cast<Impl*>(cls);
    if (!m.options.log) return;
    char line[512];
    std::vsnprintf(line, sizeof line, fmt, ap);
    size_t n = std::strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) --n;
    m.options.log(std::string_view(line, n));
  }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

uint16_t HttpServer::port() const { return impl_->port; }

Result<std::unique_ptr<HttpServer>> HttpServer::Start(Api* api, const HttpOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->api = api;
  impl->options = options;
  std::string host = options.host == "localhost" ? "127.0.0.1" : options.host;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  sockaddr_in a4{};
  sockaddr_in6 a6{};
  sockaddr* addr = nullptr;
  unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
  if (inet_pton(AF_INET, host.c_str(), &a4.sin_addr) == 1) {
    a4.sin_family = AF_INET;
    a4.sin_port = htons(options.port);
    addr = reinterpret_cast<sockaddr*>(&a4);
  } else if (inet_pton(AF_INET6, host.c_str(), &a6.sin6_addr) == 1) {
    a6.sin6_family = AF_INET6;
    a6.sin6_port = htons(options.port);
    addr = reinterpret_cast<sockaddr*>(&a6);
    flags |= MHD_USE_IPv6;
  } else {
    return Status::InvalidArgument("--host must be an IP address or localhost: " + options.host);
  }
  unsigned threads = options.threads > 0 ? static_cast<unsigned>(options.threads)
                                         : std::max(2u, std::thread::hardware_concurrency());
  Impl* m = impl.get();
  m->writes.limit = 256;
  m->writes.threads.emplace_back([m] { m->Worker(&m->writes, 0); });
  m->slow_reads.limit = 4096;
  for (unsigned k = 0; k < threads; ++k) {
    const int nice = std::clamp(options.slow_read_niceness, 0, 19);
    m->slow_reads.threads.emplace_back([m, nice] { m->Worker(&m->slow_reads, nice); });
  }
  m->daemon = MHD_start_daemon(
      flags, options.port, nullptr, nullptr, &Impl::Handler, m, MHD_OPTION_EXTERNAL_LOGGER,
      &Impl::Log, m, MHD_OPTION_SOCK_ADDR, addr,
      MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
      options.timeout_seconds, MHD_OPTION_CONNECTION_LIMIT, options.max_connections,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, options.max_header_bytes,
      MHD_OPTION_LISTEN_BACKLOG_SIZE, options.listen_backlog, MHD_OPTION_NOTIFY_COMPLETED,
      &Impl::Completed, m, MHD_OPTION_UNESCAPE_CALLBACK, &Impl::KeepEscapes, m, MHD_OPTION_END);
  if (m->daemon == nullptr) {
    m->StopWorkers();
    return Status::IOError("cannot listen on " + options.host + ":" +
                           std::to_string(options.port) + " (in use, or not this machine's)");
  }
  const MHD_DaemonInfo* info = MHD_get_daemon_info(m->daemon, MHD_DAEMON_INFO_BIND_PORT);
  m->port = info != nullptr ? info->port : options.port;
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

void HttpServer::Stop() {
  Impl& m = *impl_;
  if (m.daemon == nullptr) return;
  // No new connections (the listening socket is ours to close once quiesced).
  const MHD_socket listener = MHD_quiesce_daemon(m.daemon);
  if (listener != MHD_INVALID_SOCKET) ::close(listener);
  m.StopWorkers();
  // The workers have answered every queued call and resumed its connection; the event loops
  // still have to send those answers: wait for them (as long as a slow client may take).
  {
    std::unique_lock<std::mutex> lock(m.mu);
    m.drained.wait_for(lock, std::chrono::seconds(m.options.timeout_seconds),
                       [&] { return m.in_flight == 0; });
  }
  MHD_stop_daemon(m.daemon);
  m.daemon = nullptr;
}

}  // namespace storyline::server
