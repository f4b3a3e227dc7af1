// A closed-loop HTTP/1.1 load client for bench/serve_load.py: C keep-alive connections, each
// sending GETs back to back for D seconds, paths taken in turn from a file, latency recorded per
// class of path. wrk gives one latency distribution per run; this gives one per class, so a
// mix's story pages and searches are seen apart.
//
//   http_load PORT CONNECTIONS SECONDS PATHS_FILE
//
// PATHS_FILE: one "CLASS PATH" per line. Prints one JSON object: {"seconds", "classes":
// {CLASS: {"requests", "rps", "p50_ms", "p90_ms", "p99_ms", "max_ms", "errors"}}, "errors",
// "connect_errors"}. An error is a non-2xx/304 status, a broken connection or no answer within
// 10 s. Two threads (the machine's load generator shares its cores with the server).

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Path {
  int cls;
  std::string request;
};

struct Stats {
  std::vector<std::vector<uint32_t>> micros;  // per class
  std::vector<uint64_t> errors;
  uint64_t connect_errors = 0;
};

struct Conn {
  int fd = -1;
  size_t next = 0;  // index of the next path
  int cls = 0;
  Clock::time_point sent;
  std::string in;
  bool busy = false;
};

int Connect(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 && errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// The length of the first whole response in `in` and its status, or 0 when it is incomplete.
size_t ResponseLength(const std::string& in, int* status) {
  const size_t end = in.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  *status = in.size() > 12 ? std::atoi(in.c_str() + 9) : 0;
  size_t length = 0;
  for (size_t at = in.find("\r\n"); at < end; at = in.find("\r\n", at + 2)) {
    if (strncasecmp(in.c_str() + at + 2, "content-length:", 15) == 0) {
      length = std::strtoull(in.c_str() + at + 17, nullptr, 10);
    }
  }
  return in.size() >= end + 4 + length ? end + 4 + length : 0;
}

void Run(uint16_t port, int connections, double seconds, const std::vector<Path>& paths,
         size_t offset, size_t classes, Stats* stats) {
  stats->micros.assign(classes, {});
  stats->errors.assign(classes, 0);
  const int ep = ::epoll_create1(0);
  std::vector<Conn> conns(static_cast<size_t>(connections));
  auto send_next = [&](Conn& c) {
    const Path& p = paths[c.next % paths.size()];
    c.next += 7919;  // a prime stride: connections walk the list in different orders
    c.cls = p.cls;
    c.sent = Clock::now();
    c.busy = true;
    // Small requests: one send suffices on a fresh socket buffer.
    if (::send(c.fd, p.request.data(), p.request.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(p.request.size())) {
      c.busy = false;
      ++stats->errors[static_cast<size_t>(c.cls)];
    }
  };
  auto open = [&](size_t k) {
    Conn& c = conns[k];
    c.fd = Connect(port);
    c.in.clear();
    c.busy = false;
    if (c.fd < 0) {
      ++stats->connect_errors;
      return false;
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLET;
    ev.data.u64 = k;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, c.fd, &ev);
    return true;
  };
  for (size_t k = 0; k < conns.size(); ++k) {
    conns[k].next = offset + k * 131;
    open(k);
  }
  const auto stop = Clock::now() + std::chrono::duration<double>(seconds);
  std::vector<epoll_event> events(1024);
  char buf[1 << 16];
  while (Clock::now() < stop) {
    const int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), 100);
    const auto now = Clock::now();
    for (int e = 0; e < n; ++e) {
      Conn& c = conns[events[static_cast<size_t>(e)].data.u64];
      const size_t k = events[static_cast<size_t>(e)].data.u64;
      bool broken = (events[static_cast<size_t>(e)].events & (EPOLLERR | EPOLLHUP)) != 0;
      for (;;) {
        const ssize_t got = ::recv(c.fd, buf, sizeof buf, 0);
        if (got > 0) {
          c.in.append(buf, static_cast<size_t>(got));
          continue;
        }
        if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) broken = true;
        break;
      }
      int status = 0;
      size_t len;
      while (c.busy && (len = ResponseLength(c.in, &status)) > 0) {
        const auto us = std::chrono::duration_cast<std::chrono::microseconds>(now - c.sent).count();
        if (status >= 200 && status < 400) {
          stats->micros[static_cast<size_t>(c.cls)].push_back(static_cast<uint32_t>(us));
        } else {
          ++stats->errors[static_cast<size_t>(c.cls)];
        }
        c.in.erase(0, len);
        c.busy = false;
      }
      if (broken) {
        if (c.busy) ++stats->errors[static_cast<size_t>(c.cls)];
        ::epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        if (!open(k)) continue;
      }
      if (!c.busy && now < stop) send_next(c);
    }
    // No answer in 10 s: an error, and a new connection.
    for (size_t k = 0; k < conns.size(); ++k) {
      Conn& c = conns[k];
      if (c.busy && now - c.sent > std::chrono::seconds(10)) {
        ++stats->errors[static_cast<size_t>(c.cls)];
        ::epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        if (open(k)) send_next(conns[k]);
      }
    }
  }
  for (Conn& c : conns) {
    if (c.fd >= 0) ::close(c.fd);
  }
  ::close(ep);
}

double Percentile(std::vector<uint32_t>& v, double q) {
  if (v.empty()) return 0;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k] / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: http_load PORT CONNECTIONS SECONDS PATHS_FILE\n");
    return 2;
  }
  const auto port = static_cast<uint16_t>(std::atoi(argv[1]));
  const int connections = std::atoi(argv[2]);
  const double seconds = std::atof(argv[3]);
  std::ifstream in(argv[4]);
  std::vector<Path> paths;
  std::vector<std::string> names;
  std::map<std::string, int> class_of;
  for (std::string line; std::getline(in, line);) {
    const size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    const std::string cls = line.substr(0, space);
    if (!class_of.count(cls)) {
      class_of[cls] = static_cast<int>(names.size());
      names.push_back(cls);
    }
    paths.push_back({class_of[cls], "GET " + line.substr(space + 1) +
                                        " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"});
  }
  if (paths.empty() || connections < 2) {
    std::fprintf(stderr, "http_load: no paths, or fewer than 2 connections\n");
    return 2;
  }
  constexpr int kThreads = 2;
  std::vector<Stats> stats(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Run(port, connections / kThreads + (t < connections % kThreads), seconds, paths,
          static_cast<size_t>(t) * 104729, names.size(), &stats[static_cast<size_t>(t)]);
    });
  }
  for (std::thread& t : threads) t.join();
  uint64_t errors = 0, connect_errors = 0;
  std::string out = "{\"seconds\": " + std::to_string(seconds) + ", \"classes\": {";
  for (size_t c = 0; c < names.size(); ++c) {
    std::vector<uint32_t> all;
    uint64_t e = 0;
    for (Stats& s : stats) {
      all.insert(all.end(), s.micros[c].begin(), s.micros[c].end());
      e += s.errors[c];
    }
    errors += e;
    char line[512];
    const double max = all.empty() ? 0 : *std::max_element(all.begin(), all.end()) / 1000.0;
    std::snprintf(line, sizeof line,
                  "%s\"%s\": {\"requests\": %zu, \"rps\": %.1f, \"p50_ms\": %.3f, \"p90_ms\": "
                  "%.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f, \"errors\": %llu}",
                  c ? ", " : "", names[c].c_str(), all.size(), all.size() / seconds,
                  Percentile(all, 0.5), Percentile(all, 0.9), Percentile(all, 0.99), max,
                  static_cast<unsigned long long>(e));
    out += line;
  }
  for (Stats& s : stats) connect_errors += s.connect_errors;
  out += "}, \"errors\": " + std::to_string(errors) +
         ", \"connect_errors\": " + std::to_string(connect_errors) + "}";
  std::printf("%s\n", out.c_str());
  return 0;
}
