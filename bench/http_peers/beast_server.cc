// Boost.Beast (Debian 12: Boost 1.74) peer for the `storyline serve` HTTP
// library bake-off.
// GET /api/stories/1 -> fixed 2048-byte JSON, keep-alive, 127.0.0.1:argv[1].
// One asio::io_context run on 2 threads; each connection is an async session
// on its own strand (no thread per connection). Idle timeout per read: 60 s.
// Build: g++ -O2 -std=c++20 beast_server.cc -pthread   (header-only)
#include <utility>  // Boost 1.74 asio/awaitable.hpp uses std::exchange without it (g++ 12, C++20)

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

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

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket&& s) : stream_(std::move(s)) {}

  void start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::do_read,
                                             shared_from_this()));
  }

 private:
  using Response = http::response<http::span_body<const char>>;

  void do_read() {
    req_ = {};
    stream_.expires_after(std::chrono::seconds(60));
    http::async_read(stream_, buf_, req_,
                     beast::bind_front_handler(&Session::on_read,
                                               shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return close();  // includes end_of_stream and timeout
    const bool hit = req_.method() == http::verb::get &&
                     req_.target() == "/api/stories/1";
    static const char kNotFound[] = "{\"error\":\"not found\"}";
    res_.emplace(hit ? http::status::ok : http::status::not_found,
                 req_.version());
    res_->set(http::field::content_type, "application/json");
    res_->keep_alive(req_.keep_alive());
    res_->body() = hit ? beast::span<const char>(kBody, sizeof(kBody) - 1)
                       : beast::span<const char>(kNotFound,
                                                 sizeof(kNotFound) - 1);
    res_->prepare_payload();
    http::async_write(stream_, *res_,
                      beast::bind_front_handler(&Session::on_write,
                                                shared_from_this(),
                                                res_->need_eof()));
  }

  void on_write(bool close_after, beast::error_code ec, std::size_t) {
    if (ec) return close();
    if (close_after) return close();
    res_.reset();
    do_read();
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buf_;
  http::request<http::empty_body> req_;
  std::optional<Response> res_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(asio::io_context& ioc, tcp::endpoint ep)
      : ioc_(ioc), acceptor_(asio::make_strand(ioc)) {
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  }
  void run() { do_accept(); }

 private:
  void do_accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           beast::bind_front_handler(&Listener::on_accept,
                                                     shared_from_this()));
  }
  void on_accept(beast::error_code ec, tcp::socket s) {
    if (!ec) {
      s.set_option(tcp::no_delay(true), ec);
      std::make_shared<Session>(std::move(s))->start();
    }
    do_accept();
  }

  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
};

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  constexpr int kThreads = 2;
  asio::io_context ioc{kThreads};
  std::make_shared<Listener>(
      ioc, tcp::endpoint{asio::ip::make_address("127.0.0.1"), port})
      ->run();

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) { ioc.stop(); });

  std::fprintf(stderr, "beast (boost %d) listening on 127.0.0.1:%d, %d threads\n",
               BOOST_VERSION, port, kThreads);
  std::vector<std::thread> pool;
  for (int i = 1; i < kThreads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}
