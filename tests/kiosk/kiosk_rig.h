// A kiosk (screen + app + printer) wired to a real server and driven like main() does, but
// without a window: taps go to the screen's touch targets. Shared by the black-box tests.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "kiosk/kiosk_app.h"
#include "kiosk/printer.h"
#include "ui/sdl_renderer.h"
#include "ui/system_clock.h"

namespace antre::kiosk {

inline UnixMs Now() { return WallClockMs(); }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A kiosk wired to a server, driven like main() does but without a window.
struct Kiosk {
  ui::FontCache fonts;
  std::unique_ptr<Printer> printer;
  KioskScreen screen;
  KioskApp app;
  int keys = 0;

  Kiosk(const std::string& base_url, const std::string& printer_spec, int refresh_ms = 300, int checkin_ms = 60000)
      : printer(MakePrinterOrDie(printer_spec, &fonts)),
        screen(Config(base_url),
               [this] { return "bb-" + std::to_string(Now()) + "-" + std::to_string(++keys); }),
        app(KioskAppOptions{base_url, "serang", "demo-kiosk-token", refresh_ms, 100, 200, 500, checkin_ms},
            &screen, printer.get()) {
    app.Start();
  }
  // A kiosk with the app's own timing (options.server is the URL to use).
  Kiosk(const KioskAppOptions& options, const std::string& printer_spec)
      : printer(MakePrinterOrDie(printer_spec, &fonts)),
        screen(Config(options.server),
               [this] { return "bb-" + std::to_string(Now()) + "-" + std::to_string(++keys); }),
        app(options, &screen, printer.get()) {
    app.Start();
  }
  static std::unique_ptr<Printer> MakePrinterOrDie(const std::string& spec, ui::FontCache* fonts) {
    std::string err;
    auto p = MakePrinter(spec, 80, fonts, &err);
    REQUIRE_MESSAGE(p, err);
    return p;
  }
  static ScreenConfig Config(const std::string& url) {
    ScreenConfig c;
    c.public_url = url;
    c.tap_guard_ms = 0;
    return c;
  }
  // Pumps until pred holds or timeout; returns whether it held.
  bool Until(const std::function<bool()>& pred, int timeout_ms = 8000) {
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < end) {
      app.Pump(Now());
      if (pred()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  bool Tap(const std::string& id) {
    ui::Frame f = screen.BuildFrame(ui::FakeTextMeasurer());
    const ui::TouchTarget* t = f.FindTarget(id);
    if (!t) return false;
    screen.OnTap(t->rect.Center(), Now());
    return true;
  }
  // What a USB scanner does: one key of text at a time, then Enter.
  void Scan(const std::string& text) {
    for (char c : text) screen.OnText(std::string(1, c), Now());
    screen.OnEnter(Now());
  }
  bool InState(KioskState s) {
    return Until([&] { return screen.state() == s; });
  }
  int Waiting(const std::string& service) const {
    for (const auto& s : screen.services()) {
      if (s.service.id == service) return s.waiting;
    }
    return -1;
  }
};

}  // namespace antre::kiosk
