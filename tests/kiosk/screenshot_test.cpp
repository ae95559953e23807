// Every kiosk screen at 1080x1920, 1920x1080 and 1280x720 in both languages: laid out with the
// real font, checked for overflow and target size, and written as PNGs that decode.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "../support/temp_dir.h"
#include "kiosk/screenshot.h"
#include "ui/png.h"
#include "ui/sdl_renderer.h"

using namespace antre;
using namespace antre::kiosk;

TEST_CASE("Screenshots: no text overflows and every target is >= 20 mm, at every size") {
  ui::FontCache fonts;
  REQUIRE_MESSAGE(fonts.ok(), fonts.error());
  ui::TtfTextMeasurer m(&fonts);
  int frames = 0;
  for (auto [w, h] : ScreenshotSizes()) {
    for (ui::Lang lang : {ui::Lang::kId, ui::Lang::kEn}) {
      for (const auto& ff : FixtureFrames(w, h, lang, m, ScreenConfig{})) {
        ++frames;
        CHECK(ff.min_target_px >= 54);
        for (const auto& p : ui::CheckLayout(ff.frame, m, ff.min_target_px)) FAIL_CHECK(ff.name << ": " << p.message);
      }
    }
  }
  CHECK(frames == 3 * 2 * 25);
}

TEST_CASE("Screenshots: --screenshot writes decodable PNGs of the right size") {
  TempDir dir;
  ui::FontCache fonts;
  std::vector<std::string> problems;
  std::string error;
  int n = WriteScreenshots(dir.path(), &fonts, ScreenConfig{}, &problems, &error);
  REQUIRE_MESSAGE(n == 150, error);
  CHECK(problems.empty());
  for (const char* name : {"home-id-1080x1920", "ticket-en-1920x1080", "out-of-order-id-1280x720",
                           "checkin-code-partial-id-1080x1920", "checkin-too-late-en-1280x720",
                           "home-stock-low-en-1920x1080"}) {
    std::ifstream in(dir.File(std::string(name) + ".png"), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    ui::RgbaImage img;
    REQUIRE_MESSAGE(ui::DecodePng(ss.str(), &img, &error), name, error);
    std::string size = std::string(name).substr(std::string(name).rfind('-') + 1);
    CHECK(std::to_string(img.width) + "x" + std::to_string(img.height) == size);
    // The header band is navy at the top-left corner.
    CHECK(img.pixels[0] == 11);
    CHECK(img.pixels[2] == 145);
  }
}

TEST_CASE("Screenshots: every text's capitals are at least 4.8 mm, notices included, at every size") {
  ui::FontCache fonts;
  REQUIRE_MESSAGE(fonts.ok(), fonts.error());
  ui::TtfTextMeasurer m(&fonts);
  int notices = 0;
  for (auto [w, h] : ScreenshotSizes()) {
    for (ui::Lang lang : {ui::Lang::kId, ui::Lang::kEn}) {
      for (const auto& ff : FixtureFrames(w, h, lang, m, ScreenConfig{})) {
        CHECK(ff.min_text_px >= 18);  // 720p on a 476 mm wide panel
        for (const auto& c : ff.frame.commands) {
          const auto* t = std::get_if<ui::TextCmd>(&c);
          if (!t) continue;
          if (t->text.find("Printer bermasalah") != std::string::npos ||
              t->text.find("Printer problem") != std::string::npos || t->text.find("lank card") != std::string::npos ||
              t->text.find("Blangko") != std::string::npos) {
            ++notices;
          }
          CHECK_MESSAGE(t->size_px >= ff.min_text_px, ff.name, ": '", t->text, "' at ", t->size_px, " px");
        }
      }
    }
  }
  CHECK(notices == 3 * 2 * 3);  // printer fault, stock low, stock empty: every size and language
}
