// shared/ui with SDL: offscreen rendering, the PNG codec and the SDL_ttf measurer.
#include <SDL.h>
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "ui/layout_check.h"
#include "ui/png.h"
#include "ui/sdl_renderer.h"

using namespace antre::ui;

namespace {
const uint8_t* Pixel(const RgbaImage& img, int x, int y) {
  return &img.pixels[(static_cast<size_t>(y) * img.width + x) * 4];
}
}  // namespace

TEST_CASE("PNG: encode then decode gives the same pixels") {
  RgbaImage img;
  img.width = 7, img.height = 5;
  for (int i = 0; i < 35; ++i) {
    img.pixels.insert(img.pixels.end(), {uint8_t(i * 7), uint8_t(255 - i), uint8_t(i * i), 255});
  }
  std::string bytes = EncodePng(img);
  REQUIRE(bytes.substr(1, 3) == "PNG");
  RgbaImage back;
  std::string err;
  REQUIRE(DecodePng(bytes, &back, &err));
  CHECK(back.width == 7);
  CHECK(back.height == 5);
  CHECK(back.pixels == img.pixels);
  bytes[bytes.size() / 2] ^= 0x40;  // corrupt one byte: the CRC must catch it
  CHECK_FALSE(DecodePng(bytes, &back, &err));
}

TEST_CASE("TtfTextMeasurer: bundled DejaVu fonts measure sensibly") {
  FontCache fonts;
  REQUIRE_MESSAGE(fonts.ok(), fonts.error());
  TtfTextMeasurer m(&fonts);
  CHECK(m.Width("A001", 100, true) > m.Width("A001", 50, true));
  CHECK(m.Width("WWW", 40, true) > m.Width("iii", 40, true));
  CHECK(m.LineHeight(40, false) >= 40);
  // The fake measurer is meant to be the more pessimistic one for ordinary UI text.
  FakeTextMeasurer fake;
  std::string text = "Layanan GRATIS — tidak dipungut biaya. Jangan gunakan calo.";
  CHECK(fake.Width(text, 40, false) >= m.Width(text, 40, false));
}

TEST_CASE("RenderFrameToPng: rects, rounded corners, text and QR land where the frame says") {
  FontCache fonts;
  REQUIRE(fonts.ok());
  Frame f;
  f.width = 320, f.height = 240;
  f.background = {255, 255, 255, 255};
  f.Fill({10, 10, 100, 50}, {200, 0, 0, 255});
  f.Fill({150, 10, 60, 60}, {0, 0, 200, 255}, 30);  // a circle
  f.Text({10, 100, 200, 60}, "A001", 48, {0, 0, 0, 255}, Align::kCenter, true);
  f.Qr({220, 120, 90, 90}, "http://x/t/1");
  antre::ui::RgbaImage img;
  std::string err;
  REQUIRE_MESSAGE(RenderFrameToImage(f, &fonts, &img, &err), err);
  CHECK(Pixel(img, 50, 30)[0] == 200);
  CHECK(Pixel(img, 50, 30)[2] == 0);
  CHECK(Pixel(img, 180, 40)[2] == 200);          // circle centre
  CHECK(Pixel(img, 151, 11)[0] == 255);          // outside the rounded corner: background
  int dark = 0;
  for (int y = 100; y < 160; ++y)
    for (int x = 10; x < 210; ++x) dark += Pixel(img, x, y)[0] < 100;
  CHECK(dark > 300);                             // the glyphs drew something
  CHECK(Pixel(img, 5, 130)[0] == 255);           // but not outside their box

  std::string path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                     "/antre-ui-render-test.png";
  REQUIRE_MESSAGE(RenderFrameToPng(f, &fonts, path, &err), err);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  RgbaImage back;
  REQUIRE(DecodePng(ss.str(), &back, &err));
  CHECK(back.pixels == img.pixels);
  std::remove(path.c_str());
}

TEST_CASE("SdlRenderer: text textures live as long as frames use them, not for the whole day") {
  FontCache fonts;
  REQUIRE(fonts.ok());
  SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 320, 240, 32, SDL_PIXELFORMAT_RGBA32);
  REQUIRE(surface != nullptr);
  SDL_Renderer* ren = SDL_CreateSoftwareRenderer(surface);
  REQUIRE(ren != nullptr);
  {
    SdlRenderer r(ren, &fonts);
    auto board = [](const std::string& number) {
      Frame f;
      f.width = 320, f.height = 240;
      f.Text({0, 0, 320, 100}, number, 64, {0, 0, 0, 255}, Align::kCenter, true);
      f.Text({0, 120, 320, 40}, "Loket 1", 24, {0, 0, 0, 255}, Align::kCenter, false);
      return f;
    };
    r.Draw(board("A001"));
    CHECK(r.cached_texts() == 2);
    r.Draw(board("A001"));  // unchanged: nothing new
    CHECK(r.cached_texts() == 2);
    // A day of calls: each number is new, yet only this frame's and the last one's stay.
    for (int i = 2; i <= 400; ++i) r.Draw(board("A" + std::to_string(i)));
    CHECK(r.cached_texts() == 3);  // A399, A400 and "Loket 1"
  }
  SDL_DestroyRenderer(ren);
  SDL_FreeSurface(surface);
}
