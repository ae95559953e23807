// The kiosk's home screen against the real antre-server: opening hours, a daily quota running
// out, announcements arriving live, and the kiosk's periodic check-in.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "../support/server_process.h"
#include "../support/temp_dir.h"
#include "kiosk_rig.h"

using namespace antre;
using namespace antre::kiosk;

namespace {

// The always-open test office with kk open Mon-Fri 08:00-15:00 and rekam limited to `quota`
// walk-in tickets a day.
std::string Office(const TempDir& dir, int quota) {
  std::string text = ReadFile(ANTRE_TEST_OFFICE);
  size_t at = text.find("\"id\": \"kk\",");
  REQUIRE(at != std::string::npos);
  text.insert(at, "\"hours\": {\"mon\": [\"08:00\", \"15:00\"], \"tue\": [\"08:00\", \"15:00\"], \"wed\": [\"08:00\", "
                  "\"15:00\"], \"thu\": [\"08:00\", \"15:00\"], \"fri\": [\"08:00\", \"15:00\"]}, ");
  at = text.find("\"id\": \"rekam\",");
  REQUIRE(at != std::string::npos);
  text.insert(at, "\"daily_quota\": " + std::to_string(quota) + ", ");
  std::ofstream(dir.File("office.json")) << text;
  return dir.File("office.json");
}

void SetClock(ServerProcess& srv, const std::string& iso) {
  auto res = srv.Client()->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\"}", "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
}

std::string Text(const Kiosk& k) {
  std::string all;
  for (const auto& c : k.screen.BuildFrame(ui::FakeTextMeasurer()).commands) {
    if (const auto* t = std::get_if<ui::TextCmd>(&c)) all += t->text + "\n";
  }
  return all;
}

}  // namespace

TEST_CASE("Kiosk hours blackbox: outside its hours a service shows when it opens; at opening it is tappable") {
  TempDir dir;
  ServerProcess srv(dir.File("h.db"), {"--config", Office(dir, 0), "--test-clock"});
  SetClock(srv, "2026-11-28T10:00:00+07:00");  // Saturday
  Kiosk k(srv.base_url(), "none");
  REQUIRE(k.InState(KioskState::kHome));
  CHECK(k.Until([&] { return Text(k).find("Tutup — buka") != std::string::npos; }));
  CHECK_FALSE(k.Tap("service:kk"));
  CHECK(k.screen.state() == KioskState::kHome);
  SetClock(srv, "2026-11-30T08:00:00+07:00");  // Monday opening: the next read shows it open
  CHECK(k.Until([&] { return k.screen.BuildFrame(ui::FakeTextMeasurer()).FindTarget("service:kk") != nullptr; }));
  REQUIRE(k.Tap("service:kk"));
  CHECK(k.InState(KioskState::kTicket));
}

TEST_CASE("Kiosk hours blackbox: the last place of the quota greys the tile out through the event stream") {
  TempDir dir;
  ServerProcess srv(dir.File("q.db"), {"--config", Office(dir, 2)});
  Kiosk k(srv.base_url(), "none", 60000);  // no periodic refresh: only events
  REQUIRE(k.InState(KioskState::kHome));
  REQUIRE(k.Tap("service:rekam"));
  REQUIRE(k.InState(KioskState::kTicket));
  // Another kiosk takes the last place.
  auto cli = srv.Client();
  auto r = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"rekam\"}",
                     "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 201);
  REQUIRE(k.Tap("done"));
  CHECK(k.Until([&] { return Text(k).find("Kuota hari ini habis") != std::string::npos; }, 5000));
  CHECK_FALSE(k.Tap("service:rekam"));
  CHECK(k.Tap("service:cetak"));  // other services are unaffected
  CHECK(k.InState(KioskState::kTicket));
}

TEST_CASE("Kiosk hours blackbox: announcements appear and go away live") {
  TempDir dir;
  ServerProcess srv(dir.File("a.db"));
  Kiosk k(srv.base_url(), "none", 60000);
  REQUIRE(k.InState(KioskState::kHome));
  auto cli = srv.Client();
  std::string token = Login(*cli, "supervisor", "supervisor-demo");
  REQUIRE(!token.empty());
  auto made = cli->Post("/api/v1/sites/serang/announcements", Bearer(token),
                        "{\"text\":{\"id\":\"Loket 3 istirahat sampai 13:00.\",\"en\":\"Counter 3 is on a break until 13:00.\"},"
                        "\"ends_at\":\"2099-01-01T00:00:00+07:00\"}",
                        "application/json");
  REQUIRE(made);
  REQUIRE(made->status == 201);
  CHECK(k.Until([&] { return Text(k).find("Pengumuman: Loket 3 istirahat sampai 13:00.") != std::string::npos; }, 5000));
  auto removed = cli->Post("/api/v1/sites/serang/announcements/" + JsonField(made->body, "id") + "/remove",
                           Bearer(token), "", "application/json");
  REQUIRE(removed);
  REQUIRE(removed->status == 200);
  CHECK(k.Until([&] { return Text(k).find("Pengumuman") == std::string::npos; }, 5000));
}

TEST_CASE("Kiosk hours blackbox: the kiosk checks in periodically, with no printer change") {
  TempDir dir;
  ServerProcess srv(dir.File("c.db"));
  auto cli = srv.Client();
  std::string token = Login(*cli, "supervisor", "supervisor-demo");
  // This kiosk's entry of the device list (the demo office also has a display).
  auto kiosk_entry = [&]() -> std::string {
    auto res = cli->Get("/api/v1/sites/serang/devices", Bearer(token));
    if (!res || res->status != 200) return "";
    size_t at = res->body.find("{\"id\":\"kiosk-1\"");
    return at == std::string::npos ? "" : res->body.substr(at, res->body.find('}', at) - at + 1);
  };
  auto last_seen = [&] { return JsonField(kiosk_entry(), "last_seen"); };
  CHECK(last_seen() == "null");
  Kiosk k(srv.base_url(), "none", 60000, 300);
  std::string first;
  REQUIRE(k.Until([&] { return (first = last_seen()) != "null" && !first.empty(); }, 5000));
  CHECK(JsonField(kiosk_entry(), "printer") == "unknown");
  // last_seen has whole seconds: a later check-in shows within a little over a second.
  CHECK(k.Until([&] { return last_seen() != first; }, 5000));
}
