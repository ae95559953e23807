// ApiClient and EventStream against the real antre-server process, over real HTTP.
#include <doctest/doctest.h>

#include <functional>

#include "client/api_client.h"
#include "client/event_stream.h"
#include "codec/json.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;
using namespace std::chrono_literals;

namespace {

constexpr const char* kKioskToken = "demo-kiosk-token";

// Starts the demo office on `port` (0 = any) with its database in dir.
std::unique_ptr<ServerProcess> StartDemo(const TempDir& dir, int port) {
  return std::make_unique<ServerProcess>(dir.File("antre.db"), std::vector<std::string>{"--demo"}, port);
}

bool WaitFor(const std::function<bool()>& cond, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return cond();
}

// Reads events into *seen until one of `type` arrives; false on timeout.
bool WaitForType(EventStream* stream, std::vector<SseEvent>* seen, const std::string& type,
                 std::chrono::milliseconds limit = 5s) {
  auto end = std::chrono::steady_clock::now() + limit;
  size_t from = seen->size();
  while (std::chrono::steady_clock::now() < end) {
    for (auto& e : stream->WaitForEvents(100ms)) seen->push_back(std::move(e));
    for (size_t i = from; i < seen->size(); ++i) {
      if ((*seen)[i].type == type) return true;
    }
  }
  return false;
}

// Logs the demo officer in and returns the session token.
std::string LoginOfficer(const std::string& base_url) {
  ApiClient client(base_url);
  auto res = client.Send("POST", "/api/v1/auth/login",
                         R"({"username":"petugas1","password":"petugas-demo"})");
  REQUIRE(res.ok());
  REQUIRE_MESSAGE(res.value().status == 200, res.value().body);
  auto json = ParseJson(res.value().body);
  REQUIRE(json.ok());
  std::string token;
  REQUIRE(ReadString(json.value().get(), "token", true, &token).ok());
  return token;
}

std::vector<int64_t> Ids(const std::vector<SseEvent>& events) {
  std::vector<int64_t> ids;
  for (const auto& e : events) ids.push_back(std::stoll(e.id));
  return ids;
}

}  // namespace

TEST_CASE("ApiClient: services, tickets and errors against the real server") {
  TempDir dir;
  auto server = StartDemo(dir, 0);
  ApiClient anonymous(server->base_url());
  ApiClient kiosk(server->base_url(), kKioskToken);

  auto health = anonymous.Health();
  REQUIRE_MESSAGE(health.ok(), health.error().message);
  CHECK(health.value() == "ok");

  auto services = anonymous.ListServices("serang");
  REQUIRE_MESSAGE(services.ok(), services.error().message);
  CHECK(services.value().size() == 6);
  CHECK(anonymous.ListServices("atlantis").error().code == ErrorCode::kNotFound);

  CHECK(anonymous.IssueTicket("serang", "rekam", Priority::kNone, "").error().code ==
        ErrorCode::kUnauthorized);
  auto first = kiosk.IssueTicket("serang", "rekam", Priority::kLansia, "kiosk1-0001");
  REQUIRE_MESSAGE(first.ok(), first.error().message);
  CHECK(first.value().ticket.status == TicketStatus::kWaiting);
  CHECK(first.value().ticket.priority == Priority::kLansia);
  CHECK(first.value().position == 1);
  auto replay = kiosk.IssueTicket("serang", "rekam", Priority::kLansia, "kiosk1-0001");
  REQUIRE(replay.ok());
  CHECK(replay.value().ticket.id == first.value().ticket.id);
  CHECK(replay.value().ticket.number == first.value().ticket.number);

  auto fetched = anonymous.GetTicket(first.value().ticket.id);
  REQUIRE_MESSAGE(fetched.ok(), fetched.error().message);
  CHECK(fetched.value().ticket.number == first.value().ticket.number);
  CHECK(fetched.value().ticket.issued_at == first.value().ticket.issued_at);
  CHECK(anonymous.GetTicket("no-such-ticket").error().code == ErrorCode::kNotFound);

  // Device check-ins go to the kind's route with the client's token; a bad token is refused.
  CHECK(kiosk.ReportDeviceStatus("serang", "kiosk", R"({"printer":"ok","message":""})").ok());
  ApiClient display(server->base_url(), "demo-display-token");
  auto shown = display.ReportDeviceStatus("serang", "display", R"({"audio":"ok"})");
  CHECK_MESSAGE(shown.ok(), shown.error.message);
  CHECK(ApiClient(server->base_url(), "not-a-token").ReportDeviceStatus("serang", "display", R"({"audio":"ok"})")
            .error.code == ErrorCode::kUnauthorized);

  auto board = anonymous.GetBoard("serang");
  REQUIRE_MESSAGE(board.ok(), board.error().message);
  CHECK(board.value().site == "serang");
  CHECK(board.value().services.size() == 6);
  CHECK(board.value().last_event_id >= 1);

  int port = server->port();
  server->Kill9();
  auto down = ApiClient("http://127.0.0.1:" + std::to_string(port)).Health();
  CHECK(down.error().code == ErrorCode::kUnavailable);
}

TEST_CASE("EventStream: live events survive a server kill and resume without gaps") {
  TempDir dir;
  auto server = StartDemo(dir, 0);
  const std::string base = server->base_url();
  EventStream stream(base, "serang");
  stream.Start();
  REQUIRE(WaitFor([&] { return stream.state() == StreamState::kLive; }, 3s));

  ApiClient kiosk(base, kKioskToken);
  std::vector<SseEvent> seen;
  REQUIRE(kiosk.IssueTicket("serang", "rekam", Priority::kNone, "").ok());
  REQUIRE(WaitForType(&stream, &seen, "ticket.issued"));

  ApiClient officer(base, LoginOfficer(base));
  auto next = officer.Send("POST", "/api/v1/sites/serang/counters/1/next", "");
  REQUIRE(next.ok());
  REQUIRE_MESSAGE(next.value().status == 200, next.value().body);
  REQUIRE(WaitForType(&stream, &seen, "ticket.called"));
  const std::string& called = seen.back().data;
  CHECK(called.find("\"number\":\"") != std::string::npos);
  CHECK(called.find("\"counter\":\"1\"") != std::string::npos);
  CHECK_FALSE(stream.TakeResyncNeeded());

  // Kill hard, then bring the same database back on the same port; tickets issued right
  // away may land before the stream reconnects, so only Last-Event-ID can deliver them.
  int port = server->port();
  server->Kill9();
  REQUIRE(WaitFor([&] { return stream.state() == StreamState::kReconnecting; }, 3s));
  server = StartDemo(dir, port);
  REQUIRE(kiosk.IssueTicket("serang", "kk", Priority::kNone, "").ok());
  REQUIRE(kiosk.IssueTicket("serang", "rekam", Priority::kHamil, "").ok());
  size_t before = seen.size();
  REQUIRE(WaitFor(
      [&] {
        for (auto& e : stream.Poll()) seen.push_back(std::move(e));
        return seen.size() >= before + 2;
      },
      8s));
  CHECK(stream.live_count() == 2);
  CHECK(stream.TakeResyncNeeded());

  std::vector<int64_t> ids = Ids(seen);
  for (size_t i = 1; i < ids.size(); ++i) CHECK(ids[i] == ids[i - 1] + 1);
  CHECK(stream.last_event_id() == std::to_string(ids.back()));

  // A fresh stream told where to resume gets exactly the later events, replayed.
  EventStreamOptions resume;
  resume.last_event_id = std::to_string(ids.front());
  EventStream replay(base, "serang", resume);
  replay.Start();
  std::vector<SseEvent> replayed;
  REQUIRE(WaitFor(
      [&] {
        for (auto& e : replay.Poll()) replayed.push_back(std::move(e));
        return replayed.size() >= ids.size() - 1;
      },
      5s));
  CHECK(Ids(replayed) == std::vector<int64_t>(ids.begin() + 1, ids.end()));
}

TEST_CASE("EventStream: reconnecting while the server is down, live once it starts") {
  TempDir dir;
  int port = PickFreePort();
  REQUIRE(port > 0);
  EventStream stream("http://127.0.0.1:" + std::to_string(port), "serang");
  stream.Start();
  REQUIRE(WaitFor([&] { return stream.state() == StreamState::kReconnecting; }, 3s));
  CHECK(stream.live_count() == 0);
  CHECK_FALSE(stream.last_error().empty());

  auto server = StartDemo(dir, port);
  REQUIRE(WaitFor([&] { return stream.state() == StreamState::kLive; }, 6s));
  REQUIRE(ApiClient(server->base_url(), kKioskToken)
              .IssueTicket("serang", "rekam", Priority::kNone, "")
              .ok());
  std::vector<SseEvent> seen;
  CHECK(WaitForType(&stream, &seen, "ticket.issued"));

  auto t0 = std::chrono::steady_clock::now();
  stream.Stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 1500ms);
}
