// Scenario 5b: kiosk tap to printed ticket. The kiosk's own screen, app and PNG printer (as
// main() wires them, without a window) against a demo server: time from the tap on a service
// to the ticket image appearing in the PNG printer's folder, 20 tickets per run.
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "bench_util.h"
#include "kiosk/kiosk_app.h"
#include "kiosk/printer.h"
#include "scenarios.h"
#include "ui/sdl_renderer.h"

namespace antre::bench {
namespace {

using kiosk::KioskState;

constexpr int kTickets = 20;

UnixMs WallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Kiosk {
  ui::FontCache fonts;
  std::unique_ptr<kiosk::Printer> printer;
  kiosk::KioskScreen screen;
  kiosk::KioskApp app;
  int keys = 0;

  Kiosk(const std::string& url, const std::string& printer_spec)
      : printer(MakePrinter(printer_spec, &fonts)),
        screen(Config(url), [this] { return "bench-" + std::to_string(WallMs()) + "-" + std::to_string(++keys); }),
        app(kiosk::KioskAppOptions{url, "serang", "demo-kiosk-token", 60000, 100, 200, 500}, &screen,
            printer.get()) {
    app.Start();
  }
  static std::unique_ptr<kiosk::Printer> MakePrinter(const std::string& spec, ui::FontCache* fonts) {
    std::string err;
    auto p = kiosk::MakePrinter(spec, 80, fonts, &err);
    if (!p) throw std::runtime_error("kiosk printer: " + err);
    return p;
  }
  static kiosk::ScreenConfig Config(const std::string& url) {
    kiosk::ScreenConfig c;
    c.public_url = url;
    c.tap_guard_ms = 0;
    return c;
  }
  bool Until(const std::function<bool()>& pred, int timeout_ms = 10000) {
    auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (Clock::now() < end) {
      app.Pump(WallMs());
      if (pred()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
  }
  bool Tap(const std::string& id) {
    ui::Frame f = screen.BuildFrame(ui::FakeTextMeasurer());
    const ui::TouchTarget* t = f.FindTarget(id);
    if (!t) return false;
    screen.OnTap(t->rect.Center(), WallMs());
    return true;
  }
};

}  // namespace

Samples BenchKioskPrint() {
  setenv("SDL_VIDEODRIVER", "offscreen", 0);  // no window; the printer renders in memory
  Scratch dir;
  Server server(dir.File("kiosk.db"), {"--demo"});
  Kiosk k("http://127.0.0.1:" + std::to_string(server.port()), "png:" + dir.File(""));
  std::vector<double> lat;
  for (int i = 0; i < kTickets; ++i) {
    if (!k.Until([&] { return k.screen.state() == KioskState::kHome; })) throw std::runtime_error("kiosk not home");
    auto t0 = Clock::now();
    if (!k.Tap("service:rekam")) throw std::runtime_error("no rekam button");
    if (!k.Until([&] { return k.screen.state() == KioskState::kTicket; })) throw std::runtime_error("no ticket shown");
    const auto& t = k.screen.ticket()->ticket;
    const std::string png = dir.File("ticket-" + t.number + "-" + t.id + ".png");
    if (!k.Until([&] { return std::filesystem::exists(png); })) throw std::runtime_error("never printed " + png);
    lat.push_back(Ms(t0, Clock::now()));
    if (!k.Tap("done")) throw std::runtime_error("no done button");
  }
  return {{"kiosk tap -> PNG ticket p50", "ms", Percentile(&lat, 0.5)},
          {"kiosk tap -> PNG ticket max", "ms", Percentile(&lat, 1.0)}};
}

}  // namespace antre::bench
