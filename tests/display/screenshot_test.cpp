// `antre-display --screenshot DIR` under SDL_VIDEODRIVER=offscreen: the real program renders
// the board at every size with real fonts, its layout check passes, and the PNGs are right.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "temp_dir.h"
#include "ui/png.h"

using namespace antre;

TEST_CASE("antre-display --screenshot writes every size, 6 to 16 counters, layout check clean") {
  TempDir dir;
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  setenv("XDG_RUNTIME_DIR", dir.path().c_str(), 0);
  const std::string log = dir.File("log.txt");
  const std::string cmd =
      std::string(ANTRE_DISPLAY_BIN) + " --screenshot " + dir.File("shots") + " > " + log + " 2>&1";
  int status = std::system(cmd.c_str());
  std::ifstream in(log);
  std::stringstream out;
  out << in.rdbuf();
  INFO(out.str());
  REQUIRE(status == 0);  // non-zero when CheckLayout found a problem
  const struct {
    const char* name;
    int w, h;
  } files[] = {{"board-1280x720", 1280, 720},
               {"board-1920x1080", 1920, 1080},
               {"board-3840x2160", 3840, 2160},
               {"board-1080x1920", 1080, 1920},
               {"board-1920x1080-reconnecting", 1920, 1080},
               {"board-1920x1080-calling", 1920, 1080},
               {"board-1080x1920-zone", 1080, 1920},
               {"board-1080x1920-16-counters-recall", 1080, 1920},
               {"board-1280x720-stock-empty", 1280, 720},
               {"board-1080x1920-stock-empty", 1080, 1920},
               {"board-1920x1080-stock-low", 1920, 1080},
               {"board-1280x720-12-counters", 1280, 720},
               {"board-1920x1080-12-counters", 1920, 1080},
               {"board-3840x2160-12-counters", 3840, 2160},
               {"board-1080x1920-12-counters", 1080, 1920},
               {"board-1280x720-16-counters", 1280, 720},
               {"board-1920x1080-16-counters", 1920, 1080},
               {"board-3840x2160-16-counters", 3840, 2160},
               {"board-1080x1920-16-counters", 1080, 1920}};
  for (const auto& f : files) {
    CAPTURE(f.name);
    std::ifstream png(dir.File("shots") + "/" + f.name + ".png", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(png)), std::istreambuf_iterator<char>());
    ui::RgbaImage image;
    std::string error;
    REQUIRE(ui::DecodePng(bytes, &image, &error));
    CHECK(image.width == f.w);
    CHECK(image.height == f.h);
    // The top-left pixel is the header's dark navy, not an empty (black or white) canvas.
    CHECK(image.pixels[2] > image.pixels[0]);
  }
}
