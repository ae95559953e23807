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

constexpr int kKiosks = 8;
constexpr int kTickets = 2000;   // measured in each round
constexpr int kWaiting = 10000;  // waiting before the second measured round
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

// Eight kiosks issue `count` tickets numbered from `first` (one Idempotency-Key each); returns
// tickets/s and adds each request's latency to *lat (if given).
double IssueRound(int port, int first, int count, std::vector<double>* lat) {
  const char* services[] = {"rekam", "cetak", "kk", "akta", "ikd", "info"};
  std::mutex mu;
  std::atomic<int> ok{0};
  std::vector<std::thread> kiosks;
  auto t0 = Clock::now();
  for (int k = 0; k < kKiosks; ++k) {
    kiosks.emplace_back([&, k] {
      auto cli = NewClient(port);
      std::vector<double> mine;
      for (int i = first + k; i < first + count; i += kKiosks) {
        std::string body = std::string("{\"service\":\"") + services[i % 6] + "\"}";
        auto at = Clock::now();
        auto r = cli->Post("/api/v1/sites/serang/tickets", Auth("demo-kiosk-token", "bench-" + std::to_string(i)),
                           body, "application/json");
        mine.push_back(Ms(at, Clock::now()));
        if (r && r->status == 201) ++ok;
      }
      std::lock_guard<std::mutex> lock(mu);
      if (lat) lat->insert(lat->end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : kiosks) t.join();
  double secs = Ms(t0, Clock::now()) / 1000.0;
  if (ok != count) throw std::runtime_error("only " + std::to_string(ok.load()) + " of " + std::to_string(count) +
                                            " tickets issued");
  return count / secs;
}

}  // namespace

Samples BenchIssuing() {
  Scratch dir;
  Server server(dir.File("issue.db"), {"--demo"});
  // From an empty queue, then with kWaiting more tickets waiting (none is called), same server.
  std::vector<double> lat_empty, lat_full;
  double empty_rate = IssueRound(server.port(), 0, kTickets, &lat_empty);
  IssueRound(server.port(), kTickets, kWaiting - kTickets, nullptr);
  double full_rate = IssueRound(server.port(), kWaiting, kTickets, &lat_full);
  double raw = RawCommitsPerSecond(dir.File("raw.db"));
  return {{"issue 2,000 tickets, 8 kiosks, empty queue", "tickets/s", empty_rate},
          {"issue 2,000 more with 10,000 waiting", "tickets/s", full_rate},
          {"issue rate at 10,000 waiting / empty", "ratio", full_rate / empty_rate},
          {"issue latency p50 (empty)", "ms", Percentile(&lat_empty, 0.50)},
          {"issue latency p99 (empty)", "ms", Percentile(&lat_empty, 0.99)},
          {"issue latency p99 (10,000 waiting)", "ms", Percentile(&lat_full, 0.99)},
          {"raw SQLite commits (FULL)", "commits/s", raw},
          {"tickets/s (empty) / raw commits/s", "ratio", empty_rate / raw}};
}

}  // namespace antre::bench
