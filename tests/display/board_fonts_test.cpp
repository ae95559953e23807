// The board's readability rule (board_readability.h) measured with the real fonts: DejaVu
// Sans Bold digits are wider than the fake measurer's, and the tiles of a big office are
// sized to the pixel, so the unit tests alone could pass a board that the screen cuts down.
#include <doctest/doctest.h>

#include "board_readability.h"
#include "display/board_fixture.h"
#include "display/board_screen.h"
#include "display/board_screenshots.h"
#include "ui/layout_check.h"
#include "ui/sdl_renderer.h"

using namespace antre;

TEST_CASE("BoardScreen with DejaVu: 6, 12 and 16 counters read from 10 m at every size") {
  constexpr UnixMs kNow = 1795833664000;  // 2026-11-28T09:41:04+07:00
  ui::FontCache fonts;
  ui::TtfTextMeasurer m(&fonts);
  for (int counters : {6, 12, 16}) {
    BoardState board;
    board.ApplySnapshot(DemoBoardSnapshot(kNow, counters), kNow);
    for (auto [w, h] : BoardScreenshotSizes()) {
      CAPTURE(counters);
      CAPTURE(w);
      CAPTURE(h);
      ui::Frame f = BuildBoardFrame({&board, kNow, w, h}, m);
      for (const auto& p : ui::CheckLayout(f, m, 0)) FAIL_CHECK(p.message);
      antre::testing::CheckReadableFromAfar(board, f, w, h);
    }
  }
}

TEST_CASE("BoardScreen with DejaVu: a call of any service, or a recall, fits the portrait card") {
  ui::FontCache fonts;
  ui::TtfTextMeasurer m(&fonts);
  antre::testing::CheckCallsOfEveryService(m, 1080, 1920, 1795833664000);
}
