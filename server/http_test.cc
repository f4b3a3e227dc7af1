// The HTTP transport over real loopback sockets: keep-alive, HEAD, limits (413, 431), writes
// through the writer thread, security headers, and a clean stop.

#include "server/http_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

namespace storyline::server {
namespace {

namespace fs = std::filesystem;

class Client {
 public:
  explicit Client(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return connected_; }
  void Send(const std::string& s) {
    for (size_t at = 0; at < s.size();) {
      const ssize_t n = ::send(fd_, s.data() + at, s.size() - at, MSG_NOSIGNAL);
      if (n <= 0) return;
      at += static_cast<size_t>(n);
    }
  }
  // One response: its head and, by Content-Length, its body (none for HEAD).
  std::string Receive(bool head_only = false) {
    for (;;) {
      const size_t end = buf_.find("\r\n\r\n");
      if (end != std::string::npos) {
        size_t length = 0;
        const size_t cl = Lower(buf_.substr(0, end)).find("content-length: ");
        if (cl != std::string::npos && !head_only) length = std::stoul(buf_.substr(cl + 16));
        if (buf_.size() >= end + 4 + length) {
          std::string out = buf_.substr(0, end + 4 + length);
          buf_.erase(0, end + 4 + length);
          return out;
        }
      }
      char chunk[65536];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) {
        std::string out = buf_;
        buf_.clear();
        return out;
      }
      buf_.append(chunk, static_cast<size_t>(n));
    }
  }

 private:
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

class HttpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("storyline_http_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ApiOptions o;
    o.db = (dir_ / "news.db").string();
    auto api = Api::Open(o);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(*api);
    HttpOptions h;
    h.port = 0;
    h.threads = 2;
    h.max_body_bytes = 1 << 20;
    h.max_header_bytes = 8 << 10;
    auto server = HttpServer::Start(api_.get(), h);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }
  void TearDown() override {
    server_.reset();
    api_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<HttpServer> server_;
};

TEST_F(HttpTest, KeepAliveServesManyRequestsOnOneConnection) {
  Client c(server_->port());
  ASSERT_TRUE(c.connected());
  for (int k = 0; k < 3; ++k) {
    c.Send("GET /api/status HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::string r = c.Receive();
    ASSERT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << r;
    EXPECT_NE(r.find("\"articles\":0"), std::string::npos);
    EXPECT_NE(r.find("Content-Security-Policy: default-src 'none'"), std::string::npos);
    EXPECT_NE(r.find("X-Content-Type-Options: nosniff"), std::string::npos);
    EXPECT_EQ(r.find("Connection: close"), std::string::npos);
  }
  c.Send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
  const std::string head = c.Receive(/*head_only=*/true);
  EXPECT_EQ(head.rfind("HTTP/1.1 200", 0), 0u) << head;
  EXPECT_NE(head.find("text/html"), std::string::npos);
}

TEST_F(HttpTest, WritesGoThroughTheWriterThread) {
  const std::string body =
      R"({"id":"h1","source":"Wire","title":"Harbor opens","date":"2026-04-01T10:00:00Z",)"
      R"("text":"The new harbor in Port Ellis opened on Wednesday after three years of work."})";
  Client c(server_->port());
  c.Send("POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\n"
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  const std::string r = c.Receive();
  ASSERT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << r;
  EXPECT_NE(r.find("\"id\":\"h1\""), std::string::npos);
  c.Send("GET /api/articles/h1 HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Receive().rfind("HTTP/1.1 200", 0), 0u);
}

TEST_F(HttpTest, OversizedBodiesAndHeadersAreRefused) {
  {
    Client c(server_->port());
    c.Send("POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n");
    const std::string r = c.Receive();
    EXPECT_EQ(r.rfind("HTTP/1.1 413", 0), 0u) << r;
    EXPECT_NE(r.find("{\"error\":"), std::string::npos);
  }
  {
    // A chunked body that grows past the limit.
    Client c(server_->port());
    std::string req = "POST /api/articles HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string chunk(1 << 16, 'x');
    for (int k = 0; k < 20; ++k) req += "10000\r\n" + chunk + "\r\n";
    req += "0\r\n\r\n";
    c.Send(req);
    EXPECT_EQ(c.Receive().rfind("HTTP/1.1 413", 0), 0u);
  }
  {
    Client c(server_->port());
    c.Send("GET /api/status HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 << 10, 'a') +
           "\r\n\r\n");
    const std::string r = c.Receive();
    EXPECT_TRUE(r.rfind("HTTP/1.1 431", 0) == 0 || r.rfind("HTTP/1.1 414", 0) == 0) << r.substr(0, 80);
  }
  // The server still answers.
  Client c(server_->port());
  c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Receive().rfind("HTTP/1.1 200", 0), 0u);
}

// Review findings: a slow read with a chunked body was handed to two workers at once (a crash),
// and a read whose body came after its head got no answer at all.
TEST_F(HttpTest, ReadsWithBodiesAreAnsweredOnce) {
  {
    Client c(server_->port());
    c.Send("GET /api/search?q=river HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int k = 0; k < 50; ++k) {
      c.Send("1\r\nx\r\n");
      ::usleep(1000);
    }
    c.Send("0\r\n\r\n");
    const std::string r = c.Receive();
    EXPECT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << r.substr(0, 80);
  }
  {
    Client c(server_->port());
    c.Send("PUT /api/stories HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n");
    ::usleep(50000);
    c.Send("hello");
    const std::string r = c.Receive();
    EXPECT_EQ(r.rfind("HTTP/1.1 405", 0), 0u) << r.substr(0, 80);
  }
  Client c(server_->port());
  c.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(c.Receive().rfind("HTTP/1.1 200", 0), 0u);
}

// Review finding: Stop() closed connections whose write had committed before the answer left.
TEST_F(HttpTest, StopSendsTheAnswersOfWritesInFlight) {
  std::string body;
  for (int k = 0; k < 300; ++k) {
    body += R"({"id":"s)" + std::to_string(k) + R"(","source":"Wire )" + std::to_string(k % 7) +
            R"(","text":"Report number )" + std::to_string(k) +
            R"( on the harbor works in Port Ellis, where crews poured concrete on Tuesday."})" "\n";
  }
  Client c(server_->port());
  c.Send("POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body);
  ::usleep(100000);
  server_->Stop();
  const std::string r = c.Receive();
  EXPECT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << r.substr(0, 80);
  EXPECT_NE(r.find("\"added\":300"), std::string::npos);
  // The port is closed: a new connection is refused.
  Client late(server_->port());
  EXPECT_FALSE(late.connected());
}

TEST(IsLoopback, OnlyLoopbackAddresses) {
  EXPECT_TRUE(IsLoopback("127.0.0.1"));
  EXPECT_TRUE(IsLoopback("127.1.2.3"));
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("localhost"));
  EXPECT_FALSE(IsLoopback("0.0.0.0"));
  EXPECT_FALSE(IsLoopback("192.168.1.4"));
  EXPECT_FALSE(IsLoopback("::"));
}

}  // namespace
}  // namespace storyline::server
