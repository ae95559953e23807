// Fault: slowloris. 200 connections that send one header line (or one body byte) every 300 ms
// and never finish must be closed by the head (or body) deadline, and while they keep coming
// back, a health check stays fast and a kiosk can still issue tickets.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "../support/server_process.h"
#include "../support/temp_dir.h"
#include "fault_support.h"

using namespace antre;
using namespace antre::faults;

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kHeadTimeoutMs = 1000;
constexpr int kAttackers = 200;

// One misbehaving client: `opening` at connect, then `drip` every 300 ms, forever.
struct Attack {
  std::string opening;
  std::string drip;
};

struct AttackResult {
  int connections = 0;           // opened over the whole attack
  int closed = 0;                // of those, closed by the server
  long longest_lived_ms = 0;     // the longest any closed one lived
  int outlived_deadline = 0;     // still open (or closed) after `deadline_ms`
  int answered = 0;              // got any bytes back (a server may close with or without an answer)
};

// Runs `kAttackers` attackers for `attack_ms`, replacing each one the server closes, and
// checks each against `deadline_ms` from its connect.
AttackResult RunAttack(int port, const Attack& attack, int attack_ms, int deadline_ms, std::atomic<bool>* stop) {
  struct Slot {
    int fd = -1;
    Clock::time_point opened;
  };
  AttackResult r;
  std::vector<Slot> slots(kAttackers);
  auto open = [&](Slot& s) {
    s.fd = ConnectLoopback(port, 1000);
    s.opened = Clock::now();
    if (s.fd >= 0 && SendAll(s.fd, attack.opening)) ++r.connections;
  };
  for (auto& s : slots) open(s);
  const auto end = Clock::now() + std::chrono::milliseconds(attack_ms);
  auto next_drip = Clock::now() + std::chrono::milliseconds(300);
  while (Clock::now() < end && !*stop) {
    const auto now = Clock::now();
    const bool drip = now >= next_drip;
    if (drip) next_drip += std::chrono::milliseconds(300);
    for (auto& s : slots) {
      long age = std::chrono::duration_cast<std::chrono::milliseconds>(now - s.opened).count();
      if (s.fd >= 0 && IsClosedByPeer(s.fd)) {
        char c;
        if (::recv(s.fd, &c, 1, MSG_DONTWAIT) > 0) ++r.answered;
        ++r.closed;
        r.longest_lived_ms = std::max(r.longest_lived_ms, age);
        if (age > deadline_ms) ++r.outlived_deadline;
        ::close(s.fd);
        open(s);
      } else if (s.fd >= 0 && age > deadline_ms) {
        ++r.outlived_deadline;  // counted once, then given up
        ::close(s.fd);
        open(s);
      } else if (s.fd >= 0 && drip) {
        SendAll(s.fd, attack.drip);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (auto& s : slots) {
    if (s.fd >= 0) ::close(s.fd);
  }
  return r;
}

void CheckSurvives(const Attack& attack, int deadline_ms) {
  TempDir dir;
  ServerProcess server(dir.File("slow.db"), {"--demo", "--config",
                                             OfficeWithLimits(dir, "office.json", {{"head_timeout_ms", kHeadTimeoutMs}})});
  std::atomic<bool> stop{false};
  AttackResult result;
  const int attack_ms = deadline_ms + 2500;
  std::thread attacker([&] { result = RunAttack(server.port(), attack, attack_ms, deadline_ms, &stop); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the attackers are in

  std::vector<long> health_ms;
  int failed = 0, tickets = 0;
  const auto until = Clock::now() + std::chrono::milliseconds(attack_ms - 600);
  for (int i = 0; i < 200 && Clock::now() < until; ++i) {
    long ms = TimedHealth(server.port());
    if (ms < 0) ++failed;
    else health_ms.push_back(ms);
    CHECK_MESSAGE((ms >= 0 && ms < 500), "GET /api/v1/health took ", ms, " ms (-1: failed)");
    if (i % 5 == 0) {
      CHECK(IssueTicket(server.port()) == 201);
      ++tickets;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  attacker.join();
  INFO("connections ", result.connections, ", closed ", result.closed, ", longest ", result.longest_lived_ms,
       " ms, health checks ", health_ms.size(), ", tickets ", tickets);
  CHECK(failed == 0);
  CHECK(health_ms.size() >= 20);
  CHECK(Median(&health_ms) < 50);
  // Every attacker was closed by the server, none lived past its deadline, and all of the
  // first wave were replaced (the attack went on after the deadline).
  CHECK(result.outlived_deadline == 0);
  CHECK(result.closed >= kAttackers);
  CHECK(result.longest_lived_ms >= kHeadTimeoutMs - 100);  // closed by the deadline, not refused at once
}

}  // namespace

TEST_CASE("Faults: slow-header connections are closed by the head deadline and block nobody") {
  // Each sends its request line, then one header line every 300 ms, never the blank line.
  CheckSurvives({"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X-Slow: 1\r\n"}, kHeadTimeoutMs + 1000);
}

TEST_CASE("Faults: slow-body connections are closed by the body deadline and block nobody") {
  // A complete head promising 1,000 bytes of body, then one byte every 300 ms. The body
  // deadline is the head's, at least min(head_timeout_ms, 2 s) after the head, plus
  // 1,000 B / 2,048 B/s.
  CheckSurvives({"POST /api/v1/sites/serang/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Authorization: Bearer demo-kiosk-token\r\nContent-Type: application/json\r\n"
                 "Content-Length: 1000\r\n\r\n{",
                 " "},
                2 * kHeadTimeoutMs + 500 + 1000);
}
