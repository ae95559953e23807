// antre-display: the wall board that shows and says the calls. Reads settings, then either
// writes screenshots or runs the window.
#include <SDL.h>

#include <cstdio>

#include "display/board_screenshots.h"
#include "display/display_app.h"
#include "display/display_settings.h"

using namespace antre;

int main(int argc, char** argv) {
  auto settings = ParseDisplayArgs(argc, argv);
  if (!settings.ok()) {
    bool is_help = settings.error().code == ErrorCode::kNotFound;
    std::fprintf(is_help ? stdout : stderr, "%s\n", settings.error().message.c_str());
    return is_help ? 0 : 2;
  }
  const DisplaySettings& s = settings.value();
  if (s.screenshot_dir.empty()) return RunDisplay(s);

  ui::FontCache fonts(s.font_dir.empty() ? ui::DefaultFontDir() : s.font_dir);
  std::vector<std::string> problems;
  std::string error;
  int n = WriteBoardScreenshots(s.screenshot_dir, &fonts, &problems, &error);
  for (const std::string& p : problems) std::fprintf(stderr, "layout: %s\n", p.c_str());
  if (n < 0) std::fprintf(stderr, "screenshot failed: %s\n", error.c_str());
  std::printf("wrote %d screenshots to %s\n", n < 0 ? 0 : n, s.screenshot_dir.c_str());
  return n < 0 || !problems.empty() ? 1 : 0;
}
