// Scenario 4: a year of history. 250 working days of 400 tickets (100,000, with their issued /
// called / done events, shaped like the server's own) and 30,000 bookings are written straight
// into a database the server created; then the server's start time and memory are measured on
// it, and the supervisor report of a month and of the whole year (GET /reports).
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "bench_http.h"
#include "bench_util.h"
#include "scenarios.h"

namespace antre::bench {
namespace {

constexpr int kDays = 250;
constexpr int kTicketsPerDay = 400;
constexpr int kBookings = 30000;
constexpr long long kDayMs = 86400000LL;
constexpr long long kFirstDayMs = 1767225600000LL;  // 2026-01-01T00:00:00+00:00

void Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error(std::string("history SQL failed: ") + msg);
  }
}

void Generate(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("open history db");
  Exec(db, "BEGIN");
  sqlite3_stmt* t = nullptr;
  sqlite3_stmt* e = nullptr;
  sqlite3_stmt* b = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO tickets(id, site, day, number, service, priority, status, issued_at, order_at, "
                     "counter, called_at, finished_at) VALUES (?1, 'serang', ?2, ?3, ?4, '', 'done', ?5, ?5, ?6, "
                     "?5 + 600000, ?5 + 900000)",
                     -1, &t, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO events(site, day, type, ticket, counter, actor, at, data) VALUES "
                     "('serang', ?1, ?2, ?3, ?4, ?6, ?5, ?7)",
                     -1, &e, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO bookings(code, site, service, slot_start, slot_end, status, nik, name, phone, "
                     "created_at, created_day, updated_at) VALUES (?1, 'serang', 'rekam', ?2, ?2 + 1800000, "
                     "'checked_in', '3673011505900001', 'Warga', '+6281200000000', ?2, ?3, ?2)",
                     -1, &b, nullptr);
  const char* services[] = {"rekam", "cetak", "kk", "akta", "ikd", "info"};
  const char* prefixes = "ABCDEF";
  char buf[64], day[16];
  for (int d = 0; d < kDays; ++d) {
    long long day_ms = kFirstDayMs + d * kDayMs;
    time_t secs = static_cast<time_t>(day_ms / 1000);
    std::strftime(day, sizeof day, "%Y-%m-%d", gmtime(&secs));
    for (int i = 0; i < kTicketsPerDay; ++i) {
      int s = i % 6;
      long long at = day_ms + 3600000LL + i * 60000LL;
      std::snprintf(buf, sizeof buf, "h%08d%04d", d, i);
      std::string id = buf;
      std::snprintf(buf, sizeof buf, "%c%03d", prefixes[s], i / 6 + 1);
      std::string counter = std::to_string(1 + i % 6);
      sqlite3_bind_text(t, 1, id.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(t, 2, day, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(t, 3, buf, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(t, 4, services[s], -1, SQLITE_STATIC);
      sqlite3_bind_int64(t, 5, at);
      sqlite3_bind_text(t, 6, counter.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(t) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
      sqlite3_reset(t);
      // Waits of 2-40 minutes and services of 3-15, so the report has real sorting to do.
      long long called = at + (2 + (i * 7) % 39) * 60000LL;
      long long done = called + (3 + (i * 5) % 13) * 60000LL;
      struct {
        const char* type;
        long long at;
        const char* status;
      } steps[] = {{"ticket.issued", at, "waiting"},
                   {"ticket.called", called, "called"},
                   {"ticket.done", done, "done"}};
      for (const auto& step : steps) {
        bool issued = step.at == at;
        std::string data = std::string("{\"number\":\"") + buf + "\",\"service\":\"" + services[s] +
                           "\",\"priority\":null,\"status\":\"" + step.status +
                           "\",\"counter\":" + (issued ? "null" : "\"" + counter + "\"") +
                           ",\"counter_name\":" + (issued ? "null" : "\"Loket " + counter + "\"") +
                           ",\"at\":\"" + day + "T08:00:00+07:00\"}";
        std::string actor = issued ? "" : "petugas" + counter;
        sqlite3_bind_text(e, 1, day, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(e, 2, step.type, -1, SQLITE_STATIC);
        sqlite3_bind_text(e, 3, id.c_str(), -1, SQLITE_TRANSIENT);
        if (issued) {
          sqlite3_bind_null(e, 4);
        } else {
          sqlite3_bind_text(e, 4, counter.c_str(), -1, SQLITE_TRANSIENT);
        }
        sqlite3_bind_int64(e, 5, step.at);
        sqlite3_bind_text(e, 6, actor.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(e, 7, data.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(e) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
        sqlite3_reset(e);
      }
    }
  }
  for (int i = 0; i < kBookings; ++i) {
    long long at = kFirstDayMs + (i % kDays) * kDayMs + 7200000LL;
    time_t secs = static_cast<time_t>(at / 1000);
    std::strftime(day, sizeof day, "%Y-%m-%d", gmtime(&secs));
    std::snprintf(buf, sizeof buf, "H%07d", i);
    sqlite3_bind_text(b, 1, buf, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(b, 2, at);
    sqlite3_bind_text(b, 3, day, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(b) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
    sqlite3_reset(b);
  }
  sqlite3_finalize(t);
  sqlite3_finalize(e);
  sqlite3_finalize(b);
  Exec(db, "COMMIT");
  sqlite3_close(db);
}

}  // namespace

Samples BenchHistory() {
  Scratch dir;
  const std::string db = dir.File("year.db");
  { Server fresh(db, {"--demo"}); }  // creates the schema and the demo office
  Generate(db);
  Server server(db, {"--demo"});
  double start_ms = server.start_ms();
  auto cli = NewClient(server.port());
  for (const char* path : {"/api/v1/sites/serang/board", "/api/v1/sites/serang/counters",
                           "/api/v1/sites/serang/services"}) {
    auto r = cli->Get(path);
    if (!r || r->status != 200)
      throw std::runtime_error(std::string("GET failed on a year of history: ") + path);
  }
  auto r = cli->Post("/api/v1/sites/serang/tickets", Auth("demo-kiosk-token"),
                     "{\"service\":\"rekam\"}", "application/json");
  if (!r || r->status != 201) throw std::runtime_error("issuing failed on a year of history");
  double rss = RssMiB(server.pid());
  double size_mib = static_cast<double>(std::filesystem::file_size(db)) / (1024.0 * 1024.0);

  // Reports as the supervisor's page asks for them; each the median of 3 requests (the first
  // also pays for opening the report connection and a cold page cache). The server's CPU time
  // per report is given too: on a shared machine it varies far less than the wall time.
  std::string token = Login(*cli, "supervisor", "supervisor-demo");
  double cpu_ms = 0;
  auto report_ms = [&](const std::string& query, const std::string& must_contain) {
    std::vector<double> ms, cpu;
    for (int i = 0; i < 3; ++i) {
      double cpu0 = CpuSeconds(server.pid());
      auto t0 = std::chrono::steady_clock::now();
      auto res = cli->Get(("/api/v1/sites/serang/reports?" + query).c_str(), Auth(token));
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      cpu.push_back(1000 * (CpuSeconds(server.pid()) - cpu0));
      if (!res || res->status != 200 || res->body.find(must_contain) == std::string::npos) {
        throw std::runtime_error("report " + query + " failed or wrong: " +
                                 (res ? res->body.substr(0, 200) : "no answer"));
      }
    }
    cpu_ms = Percentile(&cpu, 0.5);
    return Percentile(&ms, 0.5);
  };
  // March 2026: 31 days x 400 tickets; the year: all 100,000 (plus the one issued above).
  double month = report_ms("from=2026-03-01&to=2026-03-31",
                           "\"total\":{\"key\":\"total\",\"target_minutes\":0,\"issued\":12400,");
  double month_cpu = cpu_ms;
  double year = report_ms("from=2026-01-01&to=2026-12-31", "\"issued\":10000");
  double year_cpu = cpu_ms;
  double year_officer =
      report_ms("from=2026-01-01&to=2026-12-31&group=officer&format=csv", "rows,petugas6,");
  return {{"year of history: database size", "MiB", size_mib},
          {"year of history: server start", "ms", start_ms},
          {"year of history: server RSS", "MiB", rss},
          {"year of history: month report", "ms", month},
          {"year of history: month report CPU", "ms", month_cpu},
          {"year of history: year report", "ms", year},
          {"year of history: year report CPU", "ms", year_cpu},
          {"year of history: year by officer, CSV", "ms", year_officer}};
}

}  // namespace antre::bench
