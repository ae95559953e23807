// Black-box: limits and once-a-day work stay exact with two antre-server processes on one
// PostgreSQL database (issue 16, item 2): a daily quota and a slot's places are shared, not
// counted per process, and the day's rollover, booking no-shows and erasure happen once
// even when both processes see the new day at the same moment.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <utility>

#include "../support/pg_query.h"
#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

constexpr const char* kKiosk = "demo-kiosk-token";

// The always-open test office with each (find, replace) applied once, written to the dir.
std::string Office(const TempDir& dir,
                   const std::vector<std::pair<std::string, std::string>>& edits) {
  std::ifstream in(ANTRE_TEST_OFFICE);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  for (const auto& [find, replace] : edits) {
    size_t at = text.find(find);
    REQUIRE_MESSAGE(at != std::string::npos, find);
    text.replace(at, find.size(), replace);
  }
  std::ofstream(dir.File("office.json")) << text;
  return dir.File("office.json");
}

// Moves the test clock of every server in `ports` to `iso` at the same moment (two requests
// per server), as when all processes pass midnight together; each request also runs the
// day's work (rollover, no-shows, draws, erasure) at once.
void SetClocksTogether(const std::vector<int>& ports, const std::string& iso) {
  std::atomic<bool> go{false};
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int port : ports) {
    for (int i = 0; i < 2; ++i) {
      threads.emplace_back([&, port] {
        httplib::Client cli("127.0.0.1", port);
        cli.set_read_timeout(20, 0);
        while (!go) std::this_thread::yield();
        auto res = cli.Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\"}", "application/json");
        if (res && res->status == 200) ++ok;
      });
    }
  }
  go = true;
  for (auto& t : threads) t.join();
  REQUIRE(ok == static_cast<int>(2 * ports.size()));
}

std::string Nik(int seq) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "367301150590%04d", seq % 10000);
  return buf;
}

std::string BookingBody(int n, const std::string& slot) {
  char phone[40];
  std::snprintf(phone, sizeof phone, "0812%08d", n);
  return "{\"nik\":\"" + Nik(n) + "\",\"name\":\"Siti Aminah\",\"phone\":\"" + phone +
         "\",\"service\":\"rekam\",\"slot_start\":\"" + slot + "\"}";
}

// Waits until `pred` holds (checked every 50 ms) for up to `timeout_ms`; returns whether it held.
template <typename Pred>
bool Eventually(Pred pred, int timeout_ms = 10000) {
  for (int waited = 0;; waited += 50) {
    if (pred()) return true;
    if (waited >= timeout_ms) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// How often `part` occurs in `text`.
size_t Occurrences(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// A refusal as the API promises it: the status, a JSON error body with `code`.
bool IsCleanRefusal(const httplib::Result& res, int status, const std::string& code) {
  return res && res->status == status &&
         res->get_header_value("Content-Type").find("application/json") == 0 &&
         res->body.rfind("{\"error\":{", 0) == 0 && JsonField(res->body, "code") == code;
}

}  // namespace

TEST_CASE("Processes: kiosks on two processes racing for daily quotas get exactly the quotas") {
  if (!TestingOnPostgres()) {
    MESSAGE("several processes share a PostgreSQL database only; see processes_pg");
    return;
  }
  TempDir dir;
  // Small quotas on five services: the processes' first requests race for the last places.
  const int kQuota = 4, kKiosks = 8, kTries = 10;
  const std::vector<std::string> services = {"rekam", "kk", "akta", "ikd", "info"};
  std::vector<std::pair<std::string, std::string>> edits;
  for (const auto& id : services) {
    edits.push_back({"\"id\": \"" + id + "\",", "\"daily_quota\": 4, \"id\": \"" + id + "\","});
  }
  const std::string office = Office(dir, edits);
  ServerProcess a(dir.File("q.db"), {"--config", office});
  ServerProcess b(dir.File("q.db"), {"--config", office});

  std::atomic<bool> go{false};
  std::atomic<int> refused{0}, other{0};
  std::mutex mu;
  std::map<std::string, std::set<std::string>> numbers;  // service -> numbers issued
  std::string odd;
  std::vector<std::thread> kiosks;
  for (int port : {a.port(), b.port()}) {
    for (int k = 0; k < kKiosks; ++k) {
      kiosks.emplace_back([&, port, k] {
        httplib::Client cli("127.0.0.1", port);
        cli.set_read_timeout(20, 0);
        while (!go) std::this_thread::yield();
        for (int i = 0; i < kTries; ++i) {
          const std::string& service = services[(k + i) % services.size()];
          auto res = cli.Post("/api/v1/sites/serang/tickets", Bearer(kKiosk),
                              "{\"service\":\"" + service + "\"}", "application/json");
          if (res && res->status == 201) {
            std::lock_guard<std::mutex> lock(mu);
            numbers[service].insert(JsonField(res->body, "number"));
          } else if (IsCleanRefusal(res, 409, "quota_reached")) {
            ++refused;
          } else {
            ++other;
            std::lock_guard<std::mutex> lock(mu);
            odd = res ? std::to_string(res->status) + " " + res->body : "no response";
          }
        }
      });
    }
  }
  go = true;
  for (auto& t : kiosks) t.join();
  const int issued = static_cast<int>(services.size()) * kQuota;
  CHECK(refused == 2 * kKiosks * kTries - issued);
  CHECK_MESSAGE(other == 0, odd);
  for (const auto& id : services) {
    CAPTURE(id);
    CHECK(numbers[id].size() == static_cast<size_t>(kQuota));
  }

  const std::string db = TestDbLocation(dir.File("q.db"));
  auto per_service =
      PgRows(db, "SELECT service, COUNT(*) FROM tickets GROUP BY service ORDER BY service");
  CHECK(per_service.size() == services.size());
  for (const auto& row : per_service) {
    CAPTURE(row[0]);
    CHECK(row[1] == std::to_string(kQuota));
  }
  // Kiosks grey a button out on this event: sent once per service, by whichever process took
  // the last place.
  CHECK(PgCount(db, "SELECT COUNT(*) FROM events WHERE type='service.quota_reached'") ==
        static_cast<long long>(services.size()));
  // Both processes answer that no place is left.
  for (ServerProcess* p : {&a, &b}) {
    auto cli = p->Client();
    CHECK(Eventually([&] {
      auto res = cli->Get("/api/v1/sites/serang/services");
      return res && Occurrences(res->body, "\"daily_quota\":4,\"remaining\":0") == services.size();
    }));
  }
}

TEST_CASE("Processes: bookings through two processes fill slots exactly to their places") {
  if (!TestingOnPostgres()) {
    MESSAGE("several processes share a PostgreSQL database only; see processes_pg");
    return;
  }
  TempDir dir;
  const int kPlaces = 3, kThreads = 12, kEach = 5;
  const char* kSlots[] = {"08:00", "08:30", "09:00", "09:30", "10:00"};
  // Cheaper proof of work: the race, not the hashing, is under test. It still has to pass.
  const std::string office = Office(
      dir, {{"\"capacity\": 10", "\"capacity\": 3"}, {"\"pow_bits\": 16", "\"pow_bits\": 8"}});
  ServerProcess a(dir.File("c.db"), {"--config", office, "--test-clock"});
  ServerProcess b(dir.File("c.db"), {"--config", office, "--test-clock"});
  SetClocksTogether({a.port(), b.port()}, "2026-11-30T07:00:00+07:00");  // a Monday morning

  std::atomic<int> ready{0}, created{0}, full{0}, other{0};
  std::atomic<bool> go{false};
  std::mutex mu;
  std::string odd;  // an answer that was neither
  std::vector<std::thread> threads;
  for (int p = 0; p < 2; ++p) {
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, p, t] {
        // Each booking solves a challenge the *other* process issued: one key signs for all.
        httplib::Client issuer("127.0.0.1", p == 0 ? b.port() : a.port());
        httplib::Client cli("127.0.0.1", p == 0 ? a.port() : b.port());
        cli.set_read_timeout(20, 0);
        std::vector<std::string> bodies;
        for (int i = 0; i < kEach; ++i) {
          const std::string slot = std::string("2026-11-30T") + kSlots[(t + i) % 5] + ":00+07:00";
          bodies.push_back(WithPow(issuer, BookingBody(1 + (p * kThreads + t) * kEach + i, slot)));
        }
        ++ready;
        while (!go) std::this_thread::yield();
        for (const auto& body : bodies) {
          auto res = cli.Post("/api/v1/sites/serang/bookings", body, "application/json");
          if (res && res->status == 201) {
            ++created;
          } else if (IsCleanRefusal(res, 409, "slot_full")) {
            ++full;
          } else {
            ++other;
            std::lock_guard<std::mutex> lock(mu);
            odd = res ? std::to_string(res->status) + " " + res->body : "no response";
          }
        }
      });
    }
  }
  while (ready < 2 * kThreads) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  go = true;
  for (auto& t : threads) t.join();
  CHECK(created == 5 * kPlaces);
  CHECK(full == 2 * kThreads * kEach - 5 * kPlaces);
  CHECK_MESSAGE(other == 0, odd);
  const std::string db = TestDbLocation(dir.File("c.db"));
  auto per_slot = PgRows(
      db, "SELECT slot_start, COUNT(*) FROM bookings WHERE status='booked' GROUP BY slot_start");
  CHECK(per_slot.size() == 5);
  for (const auto& row : per_slot) CHECK(row[1] == std::to_string(kPlaces));
  for (ServerProcess* p : {&a, &b}) {
    auto cli = p->Client();
    CHECK(Eventually([&] {
      auto slots =
          cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-11-30&to=2026-11-30");
      return slots && Occurrences(slots->body, "\"capacity\":3,\"remaining\":0") == 5;
    }));
  }
}

TEST_CASE(
    "Processes: the day's rollover, no-shows and erasure run once when both processes see the new "
    "day") {
  if (!TestingOnPostgres()) {
    MESSAGE("several processes share a PostgreSQL database only; see processes_pg");
    return;
  }
  TempDir dir;
  const std::string office = Office(dir, {{"\"pow_bits\": 16", "\"pow_bits\": 8"}});
  ServerProcess a(dir.File("d.db"), {"--config", office, "--test-clock"});
  ServerProcess b(dir.File("d.db"), {"--config", office, "--test-clock"});
  const std::vector<int> both = {a.port(), b.port()};
  SetClocksTogether(both, "2026-11-30T07:00:00+07:00");  // Monday
  auto cli_a = a.Client(), cli_b = b.Client();
  const std::string db = TestDbLocation(dir.File("d.db"));

  // Monday: six bookings in six slots (through either process), one of them cancelled, and
  // walk-in tickets left waiting.
  const char* kSlots[] = {"08:00", "08:30", "09:00", "09:30", "10:00", "10:30"};
  std::vector<std::string> codes;
  for (int i = 0; i < 6; ++i) {
    httplib::Client& cli = i % 2 ? *cli_b : *cli_a;
    auto res = cli.Post(
        "/api/v1/sites/serang/bookings",
        WithPow(cli, BookingBody(100 + i, std::string("2026-11-30T") + kSlots[i] + ":00+07:00")),
        "application/json");
    REQUIRE(res);
    REQUIRE_MESSAGE(res->status == 201, res->body);
    codes.push_back(JsonField(res->body, "code"));
  }
  auto cancelled = cli_b->Post(("/api/v1/bookings/" + codes[5] + "/cancel").c_str(),
                               "{\"nik\":\"" + Nik(105) + "\"}", "application/json");
  REQUIRE(cancelled);
  REQUIRE(cancelled->status == 200);
  // Many tickets make the rollover's transaction long, so the two processes' runs overlap.
  const int kWaiting = 120;
  std::vector<std::string> waiting;
  std::mutex mu;
  std::vector<std::thread> kiosks;
  for (int k = 0; k < 4; ++k) {
    kiosks.emplace_back([&, k] {
      httplib::Client cli("127.0.0.1", both[k % 2]);
      for (int i = 0; i < kWaiting / 4; ++i) {
        auto res = cli.Post("/api/v1/sites/serang/tickets", Bearer(kKiosk), "{\"service\":\"kk\"}",
                            "application/json");
        if (!res || res->status != 201) continue;
        std::lock_guard<std::mutex> lock(mu);
        waiting.push_back(JsonField(res->body, "id"));
      }
    });
  }
  for (auto& t : kiosks) t.join();
  REQUIRE(waiting.size() == static_cast<size_t>(kWaiting));

  // Tuesday on both processes at once, twice (as their tickers would run it again).
  SetClocksTogether(both, "2026-12-01T08:00:00+07:00");
  SetClocksTogether(both, "2026-12-01T08:00:01+07:00");
  CHECK(PgCount(db, "SELECT COUNT(*) FROM events WHERE type='ticket.expired'") == kWaiting);
  CHECK(PgCount(db, "SELECT COUNT(DISTINCT ticket) FROM events WHERE type='ticket.expired'") ==
        kWaiting);
  // One no-show event per booking left unused; the event names its slot, not the resident.
  auto no_shows = PgRows(
      db,
      "SELECT data, COUNT(*) FROM events WHERE type='booking.no_show' GROUP BY data ORDER BY data");
  REQUIRE(no_shows.size() == 5);
  for (int i = 0; i < 5; ++i) {
    CHECK(no_shows[i][0].find(std::string("T") + kSlots[i]) != std::string::npos);
    CHECK(no_shows[i][1] == "1");
  }
  CHECK(PgCount(db, "SELECT COUNT(*) FROM bookings WHERE status='no_show'") == 5);
  // Both processes know the old tickets expired, and number the new day from 1.
  for (auto* cli : {cli_a.get(), cli_b.get()}) {
    CHECK(Eventually([&] {
      for (const auto& id : waiting) {
        auto res = cli->Get(("/api/v1/tickets/" + id).c_str());
        if (!res || JsonField(res->body, "status") != "expired") return false;
      }
      return true;
    }));
  }
  auto first = cli_b->Post("/api/v1/sites/serang/tickets", Bearer(kKiosk), "{\"service\":\"kk\"}",
                           "application/json");
  auto second = cli_a->Post("/api/v1/sites/serang/tickets", Bearer(kKiosk), "{\"service\":\"kk\"}",
                            "application/json");
  REQUIRE(first);
  REQUIRE(second);
  CHECK(JsonField(first->body, "number") == "C001");
  CHECK(JsonField(second->body, "number") == "C002");

  // Erasure after retention_days (90): each booking's personal data is blanked by one write.
  PgRows(db,
         "CREATE TABLE test_erasures(code TEXT);"
         "CREATE FUNCTION test_log_erasure() RETURNS trigger AS $$ BEGIN "
         "INSERT INTO test_erasures VALUES (NEW.code); RETURN NEW; END $$ LANGUAGE plpgsql;"
         "CREATE TRIGGER test_erasure AFTER UPDATE ON bookings FOR EACH ROW "
         "WHEN (OLD.erased = 0 AND NEW.erased = 1) EXECUTE FUNCTION test_log_erasure()");
  SetClocksTogether(both, "2027-03-02T08:00:00+07:00");
  SetClocksTogether(both, "2027-03-02T08:00:01+07:00");
  CHECK(PgCount(db, "SELECT COUNT(*) FROM test_erasures") == 6);
  CHECK(PgCount(db, "SELECT COUNT(DISTINCT code) FROM test_erasures") == 6);
  CHECK(
      PgCount(db,
              "SELECT COUNT(*) FROM bookings WHERE nik='' AND name='' AND phone='' AND erased=1") ==
      6);
  CHECK(PgCount(db, "SELECT COUNT(*) FROM events WHERE type='booking.no_show'") == 5);
}

// Two processes whose clocks straddle midnight (one a few seconds behind the other): the one
// behind still sees yesterday and writes it back as the site's day until its clock passes
// midnight too. Whatever the order, today's tickets are never expired or numbered twice, and
// both processes end up with the same queue of today.
TEST_CASE("Processes: clocks a few seconds apart at midnight expire nothing of the new day") {
  if (!TestingOnPostgres()) {
    MESSAGE("several processes share a PostgreSQL database only; see processes_pg");
    return;
  }
  TempDir dir;
  const std::string office = Office(dir, {});
  ServerProcess a(dir.File("m.db"), {"--config", office, "--test-clock"});
  ServerProcess b(dir.File("m.db"), {"--config", office, "--test-clock"});
  SetClocksTogether({a.port(), b.port()}, "2026-11-30T20:00:00+07:00");  // Monday evening
  auto cli_a = a.Client(), cli_b = b.Client();
  auto issue = [](httplib::Client& cli) {
    auto res = cli.Post("/api/v1/sites/serang/tickets", Bearer(kKiosk), "{\"service\":\"kk\"}",
                        "application/json");
    REQUIRE(res);
    REQUIRE_MESSAGE(res->status == 201, res->body);
    return std::make_pair(JsonField(res->body, "id"), JsonField(res->body, "number"));
  };
  auto status = [](httplib::Client& cli, const std::string& id) {
    auto res = cli.Get(("/api/v1/tickets/" + id).c_str());
    return res ? JsonField(res->body, "status") : std::string("no answer");
  };
  auto set_clock = [](httplib::Client& cli, const std::string& iso) {
    auto res = cli.Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\"}", "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  };
  const auto monday = issue(*cli_a);
  CHECK(monday.second == "C001");

  // A passes midnight; B is 5 s behind. Each writes, one after the other, twice.
  set_clock(*cli_a, "2026-12-01T00:00:02+07:00");
  set_clock(*cli_b, "2026-11-30T23:59:57+07:00");
  const auto t1 = issue(*cli_a);  // Tuesday's first
  const auto late = issue(*cli_b);  // still Monday on B: Monday's second number
  const auto t2 = issue(*cli_a);
  const auto late2 = issue(*cli_b);
  CHECK(t1.second == "C001");
  CHECK(t2.second == "C002");
  CHECK(late.second == "C002");
  CHECK(late2.second == "C003");
  // B's clock passes midnight too.
  set_clock(*cli_b, "2026-12-01T00:00:03+07:00");
  const auto t3 = issue(*cli_b);
  CHECK(t3.second == "C003");

  // Tuesday's tickets wait, on both processes; Monday's are expired, each once.
  const std::string db = TestDbLocation(dir.File("m.db"));
  for (auto* cli : {cli_a.get(), cli_b.get()}) {
    for (const auto& t : {t1, t2, t3}) CHECK(status(*cli, t.first) == "waiting");
    CHECK(Eventually([&] {
      for (const auto& t : {monday, late, late2}) {
        if (status(*cli, t.first) != "expired") return false;
      }
      return true;
    }));
  }
  CHECK(PgCount(db, "SELECT COUNT(*) FROM events WHERE type='ticket.expired'") == 3);
  CHECK(PgCount(db, "SELECT COUNT(DISTINCT ticket) FROM events WHERE type='ticket.expired'") == 3);
  CHECK(PgCount(db, "SELECT COUNT(*) FROM tickets WHERE day='2026-12-01'") == 3);
  // Both processes' queues hold Tuesday's three, in order, and nothing of Monday.
  const std::string officer = Login(*cli_a, "petugas2", "petugas-demo");
  for (auto* cli : {cli_a.get(), cli_b.get()}) {
    std::string body;
    CHECK(Eventually([&] {
      auto q = cli->Get("/api/v1/sites/serang/queue", Bearer(officer));
      body = q && q->status == 200 ? q->body : "";
      size_t at1 = body.find(t1.first), at2 = body.find(t2.first), at3 = body.find(t3.first);
      return at1 != std::string::npos && at1 < at2 && at2 != std::string::npos && at2 < at3 &&
             at3 != std::string::npos;
    }, 5000));
    for (const auto& t : {monday, late, late2}) CHECK(body.find(t.first) == std::string::npos);
  }
}
