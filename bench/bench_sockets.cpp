#include "bench_sockets.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace antre::bench {
namespace {

// A blocking loopback connection with send/receive timeouts; -1 if it failed.
int Connect(int port, int timeout_ms) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool Send(int fd, const std::string& bytes) {
  return ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT) == static_cast<ssize_t>(bytes.size());
}

// True if the peer closed (or reset) the connection; does not wait.
bool IsClosed(int fd) {
  pollfd p{fd, POLLIN | POLLRDHUP, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  if (p.revents & (POLLHUP | POLLERR | POLLRDHUP)) return true;
  char c;
  return ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
}

}  // namespace

long RaiseFdLimit(long n) {
  rlimit r{};
  getrlimit(RLIMIT_NOFILE, &r);
  if (r.rlim_cur < static_cast<rlim_t>(n)) {
    r.rlim_cur = std::min<rlim_t>(r.rlim_max, static_cast<rlim_t>(n));
    setrlimit(RLIMIT_NOFILE, &r);
    getrlimit(RLIMIT_NOFILE, &r);
  }
  return static_cast<long>(r.rlim_cur);
}

std::string OfficeWithLimits(const Scratch& dir, const std::string& name, const std::map<std::string, int>& limits) {
  std::string office = ReadFile(TestOffice());
  const std::string open = "\"limits\": {";
  size_t at = office.find(open);
  if (at == std::string::npos) throw std::runtime_error("the test office has no limits object");
  for (const auto& [key, value] : limits) {
    // Edited as text, as cmake/test_office.cmake does: replace "key": N, or add it first.
    const std::string needle = "\"" + key + "\": ";
    size_t k = office.find(needle, at);
    if (k != std::string::npos && k < office.find('}', at)) {
      size_t end = office.find_first_not_of("0123456789", k + needle.size());
      office.replace(k, end - k, needle + std::to_string(value));
    } else {
      office.insert(at + open.size(), "\n    " + needle + std::to_string(value) + ",");
    }
  }
  std::string path = dir.File(name);
  if (!WriteFile(path, office)) throw std::runtime_error("cannot write " + path);
  return path;
}

std::unique_ptr<Server> StartWithLimits(const Scratch& dir, const std::string& db,
                                        const std::vector<std::map<std::string, int>>& configs, size_t* used) {
  std::string refusals;
  for (size_t i = 0; i < configs.size(); ++i) {
    const std::string n = std::to_string(i);
    try {
      auto server = std::make_unique<Server>(
          db + "-" + n, std::vector<std::string>{"--config", OfficeWithLimits(dir, "office-" + n + ".json", configs[i])});
      *used = i;
      return server;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "antre-bench: config %zu refused, trying the next: %s\n", i, e.what());
      refusals += std::string(e.what()).substr(0, 160) + "; ";
    }
  }
  throw std::runtime_error("the server refused every config: " + refusals);
}

// ---- idle connections ----------------------------------------------------------------------

IdleConnections::IdleConnections(int port, int n, int budget_ms) {
  const std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const auto deadline = Clock::now() + std::chrono::milliseconds(budget_ms);
  int answered = 0;
  std::string why;
  for (int i = 0; i < n && Clock::now() < deadline; ++i) {
    int fd = Connect(port, 5000);
    if (fd < 0) {
      why = "connect failed";
      break;
    }
    fds_.push_back(fd);
    char buf[1024];
    ssize_t got = Send(fd, request) ? ::recv(fd, buf, sizeof buf, 0) : -1;
    if (got >= 12 && std::string(buf, 12) == "HTTP/1.1 200") {
      ++answered;
    } else {
      why = got <= 0 ? "no answer" : std::string(buf, static_cast<size_t>(std::min<ssize_t>(got, 40)));
      break;
    }
  }
  if (answered < n) {
    for (int fd : fds_) ::close(fd);
    throw std::runtime_error("only " + std::to_string(answered) + " of " + std::to_string(n) +
                             " idle keep-alive connections were answered (" + (why.empty() ? "out of time" : why) + ")");
  }
}

IdleConnections::~IdleConnections() {
  for (int fd : fds_) ::close(fd);
}

int IdleConnections::StillOpen() const {
  int open = 0;
  for (int fd : fds_) open += IsClosed(fd) ? 0 : 1;
  return open;
}

// ---- slow headers --------------------------------------------------------------------------

namespace {

// A slowloris connection that has sent its request line; -1 if it could not connect.
int OpenSlow(int port) {
  int fd = Connect(port, 1000);
  if (fd >= 0 && !Send(fd, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")) {
    ::close(fd);
    fd = -1;
  }
  return fd;
}

}  // namespace

struct SlowHeaders::State {
  std::atomic<bool> stop{false};
  std::thread thread;
};

SlowHeaders::SlowHeaders(int port, int n, int period_ms) : state_(std::make_unique<State>()) {
  std::vector<int> fds(static_cast<size_t>(n), -1);
  for (auto& fd : fds) fd = OpenSlow(port);
  open_ = static_cast<int>(std::count_if(fds.begin(), fds.end(), [](int fd) { return fd >= 0; }));
  // One thread walks the attackers in slices, so each gets a line every period_ms and the
  // lines are spread evenly over the period.
  state_->thread = std::thread([this, fds, port, period_ms]() mutable {
    auto reopen = [port](int& fd) {
      if (fd >= 0) ::close(fd);
      fd = OpenSlow(port);
    };
    constexpr int kSlices = 100;
    size_t next = 0;
    const size_t per_slice = std::max<size_t>(1, fds.size() / kSlices);
    int line = 0;
    while (!state_->stop) {
      for (size_t k = 0; k < per_slice; ++k, ++next) {
        int& fd = fds[next % fds.size()];
        if (fd < 0 || IsClosed(fd)) {
          if (fd >= 0) ++closed_;
          reopen(fd);
        } else if (!Send(fd, "X-Slow-" + std::to_string(line++ % 1000) + ": 1\r\n")) {
          ++closed_;
          reopen(fd);
        }
      }
      int open = 0;
      for (int fd : fds) open += fd >= 0 ? 1 : 0;
      open_ = open;
      std::this_thread::sleep_for(std::chrono::milliseconds(std::max(1, period_ms / kSlices)));
    }
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  });
}

SlowHeaders::~SlowHeaders() {
  state_->stop = true;
  if (state_->thread.joinable()) state_->thread.join();
}

}  // namespace antre::bench
