// The survey kiosk's screen and app against the real antre-server: taps in, answers stored.
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "../support/server_process.h"
#include "../support/temp_dir.h"
#include "kiosk/survey_app.h"

using namespace antre;
using namespace antre::kiosk;

namespace {

// A survey screen driven by taps on its own targets, each past the tap guard.
struct Rig {
  SurveyScreen screen{ScreenConfig{}};
  UnixMs now = 1795833660000;
  bool Tap(const std::string& id) {
    now += 1000;
    ui::Frame f = screen.BuildFrame(ui::FakeTextMeasurer());
    const ui::TouchTarget* t = f.FindTarget(id);
    if (t) screen.OnTap(t->rect.Center(), now);
    return t != nullptr;
  }
};

}  // namespace

TEST_CASE("SurveyKiosk blackbox: answers typed at the kiosk reach the IKM") {
  TempDir dir;
  ServerProcess srv(dir.File("s.db"));
  auto cli = srv.Client();
  auto kiosk = Bearer("demo-kiosk-token");
  REQUIRE(
      cli->Post("/api/v1/sites/serang/tickets", kiosk, "{\"service\":\"kk\"}", "application/json")
          ->status == 201);
  std::string officer = Login(*cli, "petugas4", "petugas-demo");
  REQUIRE(
      cli->Post("/api/v1/sites/serang/counters/4/next", Bearer(officer), "{}", "application/json")
          ->status == 200);
  REQUIRE(
      cli->Post("/api/v1/sites/serang/counters/4/finish", Bearer(officer), "{}", "application/json")
          ->status == 200);

  Rig r;
  SurveyApp app({srv.base_url(), "serang", "demo-kiosk-token"}, &r.screen);
  app.Start();
  auto until = [&](const std::function<bool()>& done) {
    for (int i = 0; i < 300 && !done(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      app.Pump(r.now);
    }
    return done();
  };
  REQUIRE(r.Tap("prefix:C"));
  REQUIRE(r.Tap("digit:1"));
  REQUIRE(r.Tap("continue"));
  REQUIRE(until([&] { return r.screen.state() == SurveyState::kQuestion; }));
  for (int i = 0; i < kSurveyElements; ++i) REQUIRE(r.Tap("choice:3"));
  REQUIRE(until([&] { return r.screen.state() == SurveyState::kThanks; }));

  // The same number again is refused before any question.
  r.screen.Tick(r.now + 9000);
  r.now += 9000;
  REQUIRE(r.Tap("prefix:C"));
  REQUIRE(r.Tap("digit:1"));
  REQUIRE(r.Tap("continue"));
  REQUIRE(until([&] { return r.screen.state() == SurveyState::kRefused; }));
  CHECK(r.screen.refusal() == SurveyRefusal::kAnswered);
  app.Stop();

  std::string boss = Login(*cli, "supervisor", "supervisor-demo");
  auto csv = cli->Get("/api/v1/sites/serang/ikm?format=csv&rows=responses", Bearer(boss));
  CHECK(csv->body.find(",kk,kiosk,3,3,3,3,3,3,3,3,3\r\n") != std::string::npos);
}
