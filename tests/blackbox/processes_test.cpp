// Black-box: several antre-server processes on one PostgreSQL database work as one office
// (issue 16): numbers, calls, idempotency, the live streams and the in-memory state agree
// whichever process a kiosk, counter or phone reaches. On SQLite a second process on the same
// file is refused (tests/blackbox/ops_test.cpp), so these run in `processes_pg` only.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <libpq-fe.h>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

// Issues `per_kiosk` rekam tickets from each of `kiosks` threads through `port`, with keys
// that start with `prefix`; adds (id -> number) of every 2xx reply to `acked`.
void Issue(int port, const std::string& prefix, int kiosks, int per_kiosk, std::mutex* mu,
           std::map<std::string, std::string>* acked) {
  std::vector<std::thread> threads;
  for (int k = 0; k < kiosks; ++k) {
    threads.emplace_back([=] {
      httplib::Client cli("127.0.0.1", port);
      cli.set_read_timeout(10, 0);
      for (int i = 0; i < per_kiosk; ++i) {
        std::string key = prefix + std::to_string(k) + "-" + std::to_string(i);
        auto res = cli.Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token", key), "{\"service\":\"rekam\"}",
                            "application/json");
        if (res && res->status == 201) {
          std::lock_guard<std::mutex> lock(*mu);
          (*acked)[JsonField(res->body, "id")] = JsonField(res->body, "number");
        }
      }
    });
  }
  for (auto& t : threads) t.join();
}

}  // namespace

TEST_CASE("Processes: two servers on one database number, call and stream as one office") {
  if (!TestingOnPostgres()) {
    MESSAGE("several processes share a PostgreSQL database only; see processes_pg");
    return;
  }
  TempDir dir;
  ServerProcess a(dir.File("m.db"));
  ServerProcess b(dir.File("m.db"));  // the same database: it finds the office seeded
  StreamCollector stream_b(b.port(), "serang");
  REQUIRE(stream_b.Status(5000) == 200);

  const int kPerProcess = 4 * 30, kTotal = 2 * kPerProcess;
  std::mutex mu;
  std::map<std::string, std::string> acked;
  std::multiset<std::string> called;
  std::atomic<int> called_count{0};
  std::thread kiosks_a([&] { Issue(a.port(), "a", 4, 30, &mu, &acked); });
  std::thread kiosks_b([&] { Issue(b.port(), "b", 4, 30, &mu, &acked); });
  // Counters 1, 2 and 6 serve rekam; each has an officer pressing Next on each process.
  std::vector<std::thread> officers;
  for (int port : {a.port(), b.port()}) {
    for (const char* counter : {"1", "2", "6"}) {
      officers.emplace_back([&, port, counter] {
        httplib::Client cli("127.0.0.1", port);
        cli.set_read_timeout(10, 0);
        std::string token = Login(cli, std::string("petugas") + counter, "petugas-demo");
        int idle = 0;
        while (idle < 100 && called_count < kTotal) {
          auto res = cli.Post((std::string("/api/v1/sites/serang/counters/") + counter + "/next").c_str(),
                              Bearer(token), "{}", "application/json");
          if (res && res->status == 200) {
            std::lock_guard<std::mutex> lock(mu);
            called.insert(JsonField(res->body, "number"));
            ++called_count;
            idle = 0;
          } else {
            ++idle;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
          }
        }
      });
    }
  }
  kiosks_a.join();
  kiosks_b.join();
  for (auto& t : officers) t.join();

  // Numbers unique and gapless across both processes: A001..A240, each once.
  REQUIRE(acked.size() == static_cast<size_t>(kTotal));
  std::set<std::string> numbers;
  for (const auto& [id, number] : acked) numbers.insert(number);
  CHECK(numbers.size() == static_cast<size_t>(kTotal));
  CHECK(numbers.count("A001") == 1);
  CHECK(numbers.count("A240") == 1);
  CHECK(numbers.count("A241") == 0);
  // Every ticket called once, whichever process its counter pressed on.
  CHECK(called.size() == static_cast<size_t>(kTotal));
  CHECK(std::set<std::string>(called.begin(), called.end()).size() == called.size());

  // B's stream carried every ticket issued and called on either process, in id order.
  auto issued_and_called = [&](const std::vector<StreamCollector::Item>& items) {
    int issued = 0, calls = 0;
    for (const auto& item : items) {
      issued += item.type == "ticket.issued";
      calls += item.type == "ticket.called";
    }
    return issued == kTotal && calls == kTotal;
  };
  CHECK(stream_b.WaitFor(issued_and_called, 10000));
  auto items = stream_b.Items();
  for (size_t i = 1; i < items.size(); ++i) CHECK(items[i].id > items[i - 1].id);

  // What each process answers from memory follows the other's changes: every ticket has
  // the same status on both, and none is still waiting.
  // (A process follows the other within milliseconds; a loaded machine gets a few seconds.)
  int differing = -1, waiting = 0;
  auto cli_a = a.Client(), cli_b = b.Client();
  for (int round = 0; round < 30 && differing != 0; ++round) {
    if (round > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    differing = 0;
    waiting = 0;
    for (const auto& [id, number] : acked) {
      auto on_a = cli_a->Get(("/api/v1/tickets/" + id).c_str());
      auto on_b = cli_b->Get(("/api/v1/tickets/" + id).c_str());
      REQUIRE(on_a);
      REQUIRE(on_b);
      differing += JsonField(on_a->body, "status") != JsonField(on_b->body, "status");
      waiting += JsonField(on_a->body, "status") == "waiting";
    }
  }
  CHECK(differing == 0);
  CHECK(waiting == 0);
  auto queue_a = a.Client()->Get("/api/v1/sites/serang/services");
  auto queue_b = b.Client()->Get("/api/v1/sites/serang/services");
  REQUIRE(queue_a);
  REQUIRE(queue_b);
  CHECK(queue_a->body == queue_b->body);
}

TEST_CASE("Processes: a retried request reaching the other process gets the same ticket") {
  if (!TestingOnPostgres()) {
    MESSAGE("several processes share a PostgreSQL database only; see processes_pg");
    return;
  }
  TempDir dir;
  ServerProcess a(dir.File("i.db"));
  ServerProcess b(dir.File("i.db"));
  auto first = a.Client()->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token", "retry-1"),
                                "{\"service\":\"kk\"}", "application/json");
  REQUIRE(first);
  REQUIRE(first->status == 201);
  auto again = b.Client()->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token", "retry-1"),
                                "{\"service\":\"kk\"}", "application/json");
  REQUIRE(again);
  CHECK(again->status == 200);
  CHECK(JsonField(again->body, "id") == JsonField(first->body, "id"));
  CHECK(JsonField(again->body, "number") == JsonField(first->body, "number"));
  // The ticket B has never written is in B's memory too, with its place in the queue.
  std::string status;
  for (int i = 0; i < 50 && status != "waiting"; ++i) {
    auto res = b.Client()->Get(("/api/v1/tickets/" + JsonField(first->body, "id")).c_str());
    status = res && res->status == 200 ? JsonField(res->body, "status") : "";
    if (status != "waiting") std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(status == "waiting");
}

TEST_CASE("Processes: a lost database connection answers 503 and heals without a restart") {
  if (!TestingOnPostgres()) {
    MESSAGE("a database connection to lose is PostgreSQL's; see processes_pg");
    return;
  }
  TempDir dir;
  ServerProcess a(dir.File("l.db"));
  ServerProcess b(dir.File("l.db"));
  StreamCollector stream_b(b.port(), "serang");
  REQUIRE(stream_b.Status(5000) == 200);
  auto cli = a.Client();
  auto issue = [&] {
    return cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"kk\"}", "application/json");
  };
  REQUIRE(issue()->status == 201);  // C001

  // Every session of both servers is cut, as a database restart or failover would.
  PGconn* admin = PQconnectdb(TestDbLocation(dir.File("l.db")).c_str());
  REQUIRE(PQstatus(admin) == CONNECTION_OK);
  PGresult* r = PQexec(admin,
                       "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  CHECK(PQresultStatus(r) == PGRES_TUPLES_OK);
  CHECK(PQntuples(r) >= 2);
  PQclear(r);
  PQfinish(admin);

  // The first request may find the connection gone: a plain 503, nothing changed. Then the
  // server has connected again and goes on numbering where it was.
  std::vector<int> statuses;
  std::string number;
  for (int i = 0; i < 5 && number.empty(); ++i) {
    auto res = issue();
    REQUIRE(res);
    statuses.push_back(res->status);
    if (res->status == 201) {
      number = JsonField(res->body, "number");
    } else {
      CHECK(res->status == 503);
      CHECK(JsonField(res->body, "code") == "unavailable");
      CHECK(res->body.find("terminat") == std::string::npos);  // the server's words stay in its log
    }
  }
  CAPTURE(statuses.size());
  CHECK(number == "C002");
  // The other server follows again too: its stream carries the ticket issued after the cut.
  CHECK(stream_b.WaitFor(
      [&](const std::vector<StreamCollector::Item>& items) {
        for (const auto& item : items) {
          if (item.type == "ticket.issued" && item.data.find("\"C002\"") != std::string::npos) return true;
        }
        return false;
      },
      5000));
}
