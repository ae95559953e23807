// Scenario 2: durable issuing. Eight kiosk threads issue 10,000 tickets over HTTP (keep-alive,
// one Idempotency-Key each); beside it, raw SQLite commits with WAL + synchronous=FULL in the
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
constexpr int kTickets = 10000;
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
  const char* services[] = {"rekam", "cetak", "kk", "akta", "ikd", "info"};
  std::mutex mu;
  std::vector<double> lat;
  std::atomic<int> ok{0};
  std::atomic<int64_t> first_thousand_ns{0};  // when the 1,000th ticket was acknowledged
  std::vector<std::thread> kiosks;
  auto t0 = Clock::now();
  for (int k = 0; k < kKiosks; ++k) {
    kiosks.emplace_back([&, k] {
      auto cli = NewClient(server.port());
      std::vector<double> mine;
      for (int i = k; i < kTickets; i += kKiosks) {
        std::string body = std::string("{\"service\":\"") + services[i % 6] + "\"}";
        auto at = Clock::now();
        auto r = cli->Post("/api/v1/sites/serang/tickets", Auth("demo-kiosk-token", "bench-" + std::to_string(i)),
                           body, "application/json");
        mine.push_back(Ms(at, Clock::now()));
        if (r && r->status == 201 && ++ok == 1000) {
          first_thousand_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      lat.insert(lat.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : kiosks) t.join();
  double secs = Ms(t0, Clock::now()) / 1000.0;
  if (ok != kTickets) throw std::runtime_error("only " + std::to_string(ok.load()) + " tickets issued");
  double raw = RawCommitsPerSecond(dir.File("raw.db"));
  double rate = kTickets / secs;
  double first_rate = 1000.0 / (static_cast<double>(first_thousand_ns.load()) / 1e9);
  return {{"issue 10,000 tickets, 8 kiosks", "tickets/s", rate},
          {"issue: first 1,000 (short queue)", "tickets/s", first_rate},
          {"issue latency p50", "ms", Percentile(&lat, 0.50)},
          {"issue latency p99", "ms", Percentile(&lat, 0.99)},
          {"raw SQLite commits (FULL)", "commits/s", raw},
          {"tickets/s / raw commits/s", "ratio", rate / raw}};
}

}  // namespace antre::bench
