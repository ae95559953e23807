// Black-box: the live event stream, replay, heartbeats and shutdown with streams open.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

using Items = std::vector<StreamCollector::Item>;

bool HasType(const Items& items, const std::string& type, size_t count = 1) {
  size_t n = 0;
  for (const auto& i : items) n += i.type == type ? 1 : 0;
  return n >= count;
}

// The demo config with a 1 s heartbeat, written into `dir`.
std::string FastHeartbeatConfig(const TempDir& dir) {
  std::ifstream in(std::string(ANTRE_TEST_OFFICE));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  size_t at = text.find("\"heartbeat_seconds\": 15");
  REQUIRE(at != std::string::npos);
  text.replace(at, 23, "\"heartbeat_seconds\": 1");
  std::ofstream(dir.File("fast.json")) << text;
  return dir.File("fast.json");
}

// The demo config with `from` replaced by `to` (each must occur), written into `dir`.
std::string PatchedConfig(const TempDir& dir, const std::vector<std::pair<std::string, std::string>>& edits) {
  std::ifstream in(std::string(ANTRE_TEST_OFFICE));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  for (const auto& [from, to] : edits) {
    size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    text.replace(at, from.size(), to);
  }
  std::ofstream(dir.File("patched.json")) << text;
  return dir.File("patched.json");
}

}  // namespace

TEST_CASE("Stream: with every public stream taken, a display's token still gets a stream and calls") {
  TempDir dir;
  const int kPublic = 8;
  ServerProcess server(dir.File("s.db"), {"--config", PatchedConfig(dir, {{"\"max_streams\": 64", "\"max_streams\": 8"}})});
  std::vector<std::unique_ptr<StreamCollector>> crowd;
  for (int i = 0; i < kPublic; ++i) {
    crowd.push_back(std::make_unique<StreamCollector>(server.port(), "serang"));
    REQUIRE_MESSAGE(crowd.back()->Status(5000) == 200, "public stream ", i);
  }
  // A ninth is refused while eight are open. (Once in a loaded CI run the ninth got a place:
  // then one of the eight must have ended, which is logged; the next one must be refused.)
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto refused = std::make_unique<StreamCollector>(server.port(), "serang");
    int status = refused->Status(5000);
    if (status == 503) {
      CHECK(refused->RetryAfter() == "5");
      CHECK(refused->WaitForEnd(2000));
      break;
    }
    int ended = 0;
    for (auto& c : crowd) ended += c->Ended();
    MESSAGE("stream ", kPublic + attempt + 1, " got ", status, " with ", ended, " of the crowd ended");
    CHECK(status == 200);
    CHECK(ended >= 1);
    CHECK(attempt < 2);
    crowd.push_back(std::move(refused));
  }

  StreamCollector display(server.port(), "serang", -1, Bearer("demo-display-token"));
  REQUIRE(display.Status(5000) == 200);
  StreamCollector wrong(server.port(), "serang", -1, Bearer("not-a-display-token"));
  CHECK(wrong.Status(5000) == 401);
  auto cli = server.Client();
  auto health = cli->Get("/api/v1/health", Bearer(Login(*cli, "petugas1", "petugas-demo")));  // details: staff
  REQUIRE(health);
  CHECK(health->body.find("\"device_streams\":1") != std::string::npos);
  CHECK(health->body.find("\"public_streams\":8") != std::string::npos);
  CHECK(health->body.find("\"event_streams\":9") != std::string::npos);

  REQUIRE(cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"kk\"}",
                    "application/json")->status == 201);
  std::string token = Login(*cli, "petugas4", "petugas-demo");
  REQUIRE(cli->Post("/api/v1/sites/serang/counters/4/next", Bearer(token), "{}", "application/json")->status == 200);
  CHECK(display.WaitFor([](const Items& i) { return HasType(i, "ticket.called"); }, 5000));
}

TEST_CASE("Stream: behind a trusted proxy each forwarded address has its own public cap") {
  TempDir dir;
  std::string config = PatchedConfig(
      dir, {{"\"max_streams\": 64", "\"max_streams\": 64, \"trusted_proxies\": [\"127.0.0.1\"]"},
            {"\"max_streams_per_address\": 1000", "\"max_streams_per_address\": 2"}});
  ServerProcess server(dir.File("s.db"), {"--config", config});
  const httplib::Headers kResident = {{"X-Forwarded-For", "203.0.113.7"}};
  StreamCollector a(server.port(), "serang", -1, kResident);
  StreamCollector b(server.port(), "serang", -1, kResident);
  REQUIRE(a.Status(5000) == 200);
  REQUIRE(b.Status(5000) == 200);
  // A forged first hop does not help: the proxy's own (last) hop is the one counted.
  StreamCollector third(server.port(), "serang", -1, {{"X-Forwarded-For", "10.1.1.1, 203.0.113.7"}});
  CHECK(third.Status(5000) == 503);
  CHECK(third.RetryAfter() == "5");
  StreamCollector neighbour(server.port(), "serang", -1, {{"X-Forwarded-For", "203.0.113.8"}});
  CHECK(neighbour.Status(5000) == 200);
}

TEST_CASE("Stream: each state change arrives live as one event with id, type and data") {
  TempDir dir;
  ServerProcess server(dir.File("s.db"));
  StreamCollector stream(server.port(), "serang");
  auto cli = server.Client();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"kk\"}", "application/json");
  std::string token = Login(*cli, "petugas4", "petugas-demo");
  cli->Post("/api/v1/sites/serang/counters/4/next", Bearer(token), "{}", "application/json");
  cli->Post("/api/v1/sites/serang/counters/4/recall", Bearer(token), "{}", "application/json");
  cli->Post("/api/v1/sites/serang/counters/4/pause", Bearer(token), "{}", "application/json");
  REQUIRE(stream.WaitFor([](const Items& i) { return HasType(i, "counter.paused"); }, 5000));
  Items items = stream.Items();
  REQUIRE(items.size() == 4);
  CHECK(items[0].type == "ticket.issued");
  CHECK(items[1].type == "ticket.called");
  CHECK(items[2].type == "ticket.recalled");
  for (size_t i = 1; i < items.size(); ++i) CHECK(items[i].id == items[i - 1].id + 1);
  const std::string& call = items[1].data;
  CHECK(call.find("\"number\":\"C001\"") != std::string::npos);
  CHECK(call.find("\"service\":\"kk\"") != std::string::npos);
  CHECK(call.find("\"counter\":\"4\"") != std::string::npos);
  CHECK(call.find("\"counter_name\":\"Loket 4\"") != std::string::npos);
  CHECK(call.find("\"at\":\"") != std::string::npos);
  CHECK(call.find("petugas") == std::string::npos);  // officers are staff data, not public
}

TEST_CASE("Stream: Last-Event-ID replays every later event of the day, then goes live") {
  TempDir dir;
  ServerProcess server(dir.File("s.db"));
  auto cli = server.Client();
  for (int i = 0; i < 5; ++i) {
    cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"rekam\"}", "application/json");
  }
  StreamCollector resumed(server.port(), "serang", 2);
  REQUIRE(resumed.WaitFor([](const Items& i) { return i.size() >= 3; }, 5000));
  Items items = resumed.Items();
  CHECK(items[0].id == 3);
  CHECK(items[2].id == 5);
  CHECK(items[2].data.find("A005") != std::string::npos);
  cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"rekam\"}", "application/json");
  REQUIRE(resumed.WaitFor([](const Items& i) { return i.size() >= 4; }, 5000));
  CHECK(resumed.Items()[3].id == 6);

  // The query-string form is for clients that cannot set headers (EventSource).
  httplib::Client raw("127.0.0.1", server.port());
  std::string got;
  raw.Get("/api/v1/sites/serang/events?last_event_id=5", [&](const char* d, size_t n) {
    got.append(d, n);
    return got.find("id: 6") == std::string::npos;
  });
  CHECK(got.find("id: 6") != std::string::npos);
  CHECK(got.find("id: 5") == std::string::npos);
  CHECK(cli->Get("/api/v1/sites/serang/events?last_event_id=abc")->status == 400);
}

TEST_CASE("Stream: a heartbeat comment keeps idle streams alive") {
  TempDir dir;
  ServerProcess server(dir.File("s.db"), {"--config", FastHeartbeatConfig(dir)});
  StreamCollector stream(server.port(), "serang");
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CHECK(stream.Pings() >= 1);
  CHECK(stream.Items().empty());
}

TEST_CASE("Stream: SIGTERM with streams open shuts down cleanly within a second") {
  TempDir dir;
  ServerProcess server(dir.File("s.db"));
  StreamCollector a(server.port(), "serang");
  StreamCollector b(server.port(), "serang");
  auto cli = server.Client();
  REQUIRE(cli->Get("/api/v1/health"));  // leaves an idle keep-alive connection open too
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto start = std::chrono::steady_clock::now();
  int status = server.Signal(SIGTERM);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(seconds < 1.0);
  CHECK(server.Log().find("antre-server: stopped") != std::string::npos);
  CHECK(a.WaitForEnd(2000));
}
