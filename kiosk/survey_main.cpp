// `antre-kiosk --survey`: the survey kiosk in the window shell (linked into antre-kiosk only).
#include <cstdio>
#include <memory>

#include "kiosk/kiosk_window.h"
#include "kiosk/survey_app.h"
#include "kiosk/survey_kiosk.h"
#include "ui/sdl_renderer.h"
#include "voice/sdl_audio_sink.h"
#include "voice/voice_dir.h"

namespace antre::kiosk {

int RunSurveyKiosk(const KioskSettings& s, ui::FontCache* fonts) {
  ScreenConfig sc = MakeScreenConfig(s);
  if (!s.screenshot_dir.empty()) {
    std::vector<std::string> problems;
    std::string error;
    int n = WriteSurveyScreenshots(s.screenshot_dir, fonts, sc, &problems, &error);
    for (const auto& p : problems) std::fprintf(stderr, "layout: %s\n", p.c_str());
    if (n < 0) std::fprintf(stderr, "antre-kiosk: screenshots failed: %s\n", error.c_str());
    std::printf("wrote %d screenshots to %s\n", n, s.screenshot_dir.c_str());
    return n < 0 || !problems.empty() ? 1 : 0;
  }
  SurveyScreen screen(sc);
  SurveyApp app({s.server, s.site, s.token}, &screen);
  ui::ShellOptions window = MakeShellOptions(s, "Antre survey kiosk");
  return ui::RunWindowShell(window, fonts, [&](const ui::ShellContext&) {
    auto sink = std::make_unique<SdlAudioSink>(s.voice_dir.empty() ? DefaultVoiceDir() : s.voice_dir, window.log);
    return std::make_unique<ScreenClient<SurveyScreen, SurveyApp>>(&screen, &app, std::move(sink), s.volume);
  });
}

}  // namespace antre::kiosk
