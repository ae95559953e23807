// Scenario 2: durable issuing. Eight kiosk threads issue 2,000 tickets over HTTP (keep-alive,
// one Idempotency-Key each) into an empty queue, then 2,000 more once 10,000 wait; beside it, raw SQLite commits with WAL + synchronous=FULL in the
// same directory, which bounds what any durable ticket server can do on this disk.
#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "bench_http.h"
#include "bench_util.h"
#include "scenarios.h"

namespace antre::bench {
namespace {

constexpr int kTickets = 2000;   // measured in each round
constexpr int kWaiting = 10000;  // waiting before the second measured round
constexpr int kDay = 20000;      // a busy day, for the memory figure
constexpr int kRawCommits = 2000;

double RawCommitsPerSecond(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("sqlite open");
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t(x TEXT);", nullptr, nullptr,
               nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t VALUES ('A0001 rekam waiting 2026-11-30')", -1, &st, nullptr);
  auto t0 = Clock::now();
  for (int i = 0; i < kRawCommits; ++i) {
    if (sqlite3_step(st) != SQLITE_DONE) throw std::runtime_error("sqlite insert");
    sqlite3_reset(st);
  }
  double rate = kRawCommits / (Ms(t0, Clock::now()) / 1000.0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rate;
}

}  // namespace

Samples BenchIssuing() {
  Scratch dir;
  Server server(dir.File("issue.db"), {"--demo"});
  // From an empty queue, then with kWaiting more tickets waiting (none is called), same server.
  std::vector<double> lat_empty, lat_full;
  double empty_rate = IssueMany(server.port(), 0, kTickets, "", &lat_empty);
  IssueMany(server.port(), kTickets, kWaiting - kTickets, "", nullptr);
  double full_rate = IssueMany(server.port(), kWaiting, kTickets, "", &lat_full);
  // A whole busy day: 20,000 tickets, then the server's resident memory.
  IssueMany(server.port(), kWaiting + kTickets, kDay - kWaiting - kTickets, "", nullptr);
  double rss = RssMiB(server.pid());
  double raw = RawCommitsPerSecond(dir.File("raw.db"));
  return {{"issue 2,000 tickets, 8 kiosks, empty queue", "tickets/s", empty_rate},
          {"issue 2,000 more with 10,000 waiting", "tickets/s", full_rate},
          {"issue rate at 10,000 waiting / empty", "ratio", full_rate / empty_rate},
          {"issue latency p50 (empty)", "ms", Percentile(&lat_empty, 0.50)},
          {"issue latency p99 (empty)", "ms", Percentile(&lat_empty, 0.99)},
          {"issue latency p99 (10,000 waiting)", "ms", Percentile(&lat_full, 0.99)},
          {"raw SQLite commits (FULL)", "commits/s", raw},
          {"tickets/s (empty) / raw commits/s", "ratio", empty_rate / raw},
          {"server RSS after a day of 20,000 tickets", "MiB", rss}};
}

}  // namespace antre::bench
