// Fault: stopping. SIGTERM makes the server exit within 1 s, even right after it printed
// "listening on" (before its accept loop may have started), and even with idle, half-sent and
// streaming connections open: none of them may hold the exit up.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "../support/server_process.h"
#include "../support/temp_dir.h"
#include "fault_support.h"

using namespace antre;
using namespace antre::faults;

namespace {

// Sends SIGTERM and checks a clean exit within 1 s.
void CheckStopsWithin1s(ServerProcess& server) {
  const auto start = std::chrono::steady_clock::now();
  REQUIRE(::kill(server.pid(), SIGTERM) == 0);
  bool is_clean = false;
  const bool has_exited = ExitsWithin(server.pid(), 1000, &is_clean);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  CHECK_MESSAGE(has_exited, "still running ", ms, " ms after SIGTERM\n", server.Log());
  CHECK_MESSAGE(is_clean, "exit was not clean\n", server.Log());
}

}  // namespace

TEST_CASE("Faults: SIGTERM right after \"listening on\" stops the server within 1 s") {
  TempDir dir;
  // Several times: the window between the line and the accept loop is short.
  for (int round = 0; round < 5; ++round) {
    CAPTURE(round);
    ServerProcess server(dir.File("stop" + std::to_string(round) + ".db"));
    CheckStopsWithin1s(server);
  }
}

TEST_CASE("Faults: SIGTERM with idle, half-sent and streaming connections stops within 1 s") {
  TempDir dir;
  ServerProcess server(dir.File("stop-busy.db"));
  std::vector<int> fds;
  auto open = [&](const std::string& bytes) {
    int fd = ConnectLoopback(server.port(), 3000);
    REQUIRE(fd >= 0);
    if (!bytes.empty()) REQUIRE(SendAll(fd, bytes));
    fds.push_back(fd);
    return fd;
  };
  for (int i = 0; i < 20; ++i) open("");                                                        // idle, nothing sent
  for (int i = 0; i < 20; ++i) open("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half");  // half a head
  for (int i = 0; i < 20; ++i) {
    open("POST /api/v1/sites/serang/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
         "demo-kiosk-token\r\nContent-Length: 100\r\n\r\n{\"serv");  // half a body
  }
  for (int i = 0; i < 20; ++i) {  // kept alive after an answer
    int fd = open("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    char buf[512];
    REQUIRE(::recv(fd, buf, sizeof buf, 0) > 0);
  }
  for (int i = 0; i < 10; ++i) {
    int fd = open("GET /api/v1/sites/serang/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
    char buf[512];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    REQUIRE(n > 12);
    REQUIRE(std::string(buf, 12) == "HTTP/1.1 200");
  }
  CheckStopsWithin1s(server);
  for (int fd : fds) ::close(fd);
}
