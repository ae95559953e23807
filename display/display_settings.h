// antre-display's settings from the command line and an optional JSON config file.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "voice/number_words.h"
#include "voice/voice_dir.h"

namespace antre {

// Everything main() needs to build the display. Defaults suit the demo on one machine.
struct DisplaySettings {
  std::string server = "http://127.0.0.1:8080";
  std::string site = "serang";
  std::vector<std::string> counters;  // empty: every counter
  std::vector<VoiceLanguage> languages = {VoiceLanguage::kIndonesian};
  bool fullscreen = false;
  // "software" (default): SDL's software renderer straight into the X window, no OpenGL
  // loaded (~100 MB less memory; a board redraws a few times a minute). "gpu": SDL's best
  // accelerated renderer, for a weak CPU driving a 4K screen with a real GPU.
  std::string renderer = "software";
  int width = 1920, height = 1080;
  int volume = 80;
  bool is_muted = false;
  std::string voice_dir;       // empty: the bundled clips (see DefaultVoiceDir)
  std::string font_dir;        // empty: the bundled fonts
  std::string screenshot_dir;  // set: write screenshots and exit
  // The display's device token for its check-in (POST .../display/status) and its event
  // stream (then a device stream); empty: no check-in, and a public stream. Never logged.
  std::string token;
};

// Reads `--config FILE` first (a JSON object with the long option names as keys, e.g.
// {"server": "http://10.0.0.2:8080", "counters": "1,2", "size": "1920x1080", "volume": 60,
// "mute": false, "token": "..."}), then $ANTRE_DISPLAY_TOKEN, then the other flags, which
// win (--token-file FILE reads the token from a file). InvalidInput names the bad option or
// field, never the token; --help gives NotFound with the usage as its message.
Result<DisplaySettings> ParseDisplayArgs(int argc, const char* const* argv);

// The usage text.
std::string DisplayUsage();

}  // namespace antre
