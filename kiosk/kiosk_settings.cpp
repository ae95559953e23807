#include "kiosk/kiosk_settings.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "codec/json.h"

namespace antre::kiosk {

std::string KioskUsage() {
  return "usage: antre-kiosk --server URL --site SITE --token TOKEN --printer SPEC [--paper 58|80]\n"
         "                   [--fullscreen] [--size WxH] [--lang id|en] [--screen-mm WxH]\n"
         "                   [--public-url URL] [--fonts DIR] [--config FILE] [--screenshot DIR]\n"
         "                   [--survey]   (the satisfaction survey kiosk instead of tickets)\n"
         "                   [--speech on|off] [--announce-ticket on|off] [--voice DIR] [--volume 0-100]\n"
         "printer SPEC: none | png:DIR | tcp:HOST[:PORT] | cups[:QUEUE] | DEVICE (e.g. /dev/usb/lp0)\n"
         "speech: --speech on (default) shows the \"Bantuan suara\" button on every screen; a USB\n"
         "  keypad or headset-jack navigator works either way (arrows/Tab move, Enter selects,\n"
         "  5 or Space repeats). --announce-ticket on (default) says each new ticket's number.\n"
         "  --voice: the clip folder (default: the bundled assets/voice). --volume: default 80.\n"
         "Every option can also be a key of the --config JSON file (\"speech\": \"off\", \"volume\": 60).\n";
}

namespace {

bool ParsePair(const std::string& text, double* a, double* b) {
  size_t x = text.find('x');
  if (x == std::string::npos) return false;
  char* end = nullptr;
  *a = std::strtod(text.substr(0, x).c_str(), &end);
  if (*end) return false;
  *b = std::strtod(text.substr(x + 1).c_str(), &end);
  return !*end && *a > 0 && *b > 0;
}

// Applies one option; InvalidInput when the value is bad or the option unknown.
Status Apply(const std::string& key, const std::string& value, KioskSettings* s) {
  auto bad = [&](const std::string& why) { return Status{MakeError(ErrorCode::kInvalidInput, "--" + key + ": " + why)}; };
  if (key == "server") s->server = value;
  else if (key == "public-url" || key == "public_url") s->public_url = value;
  else if (key == "site") s->site = value;
  else if (key == "token") s->token = value;
  else if (key == "printer") s->printer = value;
  else if (key == "fonts") s->font_dir = value;
  else if (key == "screenshot") s->screenshot_dir = value;
  else if (key == "fullscreen") s->fullscreen = value != "false" && value != "0";
  else if (key == "survey") s->survey = value != "false" && value != "0";
  else if (key == "voice") s->voice_dir = value;
  else if (key == "speech" || key == "announce-ticket" || key == "announce_ticket") {
    bool on = value == "on" || value == "true" || value == "1";
    if (!on && value != "off" && value != "false" && value != "0") return bad("must be on or off");
    (key == "speech" ? s->speech_button : s->announce_ticket) = on;
  } else if (key == "volume") {
    char* end = nullptr;
    long v = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end || v < 0 || v > 100) return bad("must be 0 to 100");
    s->volume = static_cast<int>(v);
  }
  else if (key == "paper") {
    if (value != "58" && value != "80") return bad("must be 58 or 80");
    s->paper_mm = std::stoi(value);
  } else if (key == "lang") {
    if (value != "id" && value != "en") return bad("must be id or en");
    s->lang = value == "id" ? ui::Lang::kId : ui::Lang::kEn;
  } else if (key == "size") {
    double w, h;
    if (!ParsePair(value, &w, &h) || w > 16384 || h > 16384) return bad("want WIDTHxHEIGHT in pixels");
    s->width = static_cast<int>(w), s->height = static_cast<int>(h);
  } else if (key == "screen-mm" || key == "screen_mm") {
    if (!ParsePair(value, &s->screen_w_mm, &s->screen_h_mm)) return bad("want WIDTHxHEIGHT in mm");
  } else {
    return Status{MakeError(ErrorCode::kInvalidInput, "unknown option --" + key)};
  }
  return Status::Ok();
}

Status ApplyConfigFile(const std::string& path, KioskSettings* s) {
  std::ifstream in(path);
  if (!in) return Status{MakeError(ErrorCode::kInvalidInput, "cannot read config file " + path)};
  std::stringstream ss;
  ss << in.rdbuf();
  auto json = ParseJson(ss.str());
  if (!json.ok()) return Status{MakeError(ErrorCode::kInvalidInput, path + ": " + json.error().message)};
  const cJSON* root = json.value().get();
  if (!cJSON_IsObject(root)) return Status{MakeError(ErrorCode::kInvalidInput, path + ": not a JSON object")};
  for (const cJSON* item = root->child; item; item = item->next) {
    std::string value;
    if (cJSON_IsString(item)) value = item->valuestring;
    else if (cJSON_IsNumber(item)) value = std::to_string(item->valueint);
    else if (cJSON_IsBool(item)) value = cJSON_IsTrue(item) ? "true" : "false";
    else return Status{MakeError(ErrorCode::kInvalidInput, path + ": bad value for '" + item->string + "'")};
    Status st = Apply(item->string, value, s);
    if (!st.ok()) return Status{MakeError(ErrorCode::kInvalidInput, path + ": " + st.error.message)};
  }
  return Status::Ok();
}

}  // namespace

Result<KioskSettings> ParseKioskArgs(int argc, const char* const* argv) {
  KioskSettings s;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--config") {
      Status st = ApplyConfigFile(argv[i + 1], &s);
      if (!st.ok()) return st.error;
    }
  }
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") return MakeError(ErrorCode::kNotFound, KioskUsage());
    if (arg.rfind("--", 0) != 0) return MakeError(ErrorCode::kInvalidInput, "unexpected argument " + arg);
    std::string key = arg.substr(2);
    if (key == "fullscreen") {
      s.fullscreen = true;
      continue;
    }
    if (key == "survey") {
      s.survey = true;
      continue;
    }
    if (i + 1 >= argc) return MakeError(ErrorCode::kInvalidInput, arg + " needs a value");
    std::string value = argv[++i];
    if (key == "config") continue;
    Status st = Apply(key, value, &s);
    if (!st.ok()) return st.error;
  }
  if (s.public_url.empty()) s.public_url = s.server;
  while (!s.public_url.empty() && s.public_url.back() == '/') s.public_url.pop_back();
  return s;
}

}  // namespace antre::kiosk
