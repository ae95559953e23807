// antre-display's command line and config file.
#include "display/display_settings.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "temp_dir.h"

using namespace antre;

namespace {

Result<DisplaySettings> Parse(std::vector<std::string> args) {
  args.insert(args.begin(), "antre-display");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  return ParseDisplayArgs(static_cast<int>(argv.size()), argv.data());
}

}  // namespace

TEST_CASE("DisplaySettings: defaults and every flag") {
  auto d = Parse({});
  REQUIRE(d.ok());
  CHECK(d.value().server == "http://127.0.0.1:8080");
  CHECK(d.value().site == "serang");
  CHECK(d.value().languages == std::vector<VoiceLanguage>{VoiceLanguage::kIndonesian});
  CHECK(d.value().renderer == "software");  // no OpenGL unless asked for
  CHECK(Parse({"--renderer", "gpu"}).value().renderer == "gpu");
  auto s = Parse({"--server", "http://10.0.0.2:8080/", "--site", "cilegon", "--counters", "1, 2,3",
                  "--lang", "id,en", "--fullscreen", "--size", "1080x1920", "--volume", "35",
                  "--mute", "--screenshot", "/tmp/x"});
  REQUIRE(s.ok());
  CHECK(s.value().server == "http://10.0.0.2:8080");
  CHECK(s.value().site == "cilegon");
  CHECK(s.value().counters == std::vector<std::string>{"1", "2", "3"});
  CHECK(s.value().languages.size() == 2);
  CHECK(s.value().fullscreen);
  CHECK(s.value().width == 1080);
  CHECK(s.value().height == 1920);
  CHECK(s.value().volume == 35);
  CHECK(s.value().is_muted);
  CHECK(s.value().screenshot_dir == "/tmp/x");
}

TEST_CASE("DisplaySettings: bad values are refused with the option named") {
  const std::vector<std::vector<std::string>> bad = {
      {"--server", "10.0.0.2"},
      {"--lang", "jv"},
      {"--size", "big"},
      {"--size", "10x10"},
      {"--volume", "101"},
      {"--volume", "-1"},
      {"--site", ""},
      {"--renderer", "vulkan"},
      {"--colour", "red"},
      {"--volume"},
      {"stray"},
  };
  for (const auto& args : bad) {
    auto r = Parse(args);
    CAPTURE(args.front());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kInvalidInput);
  }
  CHECK(Parse({"--help"}).error().code == ErrorCode::kNotFound);
}

TEST_CASE("DisplaySettings: a config file sets options and flags win over it") {
  TempDir dir;
  std::ofstream(dir.File("d.json"))
      << R"({"server":"http://192.168.1.5:8080","counters":"4,5","volume":60,"mute":true,"lang":"en"})";
  auto s = Parse({"--config", dir.File("d.json"), "--volume", "20"});
  REQUIRE(s.ok());
  CHECK(s.value().server == "http://192.168.1.5:8080");
  CHECK(s.value().counters == std::vector<std::string>{"4", "5"});
  CHECK(s.value().volume == 20);
  CHECK(s.value().is_muted);
  CHECK(s.value().languages == std::vector<VoiceLanguage>{VoiceLanguage::kEnglish});
  std::ofstream(dir.File("bad.json")) << R"({"volume":"loud"})";
  CHECK_FALSE(Parse({"--config", dir.File("bad.json")}).ok());
  CHECK_FALSE(Parse({"--config", dir.File("missing.json")}).ok());
}

TEST_CASE("DisplaySettings: the device token from the config, the environment or a file") {
  TempDir dir;
  unsetenv("ANTRE_DISPLAY_TOKEN");
  CHECK(Parse({}).value().token.empty());  // no token: the display sends no check-in
  std::ofstream(dir.File("d.json")) << R"({"token":"from-config"})";
  CHECK(Parse({"--config", dir.File("d.json")}).value().token == "from-config");
  std::ofstream(dir.File("token")) << "from-file\n";
  CHECK(Parse({"--token-file", dir.File("token")}).value().token == "from-file");

  setenv("ANTRE_DISPLAY_TOKEN", "from-env", 1);
  CHECK(Parse({"--config", dir.File("d.json")}).value().token == "from-env");
  CHECK(Parse({"--config", dir.File("d.json"), "--token-file", dir.File("token")}).value().token ==
        "from-file");
  unsetenv("ANTRE_DISPLAY_TOKEN");

  std::ofstream(dir.File("blank")) << " \n";
  for (const std::string& file : {dir.File("blank"), dir.File("missing")}) {
    auto r = Parse({"--token-file", file});
    CAPTURE(file);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find(file) != std::string::npos);
  }
  // A refused config file names the problem, not the token it holds.
  std::ofstream(dir.File("bad.json")) << R"({"token":"s3cret-token","volume":"loud"})";
  auto bad = Parse({"--config", dir.File("bad.json")});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("s3cret-token") == std::string::npos);
  CHECK(DisplayUsage().find("--token-file") != std::string::npos);
}
