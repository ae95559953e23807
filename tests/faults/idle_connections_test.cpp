// Fault: many idle keep-alive connections. 2,000 clients that made one request and keep their
// connection open cost the server no thread each: it stays under 100 MB and a health check
// from someone else stays fast while they are held.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include "../support/server_process.h"
#include "../support/temp_dir.h"
#include "fault_support.h"

using namespace antre;
using namespace antre::faults;

TEST_CASE("Faults: 2,000 idle keep-alive connections keep the server small and health fast") {
  constexpr int kIdle = 2000;
  REQUIRE(RaiseFdLimit(kIdle + 500) >= kIdle + 200);
  TempDir dir;
  ServerProcess server(dir.File("idle.db"),
                       {"--demo", "--config",
                        OfficeWithLimits(dir, "office.json",
                                         {{"max_connections_per_address", kIdle + 100}, {"keep_alive_seconds", 60}})});
  const std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  std::vector<int> idle;
  int answered = 0;
  for (int i = 0; i < kIdle; ++i) {
    int fd = ConnectLoopback(server.port(), 2000);
    if (fd < 0) break;
    idle.push_back(fd);
    char buf[1024];
    ssize_t n = SendAll(fd, request) ? ::recv(fd, buf, sizeof buf, 0) : -1;
    if (n >= 12 && std::string(buf, 12) == "HTTP/1.1 200") ++answered;
  }
  CHECK(idle.size() == static_cast<size_t>(kIdle));
  CHECK(answered == kIdle);

  std::vector<long> health_ms;
  int failed = 0;
  for (int i = 0; i < 40; ++i) {
    long ms = TimedHealth(server.port());
    if (ms < 0) ++failed;
    else health_ms.push_back(ms);
    CHECK_MESSAGE((ms >= 0 && ms < 500), "GET /api/v1/health took ", ms, " ms (-1: failed)");
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  CHECK(failed == 0);
  CHECK(Median(&health_ms) < 50);
  const double rss = RssMiB(server.pid());
#ifdef __SANITIZE_ADDRESS__
  const double kMaxRss = 1024;  // AddressSanitizer's shadow memory and quarantine, not ours
#else
  const double kMaxRss = 100;
#endif
  CHECK_MESSAGE((rss > 0 && rss < kMaxRss), "server RSS ", rss, " MiB with ", kIdle, " idle connections");

  // They were held, not dropped: none has been closed by the server.
  int closed = 0;
  for (int fd : idle) closed += IsClosedByPeer(fd) ? 1 : 0;
  CHECK(closed == 0);
  for (int fd : idle) ::close(fd);
}
