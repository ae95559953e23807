// Every kiosk screen from fixture data, for `antre-kiosk --screenshot DIR` and the tests.
#pragma once

#include <string>
#include <vector>

#include "kiosk/kiosk_screen.h"
#include "ui/draw.h"
#include "ui/layout_check.h"

namespace antre::ui {
class FontCache;
}

namespace antre::kiosk {

// One named screen, laid out at one size in one language.
struct FixtureFrame {
  std::string name;  // "home-id-1080x1920"
  ui::Frame frame;
  int min_target_px = 0;
  int min_text_px = 0;  // capitals 4.8 mm on this screen (KioskScreen::MinTextPx)
};

// The screen sizes screenshots cover: portrait kiosk, full HD landscape, 720p landscape.
std::vector<std::pair<int, int>> ScreenshotSizes();

// The demo office's services with made-up waiting figures (one closed when with_closed).
std::vector<ServiceStatus> FixtureServices(bool with_closed);

// Every screen (home, home in speech mode with a highlighted service, priority-home, issuing, ticket, priority ticket, printer error,
// out of order, closed service (and when it reopens), blank-card stock low/empty, and OPAK MANIS check-in: code
// entry empty/partial/full, waiting, ticket with booking line, too early, too late, not found,
// cancelled) in one language at one size, fixed at 28 Nov 2026 09:41 WIB.
// `base` supplies the physical screen size; its width/height are replaced.
std::vector<FixtureFrame> FixtureFrames(int width, int height, Lang lang, const ui::TextMeasurer& m,
                                        ScreenConfig base);

// Writes every fixture frame at every size in both languages as DIR/<name>.png and checks
// each with CheckLayout. Returns the number of files written; problems go to *problems as
// "<name>: <message>". -1 with *error if the folder or rendering fails.
int WriteScreenshots(const std::string& dir, ui::FontCache* fonts, const ScreenConfig& base,
                     std::vector<std::string>* problems, std::string* error);

}  // namespace antre::kiosk
