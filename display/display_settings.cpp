#include "display_settings.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "codec/json.h"

namespace antre {

namespace {

Error Bad(const std::string& message) { return MakeError(ErrorCode::kInvalidInput, message); }

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    size_t a = item.find_first_not_of(' ');
    size_t b = item.find_last_not_of(' ');
    if (a != std::string::npos) out.push_back(item.substr(a, b - a + 1));
  }
  return out;
}

// Without surrounding white space (a token file usually ends with a newline).
std::string Trim(const std::string& text) {
  const char* space = " \t\r\n";
  size_t a = text.find_first_not_of(space);
  if (a == std::string::npos) return "";
  return text.substr(a, text.find_last_not_of(space) - a + 1);
}

bool ParseInt(const std::string& text, int lo, int hi, int* out) {
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < lo || v > hi) return false;
  *out = static_cast<int>(v);
  return true;
}

bool ParseBool(const std::string& text, bool* out) {
  if (text == "true" || text == "1" || text == "yes") return *out = true, true;
  if (text == "false" || text == "0" || text == "no") return *out = false, true;
  return false;
}

// Applies one option by its long name; both the flags and the config file come through here.
Status Apply(const std::string& key, const std::string& value, DisplaySettings* s) {
  if (key == "server") {
    if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0) {
      return {Bad("--server must start with http:// or https://")};
    }
    s->server = value;
    while (!s->server.empty() && s->server.back() == '/') s->server.pop_back();
  } else if (key == "site") {
    if (value.empty()) return {Bad("--site must not be empty")};
    s->site = value;
  } else if (key == "counters") {
    s->counters = SplitList(value);
  } else if (key == "lang") {
    s->languages.clear();
    for (const std::string& code : SplitList(value)) {
      if (code == "id") {
        s->languages.push_back(VoiceLanguage::kIndonesian);
      } else if (code == "en") {
        s->languages.push_back(VoiceLanguage::kEnglish);
      } else {
        return {Bad("--lang takes id, en or id,en (got '" + value + "')")};
      }
    }
    if (s->languages.empty()) return {Bad("--lang takes id, en or id,en")};
  } else if (key == "size") {
    size_t x = value.find('x');
    if (x == std::string::npos || !ParseInt(value.substr(0, x), 160, 10000, &s->width) ||
        !ParseInt(value.substr(x + 1), 120, 10000, &s->height)) {
      return {Bad("--size takes WIDTHxHEIGHT, e.g. 1920x1080 (got '" + value + "')")};
    }
  } else if (key == "volume") {
    if (!ParseInt(value, 0, 100, &s->volume)) return {Bad("--volume takes 0..100")};
  } else if (key == "renderer") {
    if (value != "software" && value != "gpu") {
      return {Bad("--renderer takes software or gpu (got '" + value + "')")};
    }
    s->renderer = value;
  } else if (key == "fullscreen") {
    if (!ParseBool(value, &s->fullscreen)) return {Bad("fullscreen takes true or false")};
  } else if (key == "mute") {
    if (!ParseBool(value, &s->is_muted)) return {Bad("mute takes true or false")};
  } else if (key == "voice-dir") {
    s->voice_dir = value;
  } else if (key == "font-dir") {
    s->font_dir = value;
  } else if (key == "screenshot") {
    s->screenshot_dir = value;
  } else if (key == "token") {
    s->token = Trim(value);
  } else if (key == "token-file") {
    std::ifstream in(value);
    if (!in) return {Bad("cannot read token file " + value)};
    std::stringstream text;
    text << in.rdbuf();
    s->token = Trim(text.str());
    if (s->token.empty()) return {Bad("token file " + value + " is empty")};
  } else {
    return {Bad("unknown option '" + key + "' (see --help)")};
  }
  return Status::Ok();
}

Status ApplyConfigFile(const std::string& path, DisplaySettings* s) {
  std::ifstream in(path);
  if (!in) return {Bad("cannot read config file " + path)};
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseJson(text.str());
  if (!parsed.ok()) return {Bad(path + ": " + parsed.error().message)};
  const cJSON* root = parsed.value().get();
  if (!cJSON_IsObject(root)) return {Bad(path + ": must hold a JSON object")};
  for (const cJSON* item = root->child; item; item = item->next) {
    std::string value;
    if (cJSON_IsString(item)) {
      value = item->valuestring;
    } else if (cJSON_IsBool(item)) {
      value = cJSON_IsTrue(item) ? "true" : "false";
    } else if (cJSON_IsNumber(item)) {
      value = std::to_string(static_cast<long long>(item->valuedouble));
    } else {
      return {Bad(path + ": '" + item->string + "' must be a string, number or boolean")};
    }
    Status st = Apply(item->string, value, s);
    if (!st.ok()) return {Bad(path + ": " + st.error.message)};
  }
  return Status::Ok();
}

}  // namespace

std::string DisplayUsage() {
  return "usage: antre-display [--config FILE] [--server URL] [--site ID] [--counters 1,2,3]\n"
         "                     [--lang id|en|id,en] [--fullscreen] [--size WxH] [--volume 0-100]\n"
         "                     [--mute] [--voice-dir DIR] [--font-dir DIR] [--screenshot DIR]\n"
         "                     [--renderer software|gpu] [--token-file FILE]\n"
         "  --server URL      antre-server base URL (default http://127.0.0.1:8080)\n"
         "  --site ID         the office (default serang)\n"
         "  --counters LIST   show and announce only these counters (one screen per zone)\n"
         "  --lang            voice: id (default), en, or id,en for both\n"
         "  --size WxH        window size (default 1920x1080); --fullscreen uses the screen's\n"
         "  --volume N        voice volume 0..100 (default 80); --mute: no voice\n"
         "  --renderer R      software (default: no OpenGL, least memory) or gpu\n"
         "  --screenshot DIR  write the board at 1280x720, 1920x1080, 3840x2160 and 1080x1920\n"
         "                    with demo data to DIR, check the layout, and exit\n"
         "  --token-file FILE the display's device token: with one, it checks in with the\n"
         "                    server every 30 s (audio ok/none/muted); also $ANTRE_DISPLAY_TOKEN\n"
         "                    or the config key \"token\"; without one it sends nothing\n"
         "  --config FILE     JSON object with these option names as keys; flags win\n"
         "  keys in the window: M mute/unmute, +/- volume, F fullscreen, Esc quit\n";
}

Result<DisplaySettings> ParseDisplayArgs(int argc, const char* const* argv) {
  DisplaySettings s;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--config") {
      Status st = ApplyConfigFile(args[i + 1], &s);
      if (!st.ok()) return st.error;
    }
  }
  if (const char* env = std::getenv("ANTRE_DISPLAY_TOKEN")) {
    if (!Trim(env).empty()) s.token = Trim(env);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") return MakeError(ErrorCode::kNotFound, DisplayUsage());
    if (a == "--fullscreen") {
      s.fullscreen = true;
      continue;
    }
    if (a == "--mute") {
      s.is_muted = true;
      continue;
    }
    if (a.rfind("--", 0) != 0) return Bad("unexpected argument '" + a + "' (see --help)");
    if (i + 1 >= args.size()) return Bad(a + " needs a value");
    const std::string value = args[++i];
    if (a == "--config") continue;
    Status st = Apply(a.substr(2), value, &s);
    if (!st.ok()) return st.error;
  }
  return s;
}

}  // namespace antre
