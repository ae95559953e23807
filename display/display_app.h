// The running display: an SDL window that redraws only when the board or the clock changes.
#pragma once

#include "display_settings.h"

namespace antre {

// Opens the window, connects to the server and runs until the window is closed (or Esc).
// Returns the process exit code: 0 on a normal quit, 1 if SDL or the fonts cannot start.
int RunDisplay(const DisplaySettings& settings);

}  // namespace antre
