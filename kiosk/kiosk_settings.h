// antre-kiosk's settings from the command line and an optional JSON config file.
#pragma once

#include <string>

#include "core/result.h"
#include "ui/date_format.h"

namespace antre::kiosk {

// Everything main() needs to build the kiosk. Defaults suit the demo on one machine.
struct KioskSettings {
  std::string server = "http://127.0.0.1:8080";
  std::string public_url;  // base of QR links; defaults to server
  std::string site = "serang";
  std::string token;
  std::string printer = "none";  // none | png:DIR | tcp:HOST:PORT | cups[:QUEUE] | /dev/usb/lp0
  int paper_mm = 80;             // 58 or 80
  bool fullscreen = false;
  int width = 1080, height = 1920;
  double screen_w_mm = 268, screen_h_mm = 476;  // 21.5" portrait panel
  ui::Lang lang = ui::Lang::kId;
  std::string screenshot_dir;  // set: write screenshots and exit
  std::string font_dir;        // empty: the bundled fonts
  bool survey = false;         // --survey: the satisfaction survey instead of tickets
  // Speech (EN 301 549 speech output): the "Bantuan suara" button on every screen, the
  // spoken number after each ticket, where the clips are, and how loud.
  bool speech_button = true;   // --speech on|off
  bool announce_ticket = true; // --announce-ticket on|off
  std::string voice_dir;       // --voice DIR; empty: the bundled clips (DefaultVoiceDir)
  int volume = 80;             // --volume 0..100
};

// Reads `--config FILE` first (JSON object with the long option names as keys, e.g.
// {"server": "...", "size": "1080x1920", "paper": 58}), then the other flags, which win.
// InvalidInput names the bad option or field; a help request gives NotFound with the usage.
Result<KioskSettings> ParseKioskArgs(int argc, const char* const* argv);

// The usage text.
std::string KioskUsage();

}  // namespace antre::kiosk
