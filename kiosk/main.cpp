// antre-kiosk: read settings, build the server client, printer, voice and window, run the loop.
#include <cstdio>
#include <memory>
#include <random>

#include "kiosk/kiosk_app.h"
#include "kiosk/kiosk_settings.h"
#include "kiosk/kiosk_window.h"
#include "kiosk/screenshot.h"
#include "kiosk/survey_kiosk.h"
#include "ui/sdl_renderer.h"
#include "ui/system_clock.h"
#include "voice/sdl_audio_sink.h"
#include "voice/voice_dir.h"

using namespace antre;

int main(int argc, char** argv) {
  auto parsed = kiosk::ParseKioskArgs(argc, argv);
  if (!parsed.ok()) {
    bool is_help = parsed.error().code == ErrorCode::kNotFound;
    std::fprintf(is_help ? stdout : stderr, "%s\n", parsed.error().message.c_str());
    return is_help ? 0 : 2;
  }
  const kiosk::KioskSettings& s = parsed.value();
  ui::FontCache fonts(s.font_dir.empty() ? ui::DefaultFontDir() : s.font_dir);
  if (!fonts.ok()) return std::fprintf(stderr, "antre-kiosk: %s\n", fonts.error().c_str()), 1;
  if (s.survey) return kiosk::RunSurveyKiosk(s, &fonts);
  kiosk::ScreenConfig sc = kiosk::MakeScreenConfig(s);
  if (!s.screenshot_dir.empty()) {
    std::vector<std::string> problems;
    std::string error;
    int n = kiosk::WriteScreenshots(s.screenshot_dir, &fonts, sc, &problems, &error);
    for (const auto& p : problems) std::fprintf(stderr, "layout: %s\n", p.c_str());
    if (n < 0) std::fprintf(stderr, "antre-kiosk: screenshots failed: %s\n", error.c_str());
    std::printf("wrote %d screenshots to %s\n", n, s.screenshot_dir.c_str());
    return n < 0 || !problems.empty() ? 1 : 0;
  }
  std::string error;
  auto printer = kiosk::MakePrinter(s.printer, s.paper_mm, &fonts, &error);
  if (!printer) return std::fprintf(stderr, "antre-kiosk: %s\n", error.c_str()), 2;
  sc.has_printer = printer->prints_paper();
  // Keys are "<random per run>-<attempt>": unique across restarts without stored state. The
  // attempt has 8 digits, so a run's keys sort in the order they are made and the server's
  // key index grows at one place instead of a scattered page per ticket.
  std::string run = std::to_string(std::random_device{}()) + std::to_string(WallClockMs());
  int attempt = 0;
  kiosk::KioskScreen screen(sc, [&] {
    char number[16];
    std::snprintf(number, sizeof number, "%08d", ++attempt);
    return "kiosk-" + run + "-" + number;
  });
  kiosk::KioskApp app({s.server, s.site, s.token}, &screen, printer.get());
  ui::ShellOptions window = kiosk::MakeShellOptions(s, "Antre kiosk");
  return ui::RunWindowShell(window, &fonts, [&](const ui::ShellContext&) {
    auto sink = std::make_unique<SdlAudioSink>(s.voice_dir.empty() ? DefaultVoiceDir() : s.voice_dir, window.log);
    return std::make_unique<kiosk::ScreenClient<kiosk::KioskScreen, kiosk::KioskApp>>(&screen, &app, std::move(sink),
                                                                                      s.volume);
  });
}
