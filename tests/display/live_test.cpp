// Black-box: the display's live core (DisplayController = snapshot + EventStream + BoardState
// + Announcer with a recording sink) against the real antre-server. Calls must reach the
// board, and a cut network, a killed server and a server that starts late must all end live
// with no call missed (checked against the server's own event ids).
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "codec/wire_decode.h"
#include "core/local_time.h"
#include "display/display_controller.h"
#include "ui/system_clock.h"
#include "server_process.h"
#include "tcp_proxy.h"
#include "temp_dir.h"

using namespace antre;

namespace {

// Records every clip sequence; each "plays" instantly.
class RecordingSink : public AudioSink {
 public:
  bool Play(const std::vector<std::string>& clips, int) override {
    std::lock_guard<std::mutex> lock(mu_);
    played_.push_back(clips);
    return true;
  }
  bool IsPlaying() override { return false; }
  std::vector<std::vector<std::string>> played() {
    std::lock_guard<std::mutex> lock(mu_);
    return played_;
  }

 private:
  std::mutex mu_;
  std::vector<std::vector<std::string>> played_;
};

// The display's core, wired as in the program but with a recording sink and quick retries.
struct Display {
  SystemClock clock;
  RecordingSink sink;
  Announcer announcer;
  DisplayController controller;

  explicit Display(const std::string& base_url)
      : announcer(&sink, &clock, VoiceOptions()),
        controller(Options(base_url), &clock, &announcer) {
    controller.Start();
  }
  static AnnouncerOptions VoiceOptions() {
    AnnouncerOptions o;
    o.gap_ms = 0;
    return o;
  }
  static ControllerOptions Options(const std::string& base_url) {
    ControllerOptions o;
    o.server = base_url;
    o.site = "serang";
    o.snapshot_retry_ms = 200;
    o.stream.initial_backoff_ms = 100;
    o.stream.max_backoff_ms = 500;
    return o;
  }
  // Ticks like the program's loop until pred holds or timeout; returns whether it held.
  bool TickUntil(const std::function<bool()>& pred, int timeout_ms = 10000) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < end) {
      controller.Tick();
      if (pred()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    controller.Tick();
    return pred();
  }
  bool IsLive() {
    return controller.stream_state() == StreamState::kLive && controller.board().has_snapshot();
  }
  bool Shows(const std::string& number) {
    const CallRecord* c = controller.board().newest_call();
    return c && c->number == number;
  }
  // The ticket numbers said so far, in order (the clip after "id/nomor_antrean" onwards).
  std::vector<std::string> SpokenLetters() {
    std::vector<std::string> out;
    for (const auto& clips : sink.played()) out.push_back(clips.size() > 2 ? clips[2] : "");
    return out;
  }
};

// Drives the server as a kiosk and an officer would.
struct Office {
  std::unique_ptr<httplib::Client> cli;
  std::string token;
  explicit Office(const ServerProcess& server) : cli(server.Client()) {
    token = Login(*cli, "petugas6", "petugas-demo");
    REQUIRE(!token.empty());
  }
  std::string Issue(const std::string& service) {
    auto r = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"),
                       "{\"service\":\"" + service + "\"}", "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return JsonField(r->body, "number");
  }
  std::string Next(const std::string& counter) {
    auto r = cli->Post("/api/v1/sites/serang/counters/" + counter + "/next", Bearer(token), "",
                       "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return JsonField(r->body, "number");
  }
  void Post(const std::string& counter, const std::string& action) {
    auto r = cli->Post("/api/v1/sites/serang/counters/" + counter + "/" + action, Bearer(token), "",
                       "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
  }
};

// Every event id the server logged for the site today (a replay from id 0).
std::vector<long long> ServerEventIds(int port) {
  StreamCollector all(port, "serang", 0);
  std::vector<long long> ids;
  all.WaitFor([](const std::vector<StreamCollector::Item>& items) { return !items.empty(); }, 3000);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  for (const auto& item : all.Items()) ids.push_back(item.id);
  return ids;
}

std::string Join(const std::vector<long long>& ids) {
  std::string out;
  for (long long id : ids) out += std::to_string(id) + " ";
  return out;
}

// Every server event after the display's first snapshot reached it exactly once, in order.
void CheckNoEventMissed(Display& d, int port) {
  const long long since = d.controller.first_snapshot_event_id();
  REQUIRE(since >= 0);
  std::vector<long long> expected;
  for (long long id : ServerEventIds(port)) {
    if (id > since) expected.push_back(id);
  }
  std::vector<long long> seen(d.controller.event_ids_seen().begin(),
                              d.controller.event_ids_seen().end());
  INFO("server: " << Join(expected) << "/ display: " << Join(seen));
  CHECK(!expected.empty());
  CHECK(seen == expected);
}

// The display's tiles, newest call and waiting counts match the server's own board, within
// a few seconds (a snapshot read while events are written is read again a second later).
void CheckBoardMatchesServer(Display& d, const ServerProcess& server) {
  auto cli = server.Client();
  d.TickUntil(
      [&] {
        auto r = cli->Get("/api/v1/sites/serang/board");
        auto board =
            r ? DecodeBoard(r->body) : Result<BoardSnapshot>(Error{ErrorCode::kUnavailable, ""});
        if (!board.ok()) return false;
        const BoardState& shown = d.controller.board();
        if (shown.services().size() != board.value().services.size()) return false;
        for (size_t i = 0; i < shown.services().size(); ++i) {
          if (shown.services()[i].waiting != board.value().services[i].waiting) return false;
        }
        for (size_t i = 0; i < shown.counters().size() && i < board.value().counters.size(); ++i) {
          const auto& truth = board.value().counters[i];
          if (shown.counters()[i].current != (truth.current ? truth.current->number : ""))
            return false;
        }
        return true;
      },
      4000);
  auto r = cli->Get("/api/v1/sites/serang/board");
  REQUIRE(r);
  auto board = DecodeBoard(r->body);
  REQUIRE(board.ok());
  const BoardState& shown = d.controller.board();
  REQUIRE(shown.counters().size() == board.value().counters.size());
  for (size_t i = 0; i < shown.counters().size(); ++i) {
    const CounterStatus& truth = board.value().counters[i];
    CAPTURE(truth.counter.id);
    CHECK(shown.counters()[i].id == truth.counter.id);
    CHECK(shown.counters()[i].current == (truth.current ? truth.current->number : ""));
    CHECK(shown.counters()[i].is_paused == (truth.state == CounterState::kPaused));
  }
  REQUIRE(!board.value().recent_calls.empty());
  CHECK(shown.newest_call()->number == board.value().recent_calls.front().number);
  REQUIRE(shown.services().size() == board.value().services.size());
  for (size_t i = 0; i < shown.services().size(); ++i) {
    CHECK(shown.services()[i].waiting == board.value().services[i].waiting);
  }
  CHECK(shown.card_stock() == ParseCardStock(board.value().stock_level));
}

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("Live: calls reach the board and are spoken in order; a recall is spoken again") {
  TempDir dir;
  ServerProcess server(dir.File("d.db"));
  Office office(server);
  office.Issue("rekam");
  office.Issue("cetak");
  Display d(server.base_url());
  REQUIRE(d.TickUntil([&] { return d.IsLive(); }));
  CHECK(d.controller.board().services().front().waiting == 1);

  std::string first = office.Next("1");   // A001
  std::string second = office.Next("3");  // B001
  office.Post("1", "recall");
  REQUIRE(d.TickUntil([&] { return d.sink.played().size() == 3; }));
  CHECK(d.Shows(first));
  CHECK(d.controller.board().newest_call()->is_recall);
  auto played = d.sink.played();
  CHECK(played[0] == std::vector<std::string>{"id/chime", "id/nomor_antrean", "id/a", "id/satu",
                                              "id/silakan_menuju_loket", "id/satu"});
  CHECK(played[1][2] == "id/b");
  CHECK(played[1].back() == "id/tiga");
  CHECK(played[2] == played[0]);
  CHECK(d.controller.board().services().front().waiting == 0);
  office.Post("3", "pause");
  REQUIRE(d.TickUntil([&] {
    for (const auto& t : d.controller.board().counters()) {
      if (t.id == "3") return t.is_paused;
    }
    return false;
  }));
  // Blank cards running low reach the board through the stream's stock.changed event.
  CHECK(d.controller.board().card_stock() == CardStock::kAvailable);
  auto low = office.cli->Post(
      "/api/v1/sites/serang/stock", Bearer(Login(*office.cli, "supervisor", "supervisor-demo")),
      R"({"delta":-460,"kind":"adjusted","reason":"opname"})", "application/json");
  REQUIRE(low);
  CHECK(low->status == 200);
  REQUIRE(d.TickUntil([&] { return d.controller.board().card_stock() == CardStock::kLow; }));
  CheckNoEventMissed(d, server.port());
  CheckBoardMatchesServer(d, server);
}

// Issue #7: a supervisor's announcement reaches the display's ticker within a second of the
// POST, and leaves it within a second of its removal.
TEST_CASE("Live: an announcement reaches the ticker within a second and leaves on removal") {
  TempDir dir;
  ServerProcess server(dir.File("d.db"));
  auto cli = server.Client();
  const std::string sup = Login(*cli, "supervisor", "supervisor-demo");
  REQUIRE(!sup.empty());
  Display d(server.base_url());
  REQUIRE(d.TickUntil([&] { return d.IsLive(); }));
  const std::string text = "Loket 3 istirahat sampai 13:00.";
  auto on_ticker = [&] {
    for (const TickerMessage& m : d.controller.board().ticker()) {
      if (m.text.id == text) return m.key;
    }
    return std::string();
  };
  REQUIRE(on_ticker().empty());

  SystemClock clock;
  const std::string ends =
      FormatIsoLocal(clock.NowMs() + 30 * 60000LL, TimeZone{"Asia/Jakarta", 420});
  auto started = std::chrono::steady_clock::now();
  auto r = cli->Post("/api/v1/sites/serang/announcements", Bearer(sup),
                     R"({"text":{"id":")" + text +
                         R"(","en":"Counter 3 is on a break."},"ends_at":")" + ends + "\"}",
                     "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 201);
  const std::string id = JsonField(r->body, "id");
  CHECK(d.TickUntil([&] { return !on_ticker().empty(); }, 1000));
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  started);
  MESSAGE("announcement on the ticker after " << ms.count() << " ms");
  CHECK(ms.count() < 1000);
  CHECK(on_ticker() == id);

  started = std::chrono::steady_clock::now();
  auto gone = cli->Post("/api/v1/sites/serang/announcements/" + id + "/remove", Bearer(sup), "",
                        "application/json");
  REQUIRE(gone);
  REQUIRE(gone->status == 200);
  CHECK(d.TickUntil([&] { return on_ticker().empty(); }, 1000));
  ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                             started);
  MESSAGE("announcement off the ticker after " << ms.count() << " ms");
  CHECK(ms.count() < 1000);
}

TEST_CASE("Live: a counter an admin closes leaves the tiles at once, and returns when reopened") {
  TempDir dir;
  ServerProcess server(dir.File("c.db"));
  auto cli = server.Client();
  const std::string admin = Login(*cli, "admin", "admin-demo");
  REQUIRE(!admin.empty());
  Display d(server.base_url());
  REQUIRE(d.TickUntil([&] { return d.IsLive(); }));
  auto has_tile = [&](const std::string& id) {
    const auto& tiles = d.controller.board().counters();
    return std::any_of(tiles.begin(), tiles.end(), [&](const CounterTile& t) { return t.id == id; });
  };
  REQUIRE(has_tile("2"));
  auto set_open = [&](bool open) {
    auto r = cli->Post("/api/v1/sites/serang/admin/counters/2", Bearer(admin),
                       std::string("{\"open\":") + (open ? "true" : "false") + "}", "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
  };
  // Well before the five-minute re-read: the site.changed event makes the display read again.
  set_open(false);
  CHECK(d.TickUntil([&] { return !has_tile("2"); }, 5000));
  CHECK(has_tile("1"));
  set_open(true);
  CHECK(d.TickUntil([&] { return has_tile("2"); }, 5000));
}

TEST_CASE("Live: a cut network shows the mark, then resumes with every call missed meanwhile") {
  TempDir dir;
  ServerProcess server(dir.File("d.db"));
  TcpProxy proxy(server.port());
  Office office(server);
  for (int i = 0; i < 4; ++i) office.Issue("rekam");
  Display d("http://127.0.0.1:" + std::to_string(proxy.port()));
  REQUIRE(d.TickUntil([&] { return d.IsLive(); }));
  office.Next("1");
  REQUIRE(d.TickUntil([&] { return d.Shows("A001"); }));

  proxy.SetDown(true);
  proxy.CutAll();
  REQUIRE(d.TickUntil([&] { return d.controller.stream_state() != StreamState::kLive; }));
  std::string during1 = office.Next("2");  // A002 and A003 happen while the display is cut off
  std::string during2 = office.Next("1");
  REQUIRE(
      d.TickUntil([&] { return d.controller.board().ShowsReconnecting(d.clock.NowMs()); }, 8000));
  CHECK(d.Shows("A001"));  // the last state stays on screen

  const int snapshots_before = d.controller.snapshots_applied();
  proxy.SetDown(false);
  REQUIRE(d.TickUntil([&] { return d.IsLive() && d.Shows(during2); }));
  // After the reconnect the board was re-read, not only patched by the replay.
  REQUIRE(d.TickUntil([&] { return d.controller.snapshots_applied() > snapshots_before; }));
  CHECK_FALSE(d.controller.board().ShowsReconnecting(d.clock.NowMs()));
  // Both calls made during the cut were recent, so both are said, in order, once each.
  REQUIRE(d.TickUntil([&] { return d.sink.played().size() == 3; }));
  CHECK(d.sink.played()[1][3] == "id/dua");
  CHECK(d.sink.played()[2][3] == "id/tiga");
  office.Next("2");
  REQUIRE(d.TickUntil([&] { return d.Shows("A004"); }));
  CheckNoEventMissed(d, server.port());
  CheckBoardMatchesServer(d, server);
}

TEST_CASE("Live: kill -9 and restart of the server on the same port and database") {
  TempDir dir;
  auto server = std::make_unique<ServerProcess>(dir.File("d.db"));
  const int port = server->port();
  {
    Office office(*server);
    for (int i = 0; i < 3; ++i) office.Issue("kk");
  }
  Display d(server->base_url());
  REQUIRE(d.TickUntil([&] { return d.IsLive(); }));
  {
    Office office(*server);
    office.Next("4");
  }
  REQUIRE(d.TickUntil([&] { return d.Shows("C001"); }));

  server->Kill9();
  server.reset();
  REQUIRE(d.TickUntil([&] { return d.controller.stream_state() != StreamState::kLive; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  server =
      std::make_unique<ServerProcess>(dir.File("d.db"), std::vector<std::string>{"--demo"}, port);
  Office office(*server);
  REQUIRE(d.TickUntil([&] { return d.IsLive(); }));
  office.Next("4");  // C002, after the restart
  office.Next("6");  // C003
  REQUIRE(d.TickUntil([&] { return d.Shows("C003"); }));
  REQUIRE(d.TickUntil([&] { return d.sink.played().size() == 3; }));
  CheckNoEventMissed(d, port);
  CheckBoardMatchesServer(d, *server);
}

TEST_CASE("Live: a display started before its server comes up by itself") {
  TempDir dir;
  const int port = FreePort();
  Display d("http://127.0.0.1:" + std::to_string(port));
  REQUIRE(
      d.TickUntil([&] { return d.controller.board().ShowsReconnecting(d.clock.NowMs()); }, 8000));
  CHECK_FALSE(d.controller.board().has_snapshot());

  ServerProcess server(dir.File("d.db"), {"--demo"}, port);
  Office office(server);
  office.Issue("ikd");
  REQUIRE(d.TickUntil([&] { return d.IsLive(); }));
  office.Next("5");
  REQUIRE(d.TickUntil([&] { return d.Shows("E001"); }));
  REQUIRE(d.TickUntil([&] { return d.sink.played().size() == 1; }));
  CHECK(d.sink.played()[0][2] == "id/e");
  CHECK_FALSE(d.controller.board().ShowsReconnecting(d.clock.NowMs()));
  CheckNoEventMissed(d, port);
  CheckBoardMatchesServer(d, server);
}

TEST_CASE(
    "Live: a display clock 3 min ahead still speaks; a call replayed 2 min late is not spoken") {
  TempDir dir;
  ServerProcess server(dir.File("d.db"), {"--demo", "--test-clock"});
  TcpProxy proxy(server.port());
  SystemClock clock;
  const TimeZone wib{"Asia/Jakarta", 420};
  if ((clock.NowMs() + 420 * 60000LL) % 86400000LL < 15 * 60000LL) {
    MESSAGE("skipped: too close to local midnight to move the server clock back");
    return;
  }
  auto set_server_clock = [&](int64_t offset_ms) {
    auto r = server.Client()->Post(
        "/api/v1/test/clock",
        "{\"now\":\"" + FormatIsoLocal(clock.NowMs() + offset_ms, wib) + "\"}", "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
  };
  set_server_clock(-3 * 60000);  // the server is 3 minutes behind the display
  Office office(server);
  for (int i = 0; i < 3; ++i) office.Issue("rekam");
  Display d("http://127.0.0.1:" + std::to_string(proxy.port()));
  REQUIRE(d.TickUntil([&] { return d.IsLive(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));  // past the reconnect burst
  office.Next("1");
  REQUIRE(d.TickUntil([&] { return d.Shows("A001") && d.sink.played().size() == 1; }));

  proxy.SetDown(true);
  proxy.CutAll();
  REQUIRE(d.TickUntil([&] { return d.controller.stream_state() != StreamState::kLive; }));
  set_server_clock(-5 * 60000);  // A002 is stamped two minutes before "now" on the server's scale
  office.Next("2");
  set_server_clock(-3 * 60000);
  office.Next("1");  // A003: recent
  proxy.SetDown(false);
  REQUIRE(d.TickUntil([&] { return d.IsLive() && d.Shows("A003"); }));
  REQUIRE(d.TickUntil([&] { return d.sink.played().size() == 2; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  d.controller.Tick();
  REQUIRE(d.sink.played().size() == 2);  // A002 was shown on its tile but not said
  CHECK(d.sink.played()[1][3] == "id/tiga");
  bool a002_on_board = false;
  for (const CallRecord& call : d.controller.board().recent_calls())
    a002_on_board |= call.number == "A002";
  CHECK(a002_on_board);
}
