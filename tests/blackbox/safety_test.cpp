// Black-box: concurrency, kill -9 recovery and the midnight rollover, against the real server.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

// Issues tickets from `kiosks` threads; returns (id -> number) of every 2xx reply.
std::map<std::string, std::string> IssueConcurrently(int port, int kiosks, int per_kiosk, const char* service,
                                                     std::atomic<bool>* stop = nullptr) {
  std::map<std::string, std::string> acked;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int k = 0; k < kiosks; ++k) {
    threads.emplace_back([&, k] {
      httplib::Client cli("127.0.0.1", port);
      cli.set_connection_timeout(1, 0);
      cli.set_read_timeout(5, 0);
      for (int i = 0; i < per_kiosk && !(stop && *stop); ++i) {
        std::string key = "k" + std::to_string(k) + "-" + std::to_string(i);
        auto res = cli.Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token", key),
                            std::string("{\"service\":\"") + service + "\"}", "application/json");
        if (res && (res->status == 201 || res->status == 200)) {
          std::lock_guard<std::mutex> lock(mu);
          acked[JsonField(res->body, "id")] = JsonField(res->body, "number");
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  return acked;
}

// Checks that every acknowledged ticket (id -> number) is there with its number after a
// restart; returns the numbers seen (each acknowledged number must be distinct).
std::set<std::string> CheckAcknowledged(httplib::Client& cli, const std::map<std::string, std::string>& acked) {
  std::set<std::string> numbers;
  for (const auto& [id, number] : acked) {
    auto res = cli.Get(("/api/v1/tickets/" + id).c_str());
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 200, "acknowledged ticket lost: ", number);
    CHECK(JsonField(res->body, "number") == number);
    numbers.insert(number);
  }
  CHECK(numbers.size() == acked.size());  // no number given to two tickets
  return numbers;
}

}  // namespace

TEST_CASE("Safety: concurrent kiosks and counters never duplicate, skip or lose a ticket") {
  TempDir dir;
  ServerProcess server(dir.File("c.db"));
  const int kKiosks = 8, kPerKiosk = 40, kTotal = kKiosks * kPerKiosk;
  std::map<std::string, std::string> acked;
  std::thread issuing([&] { acked = IssueConcurrently(server.port(), kKiosks, kPerKiosk, "rekam"); });

  // Counters 1, 2 and 6 serve rekam; two officers share each, pressing Next as fast as they can.
  std::mutex mu;
  std::multiset<std::string> called;
  std::atomic<int> done_count{0};
  std::vector<std::thread> officers;
  for (const char* counter : {"1", "2", "6", "1", "2", "6"}) {
    officers.emplace_back([&, counter] {
      httplib::Client cli("127.0.0.1", server.port());
      std::string token = Login(cli, std::string("petugas") + counter, "petugas-demo");
      int idle = 0;
      while (idle < 50 && done_count < kTotal) {
        auto res = cli.Post((std::string("/api/v1/sites/serang/counters/") + counter + "/next").c_str(),
                            Bearer(token), "{}", "application/json");
        if (res && res->status == 200) {
          std::lock_guard<std::mutex> lock(mu);
          called.insert(JsonField(res->body, "number"));
          ++done_count;
          idle = 0;
        } else {
          ++idle;
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
      }
    });
  }
  issuing.join();
  for (auto& t : officers) t.join();

  REQUIRE(acked.size() == static_cast<size_t>(kTotal));
  std::set<std::string> numbers;
  for (const auto& [id, number] : acked) numbers.insert(number);
  CHECK(numbers.size() == static_cast<size_t>(kTotal));  // no number issued twice
  CHECK(numbers.count("A001") == 1);
  CHECK(numbers.count("A320") == 1);  // and none skipped: A001..A320
  CHECK(called.size() == static_cast<size_t>(kTotal));
  CHECK(std::set<std::string>(called.begin(), called.end()).size() == called.size());  // none called twice
}

TEST_CASE("Safety: kill -9 while kiosks issue loses no acknowledged ticket and reuses no number") {
  TempDir dir;
  std::map<std::string, std::string> all_acked;
  int port = 0;
  for (int round = 0; round < 3; ++round) {
    ServerProcess server(dir.File("k.db"), {"--demo"}, port);
    port = server.port();
    std::atomic<bool> stop{false};
    std::map<std::string, std::string> acked;
    std::thread issuing([&] { acked = IssueConcurrently(server.port(), 8, 1000, "cetak", &stop); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    server.Kill9();
    stop = true;
    issuing.join();
    CHECK(acked.size() > 0);
    all_acked.insert(acked.begin(), acked.end());
  }
  ServerProcess server(dir.File("k.db"), {"--demo"}, port);
  auto cli = server.Client();
  std::set<std::string> numbers = CheckAcknowledged(*cli, all_acked);
  auto fresh = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"cetak\"}",
                         "application/json");
  CHECK(numbers.count(JsonField(fresh->body, "number")) == 0);
}

TEST_CASE("Safety: kill -9 amid batches of kiosks and counters loses nothing acknowledged, calls nothing twice") {
  TempDir dir;
  std::map<std::string, std::string> issued;  // id -> number, every 2xx issue over all rounds
  std::map<std::string, std::string> calls;   // ticket id -> counter, every 2xx call
  std::set<std::string> called_twice;
  int port = 0;
  for (int round = 0; round < 4; ++round) {
    ServerProcess server(dir.File("b.db"), {"--demo"}, port);
    port = server.port();
    std::atomic<bool> stop{false};
    std::atomic<int> round_calls{0};
    std::mutex mu;
    std::map<std::string, std::string> acked;
    std::thread issuing([&] { acked = IssueConcurrently(server.port(), 6, 1000, "rekam", &stop); });
    std::vector<std::thread> officers;
    for (const char* counter : {"1", "2", "6"}) {
      officers.emplace_back([&, counter] {
        httplib::Client cli("127.0.0.1", server.port());
        cli.set_read_timeout(5, 0);
        std::string token = Login(cli, std::string("petugas") + counter, "petugas-demo");
        while (!stop) {
          auto res = cli.Post((std::string("/api/v1/sites/serang/counters/") + counter + "/next").c_str(),
                              Bearer(token), "{}", "application/json");
          if (!res) break;
          if (res->status != 200) continue;
          std::lock_guard<std::mutex> lock(mu);
          std::string id = JsonField(res->body, "id");
          if (calls.count(id)) called_twice.insert(id);
          calls[id] = counter;
          ++round_calls;
        }
      });
    }
    // Kill while both kinds of request are in flight: once calls are being answered (a slow
    // sanitizer build takes long to log in), a little later each round.
    for (int i = 0; i < 3000 && round_calls == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + 100 * round));
    server.Kill9();
    stop = true;
    issuing.join();
    for (auto& t : officers) t.join();
    CHECK(acked.size() > 0);
    issued.insert(acked.begin(), acked.end());
  }
  ServerProcess server(dir.File("b.db"), {"--demo"}, port);
  auto cli = server.Client();
  CheckAcknowledged(*cli, issued);
  CHECK(called_twice.empty());             // no ticket called by two counters, or twice
  CHECK(calls.size() > 0);
  for (const auto& [id, counter] : calls) {
    auto res = cli->Get(("/api/v1/tickets/" + id).c_str());
    REQUIRE(res);
    CHECK_MESSAGE(JsonField(res->body, "status") != "waiting", "acknowledged call lost: ", id);
  }
}

TEST_CASE("Safety: a called ticket and a paused counter are restored after kill -9") {
  TempDir dir;
  int port = 0;
  {
    ServerProcess server(dir.File("r.db"));
    port = server.port();
    auto cli = server.Client();
    cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"ikd\"}", "application/json");
    std::string token = Login(*cli, "petugas5", "petugas-demo");
    REQUIRE(cli->Post("/api/v1/sites/serang/counters/5/next", Bearer(token), "{}", "application/json")->status == 200);
    REQUIRE(cli->Post("/api/v1/sites/serang/counters/3/pause", Bearer(token), "{}", "application/json")->status == 200);
    server.Kill9();
  }
  ServerProcess server(dir.File("r.db"), {"--demo"}, port);
  auto board = server.Client()->Get("/api/v1/sites/serang/board");
  REQUIRE(board);
  CHECK(board->body.find("\"id\":\"5\",\"name\":\"Loket 5\",\"services\":[\"ikd\",\"info\"],\"state\":\"serving\"") !=
        std::string::npos);
  CHECK(board->body.find("\"number\":\"E001\"") != std::string::npos);
  CHECK(board->body.find("\"id\":\"3\",\"name\":\"Loket 3\",\"services\":[\"cetak\"],\"state\":\"paused\"") !=
        std::string::npos);
}

TEST_CASE("Safety: local midnight expires waiting tickets once and restarts numbering") {
  TempDir dir;
  ServerProcess server(dir.File("m.db"), {"--demo", "--test-clock"});
  auto cli = server.Client();
  auto set_clock = [&](const char* iso) {
    auto res = cli->Post("/api/v1/test/clock", std::string("{\"now\":\"") + iso + "\"}", "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  };
  set_clock("2026-11-28T23:58:00+07:00");
  std::string ids[3];
  for (auto& id : ids) {
    auto res = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"akta\"}",
                         "application/json");
    id = JsonField(res->body, "id");
  }
  std::string token = Login(*cli, "petugas4", "petugas-demo");
  cli->Post("/api/v1/sites/serang/counters/4/next", Bearer(token), "{}", "application/json");  // D001 called
  StreamCollector stream(server.port(), "serang");
  REQUIRE(stream.Status(5000) == 200);  // subscribed before midnight comes, even on a busy machine
  set_clock("2026-11-29T00:00:05+07:00");
  set_clock("2026-11-29T00:00:10+07:00");
  REQUIRE(stream.WaitFor([](const std::vector<StreamCollector::Item>& i) { return i.size() >= 2; }, 3000));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto items = stream.Items();
  REQUIRE(items.size() == 2);  // exactly one expiry per waiting ticket, not repeated
  for (const auto& i : items) CHECK(i.type == "ticket.expired");
  CHECK(JsonField(cli->Get(("/api/v1/tickets/" + ids[1]).c_str())->body, "status") == "expired");
  CHECK(JsonField(cli->Get(("/api/v1/tickets/" + ids[0]).c_str())->body, "status") == "called");
  auto fresh = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"akta\"}",
                         "application/json");
  CHECK(JsonField(fresh->body, "number") == "D001");
  CHECK(JsonField(fresh->body, "issued_at").rfind("2026-11-29T00:00", 0) == 0);
  CHECK(cli->Post("/api/v1/test/clock", "{\"now\":\"2026-11-29T00:00:10+07:00\"}", "application/json")->status == 200);
}

TEST_CASE("Safety: the test clock route does not exist without --test-clock") {
  TempDir dir;
  ServerProcess server(dir.File("n.db"));
  CHECK(server.Client()->Post("/api/v1/test/clock", "{\"now\":\"2026-11-29T00:00:00Z\"}", "application/json")->status ==
        404);
}
