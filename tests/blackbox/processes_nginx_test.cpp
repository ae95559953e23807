// Black-box: three antre-server processes on one PostgreSQL database behind nginx, set up from
// the LAN sample (packaging/nginx/antre-lan.conf), as issue 16 items 3 and 4 describe. Kiosks
// and counters write through nginx the way real clients do (an Idempotency-Key, sent again on
// a cut connection, 502 or 503); one process is killed with SIGKILL mid-load. Nothing
// acknowledged may be lost, no number reused, no ticket called twice, and the clients and
// event streams go on with the other processes.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "../support/nginx_process.h"
#include "../support/pg_query.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

using SteadyClock = std::chrono::steady_clock;

// The LAN sample with its upstream listing `ports` (keeping the sample's failure settings),
// listening on 127.0.0.1:`port` and logging under `logs`.
std::string LanSite(int port, const std::vector<int>& ports, const std::string& logs) {
  std::ifstream in(ANTRE_NGINX_SAMPLE);
  REQUIRE_MESSAGE(in.good(), "cannot read ", ANTRE_NGINX_SAMPLE);
  std::stringstream out;
  std::string line;
  int members = 0, listens = 0;
  while (std::getline(in, line)) {
    const size_t server = line.find("    server 10.0.0.");
    if (server == 0) {  // an upstream member: the first stands for all the test's processes
      if (members++ == 0) {
        const std::string options = line.substr(line.find(':') + 5);  // after ":8080"
        for (int p : ports) out << "    server 127.0.0.1:" << p << options << "\n";
      }
      continue;
    }
    if (line == "    listen 8080;") {
      line = "    listen 127.0.0.1:" + std::to_string(port) + ";";
      ++listens;
    }
    const size_t log = line.find("/var/log/nginx/");
    if (log != std::string::npos) line.replace(log, 15, logs + "/");
    out << line << "\n";
  }
  REQUIRE(members > 0);
  REQUIRE(listens == 1);
  // The server asks nginx not to buffer its streams (X-Accel-Buffering: no); ignoring that
  // header here tests that the sample alone delivers stream events at once.
  return "proxy_ignore_headers X-Accel-Buffering;\n" + out.str();
}

// An event stream through nginx that reconnects (to whichever process nginx picks) when its
// connection ends, resuming after the last event id it received, as the display does.
class ResumingStream {
 public:
  explicit ResumingStream(int port) : port_(port) {
    current_ = std::make_unique<StreamCollector>(port_, "serang");
    REQUIRE(current_->Status(5000) == 200);
    thread_ = std::thread([this] { Run(); });
  }
  ~ResumingStream() {
    stop_ = true;
    thread_.join();
  }
  // Events received so far, each once, in order.
  std::vector<StreamCollector::Item> Items() {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<StreamCollector::Item> items = done_;
    if (current_) {
      for (const auto& item : current_->Items()) {
        if (items.empty() || item.id > items.back().id) items.push_back(item);
      }
    }
    return items;
  }
  int reconnects() const { return reconnects_; }

 private:
  void Run() {
    while (!stop_) {
      if (!current_->WaitForEnd(50)) continue;
      long long last = -1;
      {
        std::lock_guard<std::mutex> lock(mu_);
        for (const auto& item : current_->Items()) {
          if (done_.empty() || item.id > done_.back().id) done_.push_back(item);
        }
        if (!done_.empty()) last = done_.back().id;
      }
      auto next = std::make_unique<StreamCollector>(port_, "serang", last);
      if (next->Status(5000) != 200) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        continue;  // `current_` has ended: the next loop tries again
      }
      std::lock_guard<std::mutex> lock(mu_);
      current_ = std::move(next);
      ++reconnects_;
    }
  }

  const int port_;
  std::mutex mu_;
  std::unique_ptr<StreamCollector> current_;
  std::vector<StreamCollector::Item> done_;  // from the connections that ended
  std::atomic<int> reconnects_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Sends a POST until it gets an answer that is not a transport failure (no response, 502,
// 503, 504), with the same headers (so the same Idempotency-Key) each time, for up to 20 s.
// Counts the attempts that failed in *retries.
httplib::Result PostRetrying(httplib::Client& cli, const std::string& path,
                             const httplib::Headers& headers, const std::string& body,
                             std::atomic<int>* retries) {
  auto deadline = SteadyClock::now() + std::chrono::seconds(20);
  for (;;) {
    auto res = cli.Post(path.c_str(), headers, body, "application/json");
    const bool transient = !res || res->status == 502 || res->status == 503 || res->status == 504;
    if (!transient || SteadyClock::now() > deadline) return res;
    ++*retries;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// Holds a site's row lock in an open transaction (as a writing process does) until destroyed.
class SiteLockHolder {
 public:
  SiteLockHolder(const std::string& uri, const std::string& site)
      : conn_(PQconnectdb(uri.c_str())) {
    REQUIRE_MESSAGE(PQstatus(conn_) == CONNECTION_OK, PQerrorMessage(conn_));
    for (const std::string& sql :
         {std::string("BEGIN"), "SELECT id FROM sites WHERE id='" + site + "' FOR UPDATE"}) {
      PGresult* r = PQexec(conn_, sql.c_str());
      const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
      PQclear(r);
      REQUIRE_MESSAGE(ok, sql);
    }
  }
  ~SiteLockHolder() { PQfinish(conn_); }  // the open transaction ends with the connection
  SiteLockHolder(const SiteLockHolder&) = delete;
  SiteLockHolder& operator=(const SiteLockHolder&) = delete;

 private:
  PGconn* conn_;
};

bool HasNumber(const std::vector<StreamCollector::Item>& items, const std::string& type,
               const std::string& number) {
  for (const auto& item : items) {
    if (item.type == type && item.data.find("\"number\":\"" + number + "\"") != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace

TEST_CASE("Processes: kill -9 of one of three behind nginx loses nothing acknowledged") {
  if (!TestingOnPostgres()) {
    MESSAGE("several processes share a PostgreSQL database only; see processes_pg");
    return;
  }
  TempDir dir;
  std::vector<std::unique_ptr<ServerProcess>> servers;
  std::vector<int> ports;
  for (int i = 0; i < 3; ++i) {
    servers.push_back(std::make_unique<ServerProcess>(dir.File("n.db")));
    ports.push_back(servers.back()->port());
  }
  NginxProcess nginx(dir.File("nginx"),
                     [&](int port) { return LanSite(port, ports, dir.File("nginx/logs")); });
  const int front = nginx.port();

  // Three streams opened one after another: nginx's round robin puts one on each process.
  std::vector<std::unique_ptr<ResumingStream>> streams;
  for (int i = 0; i < 3; ++i) streams.push_back(std::make_unique<ResumingStream>(front));

  // Item 4: an event reaches a stream through nginx at once (not held in a buffer), from
  // whichever process it was written on.
  auto t0 = SteadyClock::now();
  auto first =
      servers[0]->Client()->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"),
                                 "{\"service\":\"kk\"}", "application/json");
  REQUIRE(first);
  REQUIRE(first->status == 201);
  for (auto& s : streams) {
    for (int waited = 0; waited < 5000 && !HasNumber(s->Items(), "ticket.issued", "C001");
         waited += 2) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    CHECK(HasNumber(s->Items(), "ticket.issued", "C001"));
  }
  const auto first_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - t0).count();
  MESSAGE("ticket issued on one process -> all three streams through nginx: ", first_ms, " ms");
  CHECK(first_ms < 3000);

  std::atomic<bool> stop_kiosks{false}, stop_counters{false};
  std::atomic<int> retries{0}, replays{0}, unexpected{0}, acked_after_kill{0}, called_after_kill{0};
  std::atomic<bool> killed{false};
  SteadyClock::time_point first_after_kill;  // the first ticket acknowledged after the kill
  std::mutex mu;
  std::map<std::string, std::string> acked;  // ticket id -> number
  std::vector<std::string> called;           // ticket ids, one per acknowledged "next"
  std::string odd;                           // the first unexpected answer

  auto note_odd = [&](const std::string& what) {
    ++unexpected;
    std::lock_guard<std::mutex> lock(mu);
    if (odd.empty()) odd = what;
  };
  auto describe = [](const httplib::Result& res) {
    return res ? std::to_string(res->status) + " " + res->body : std::string("no response");
  };
  std::vector<std::thread> kiosks, counters;
  for (int k = 0; k < 4; ++k) {
    kiosks.emplace_back([&, k] {
      httplib::Client cli("127.0.0.1", front);
      cli.set_read_timeout(10, 0);
      cli.set_connection_timeout(3, 0);
      for (int i = 0; !stop_kiosks; ++i) {
        const bool after = killed;
        auto res = PostRetrying(
            cli, "/api/v1/sites/serang/tickets",
            Bearer("demo-kiosk-token", "kiosk" + std::to_string(k) + "-" + std::to_string(i)),
            "{\"service\":\"rekam\"}", &retries);
        if (res && (res->status == 201 || res->status == 200)) {
          std::lock_guard<std::mutex> lock(mu);
          acked[JsonField(res->body, "id")] = JsonField(res->body, "number");
          if (after && acked_after_kill++ == 0) first_after_kill = SteadyClock::now();
          if (res->status == 200) ++replays;  // a retry whose first try had been committed
        } else {
          note_odd(describe(res));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
      }
    });
  }
  for (const char* counter : {"1", "2", "6"}) {
    counters.emplace_back([&, counter] {
      httplib::Client cli("127.0.0.1", front);
      cli.set_read_timeout(10, 0);
      cli.set_connection_timeout(3, 0);
      std::string token;
      for (int i = 0; i < 50 && token.empty(); ++i)
        token = Login(cli, std::string("petugas") + counter, "petugas-demo");
      if (token.empty()) return note_odd(std::string("counter ") + counter + ": no login");
      const std::string path = std::string("/api/v1/sites/serang/counters/") + counter + "/next";
      int idle = 0;
      for (int i = 0; !stop_counters || idle < 3; ++i) {
        const bool after = killed;
        auto res = PostRetrying(
            cli, path, Bearer(token, "counter" + std::string(counter) + "-" + std::to_string(i)),
            "{}", &retries);
        if (res && res->status == 200) {
          std::lock_guard<std::mutex> lock(mu);
          called.push_back(JsonField(res->body, "id"));
          if (after) ++called_after_kill;
          idle = 0;
        } else if (res && res->status == 204) {
          ++idle;  // none waiting
        } else {
          note_odd(describe(res));
          ++idle;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
      }
    });
  }
  auto acked_count = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return acked.size();
  };
  auto wait_until = [](auto pred, int seconds) {
    auto deadline = SteadyClock::now() + std::chrono::seconds(seconds);
    while (!pred() && SteadyClock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return pred();
  };
  CHECK(wait_until([&] { return acked_count() >= 100; }, 60));
  // Kill the middle process while it holds requests: first hold the site's row lock, so every
  // process's next batch waits inside the database with its kiosks' and counters' requests.
  // (nginx's round robin gives each process one request in three: the middle one has some.)
  const std::string db = TestDbLocation(dir.File("n.db"));
  {
    SiteLockHolder hold(db, "serang");
    CHECK(wait_until(
        [&] {
          return PgCount(
                     db,
                     "SELECT COUNT(*) FROM pg_stat_activity WHERE datname=current_database() AND "
                     "wait_event_type='Lock'") >= 3;
        },
        10));
    servers[1]->Kill9();
    killed = true;
  }
  const auto kill_time = SteadyClock::now();
  CHECK(wait_until([&] { return acked_after_kill >= 60 && called_after_kill >= 20; }, 60));
  const auto served_after_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - kill_time).count();
  stop_kiosks = true;
  for (auto& t : kiosks) t.join();
  stop_counters = true;  // the counters now call what is left
  for (auto& t : counters) t.join();

  std::map<std::string, std::string> tickets;
  std::vector<std::string> calls;
  {
    std::lock_guard<std::mutex> lock(mu);
    tickets = acked;
    calls = called;
  }
  long long first_ms_after = -1;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (acked_after_kill > 0) {
      first_ms_after =
          std::chrono::duration_cast<std::chrono::milliseconds>(first_after_kill - kill_time)
              .count();
    }
  }
  MESSAGE(tickets.size(), " tickets acknowledged (", acked_after_kill.load(),
          " after the kill, the first ", first_ms_after, " ms after it; 60 within ",
          served_after_ms, " ms), ", calls.size(), " calls, ", retries.load(),
          " requests sent again (", replays.load(), " answered as a replay)");
  CHECK_MESSAGE(unexpected == 0, odd);
  CHECK(retries >= 1);  // the requests the killed process held were cut, and sent again

  // Nothing acknowledged is lost, and a retried request never made a second ticket: the
  // database holds exactly the acknowledged tickets, numbered A001..A<n> once each.
  CHECK(PgCount(db, "SELECT COUNT(*) FROM tickets WHERE service='rekam'") ==
        static_cast<long long>(tickets.size()));
  std::set<std::string> numbers;
  for (const auto& [id, number] : tickets) numbers.insert(number);
  CHECK(numbers.size() == tickets.size());
  CHECK(PgCount(db, "SELECT COUNT(DISTINCT number) FROM tickets WHERE service='rekam'") ==
        static_cast<long long>(tickets.size()));
  char last[16];
  std::snprintf(last, sizeof last, "A%03zu", tickets.size());
  CHECK(numbers.count("A001") == 1);
  CHECK(numbers.count(last) == 1);
  // Every acknowledged ticket answers through nginx, with its number.
  {
    httplib::Client cli("127.0.0.1", front);
    int missing = 0;
    for (const auto& [id, number] : tickets) {
      auto res = cli.Get(("/api/v1/tickets/" + id).c_str());
      missing += !(res && res->status == 200 && JsonField(res->body, "number") == number);
    }
    CHECK(missing == 0);
  }
  // No ticket called twice, by the counters' answers or by the event log; all were called.
  CHECK(std::set<std::string>(calls.begin(), calls.end()).size() == calls.size());
  CHECK(PgCount(db,
                "SELECT COUNT(*) FROM (SELECT ticket FROM events WHERE type='ticket.called' "
                "GROUP BY ticket HAVING COUNT(*) > 1) t") == 0);
  CHECK(PgCount(db, "SELECT COUNT(*) FROM tickets WHERE service='rekam' AND status='waiting'") ==
        0);

  // The streams went on: the one on the killed process reconnected to another and resumed,
  // and every stream carried every acknowledged ticket's issue, in id order.
  int reconnects = 0;
  for (auto& s : streams) reconnects += s->reconnects();
  CHECK(reconnects >= 1);
  for (auto& s : streams) {
    std::string missing;
    bool complete = wait_until(
        [&] {
          auto items = s->Items();
          for (const auto& [id, number] : tickets) {
            if (!HasNumber(items, "ticket.issued", number)) {
              missing = number;
              return false;
            }
          }
          return true;
        },
        10);
    CHECK_MESSAGE(complete, "stream lacks ", missing);
    auto items = s->Items();
    for (size_t i = 1; i < items.size(); ++i) CHECK(items[i].id > items[i - 1].id);
  }
}
