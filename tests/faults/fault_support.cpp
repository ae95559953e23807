#include "fault_support.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace antre::faults {

int ConnectLoopback(int port, int recv_timeout_ms) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{recv_timeout_ms / 1000, (recv_timeout_ms % 1000) * 1000};
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

bool SendAll(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

bool IsClosedByPeer(int fd) {
  pollfd p{fd, POLLIN | POLLRDHUP, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  if (p.revents & (POLLHUP | POLLERR | POLLRDHUP)) return true;
  // Readable: either an answer (then the server has not closed yet) or EOF.
  char c;
  return ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) <= 0;
}

std::string RoundTrip(int port, const std::string& request, size_t max_bytes) {
  int fd = ConnectLoopback(port, 5000);
  if (fd < 0) return "";
  std::string got;
  if (SendAll(fd, request)) {
    char buf[16384];
    ssize_t n;
    while (got.size() < max_bytes && (n = ::recv(fd, buf, sizeof buf, 0)) > 0) got.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return got;
}

std::string OfficeWithLimits(const TempDir& dir, const std::string& name, const std::map<std::string, int>& limits) {
  std::ifstream in(ANTRE_TEST_OFFICE);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string office = ss.str();
  const std::string open = "\"limits\": {";
  size_t at = office.find(open);
  REQUIRE_MESSAGE(at != std::string::npos, "the test office has no limits object");
  for (const auto& [key, value] : limits) {
    // The office is edited as text (as cmake/test_office.cmake does): replace "key": N if the
    // limits object has it, else add it first.
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
  std::ofstream out(path);
  out << office;
  REQUIRE_MESSAGE(static_cast<bool>(out), "cannot write ", path);
  return path;
}

double RssMiB(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return -1;
}

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

long TimedHealth(int port) {
  auto start = std::chrono::steady_clock::now();
  std::string answer = RoundTrip(port, "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  return answer.rfind("HTTP/1.1 200", 0) == 0 ? static_cast<long>(ms) : -1;
}

int IssueTicket(int port) {
  const std::string body = "{\"service\":\"rekam\"}";
  std::string answer = RoundTrip(port,
                                 "POST /api/v1/sites/serang/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                 "Authorization: Bearer demo-kiosk-token\r\nContent-Type: application/json\r\n"
                                 "Content-Length: " +
                                     std::to_string(body.size()) + "\r\n\r\n" + body);
  if (answer.rfind("HTTP/1.1 ", 0) != 0) return -1;
  return std::atoi(answer.c_str() + 9);
}

bool ExitsWithin(pid_t pid, int ms, bool* exited_cleanly) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  do {
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) {
      *exited_cleanly = info.si_code == CLD_EXITED && info.si_status == 0;
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  } while (std::chrono::steady_clock::now() < deadline);
  *exited_cleanly = false;
  return false;
}

long Median(std::vector<long>* v) {
  if (v->empty()) return 0;
  std::sort(v->begin(), v->end());
  return (*v)[v->size() / 2];
}

}  // namespace antre::faults
