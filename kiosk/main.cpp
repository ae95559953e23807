// antre-kiosk (screenshot mode only for now).
#include <cstdio>

#include "kiosk/kiosk_settings.h"
#include "kiosk/screenshot.h"
#include "ui/sdl_renderer.h"

using namespace antre;

int main(int argc, char** argv) {
  auto settings = kiosk::ParseKioskArgs(argc, argv);
  if (!settings.ok()) {
    std::fprintf(stderr, "%s\n", settings.error().message.c_str());
    return 2;
  }
  const kiosk::KioskSettings& s = settings.value();
  ui::FontCache fonts(s.font_dir.empty() ? ui::DefaultFontDir() : s.font_dir);
  kiosk::ScreenConfig base;
  base.width_mm = s.screen_w_mm, base.height_mm = s.screen_h_mm;
  std::vector<std::string> problems;
  std::string error;
  int n = kiosk::WriteScreenshots(s.screenshot_dir, &fonts, base, &problems, &error);
  for (const auto& p : problems) std::fprintf(stderr, "layout: %s\n", p.c_str());
  if (n < 0) std::fprintf(stderr, "screenshot failed: %s\n", error.c_str());
  std::printf("wrote %d screenshots to %s\n", n, s.screenshot_dir.c_str());
  return n < 0 || !problems.empty() ? 1 : 0;
}
