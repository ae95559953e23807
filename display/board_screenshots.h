// `antre-display --screenshot DIR`: the board with demo data at the supported sizes, as PNGs.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ui/sdl_renderer.h"

namespace antre {

// The four sizes the board must work at: 1280x720, 1920x1080, 3840x2160, portrait 1080x1920.
std::vector<std::pair<int, int>> BoardScreenshotSizes();

// Writes board-WxH.png for each size (six counters), board-WxH-12-counters.png and
// board-WxH-16-counters.png for bigger offices, plus board-1920x1080-reconnecting.png,
// board-1920x1080-calling.png (mid-animation), board-1080x1920-zone.png (--counters 1,2) and
// board-1080x1920-16-counters-recall.png (the smallest call card, longest names).
// Each frame is checked with CheckLayout; problems are appended to *problems as text.
// Returns the number of files written, or -1 with *error if rendering failed.
int WriteBoardScreenshots(const std::string& dir, ui::FontCache* fonts,
                          std::vector<std::string>* problems, std::string* error);

}  // namespace antre
