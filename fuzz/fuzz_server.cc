// Any bytes as an HTTP request to the API router (server/api.h) over a small store: the first
// line is "METHOD PATH[?QUERY]", the second the Authorization header, the rest the body. Never a
// crash; every answer has a status in 200..599, a JSON error body for 4xx/5xx, and UTF-8 text.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "server/api.h"
#include "storyline/text.h"

namespace {

storyline::server::Api* TheApi() {
  static storyline::server::Api* api = [] {
    const std::string dir = std::filesystem::temp_directory_path().string() + "/fuzz_server_" +
                            std::to_string(::getpid());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    storyline::server::ApiOptions o;
    o.db = dir + "/news.db";
    o.write_token = "t";
    o.max_post_records = 50;
    auto opened = storyline::server::Api::Open(o);
    if (!opened.ok()) std::abort();
    storyline::server::Request seed;
    seed.method = "POST";
    seed.path = "/api/articles";
    seed.authorization = "Bearer t";
    seed.body =
        R"({"id":"a1","source":"Wire","date":"2026-03-01T10:00:00Z","title":"Dam opens",)"
        R"("text":"The new dam on the Marlow River opened on Monday after six years of work."})"
        "\n"
        R"({"id":"a2","source":"Daily","date":"2026-03-01T12:00:00Z","title":"Dam opens",)"
        R"("text":"The new dam on the Marlow River opened on Monday after six years of work, )"
        R"(officials said."})";
    (void)(*opened)->Handle(seed);
    return opened->release();
  }();
  return api;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const size_t l1 = in.find('\n');
  const std::string_view line = in.substr(0, l1);
  std::string_view rest = l1 == std::string_view::npos ? std::string_view() : in.substr(l1 + 1);
  const size_t l2 = rest.find('\n');
  storyline::server::Request r;
  r.authorization = std::string(rest.substr(0, l2));
  r.body = l2 == std::string_view::npos ? std::string() : std::string(rest.substr(l2 + 1));
  const size_t space = line.find(' ');
  r.method = std::string(line.substr(0, space));
  const std::string_view target = space == std::string_view::npos ? "" : line.substr(space + 1);
  const size_t q = target.find('?');
  r.path = std::string(target.substr(0, q));
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
      const size_t amp = query.find('&');
      const std::string_view kv = query.substr(0, amp);
      const size_t eq = kv.find('=');
      r.query.emplace_back(std::string(kv.substr(0, eq)),
                           eq == std::string_view::npos ? "" : std::string(kv.substr(eq + 1)));
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  const storyline::server::Response res = TheApi()->Handle(r);
  if (res.status < 200 || res.status > 599) std::abort();
  if (res.status >= 400 && res.body.rfind("{\"error\":", 0) != 0) std::abort();
  if (res.content_type.rfind("application/json", 0) == 0 && !storyline::IsValidUtf8(res.body)) {
    std::abort();
  }
  return 0;
}
