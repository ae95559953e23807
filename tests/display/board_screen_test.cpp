// The board's draw list, headless: layout at the four sizes, readable numbers, contrast,
// reconnecting mark, redraw timing.
#include "display/board_screen.h"

#include <doctest/doctest.h>

#include "board_readability.h"
#include "display/board_fixture.h"
#include "ui/layout_check.h"

using namespace antre;
using antre::testing::CountTextsStartingWith;
using antre::testing::TextsEqual;

namespace {

constexpr UnixMs kNow = 1795833664000;  // 2026-11-28T09:41:04+07:00

BoardState DemoBoard(BoardOptions options = {}) {
  BoardState board(options);
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  return board;
}

const std::pair<int, int> kSizes[] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};

bool HasFill(const ui::Frame& f, ui::Color color) {
  for (const auto& cmd : f.commands) {
    if (const auto* fill = std::get_if<ui::FillRectCmd>(&cmd)) {
      if (fill->color == color) return true;
    }
  }
  return false;
}

// The text command containing `needle`, or nullptr.
const ui::TextCmd* FindText(const ui::Frame& f, const std::string& needle) {
  for (const auto& cmd : f.commands) {
    if (const auto* t = std::get_if<ui::TextCmd>(&cmd)) {
      if (t->text.find(needle) != std::string::npos) return t;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("BoardScreen: every size lays out with nothing cut off, number >= 12% of height") {
  ui::FakeTextMeasurer m;
  BoardOptions zone;
  zone.counters = {"3"};
  BoardState boards[] = {DemoBoard(), DemoBoard(zone), BoardState()};
  for (const BoardState& board : boards) {
    for (auto [w, h] : kSizes) {
      CAPTURE(w);
      CAPTURE(h);
      ui::Frame f = BuildBoardFrame({&board, kNow, w, h}, m);
      auto problems = ui::CheckLayout(f, m, 0);
      for (const auto& p : problems) FAIL_CHECK(p.message);
      if (!board.has_snapshot()) {
        CHECK(f.HasText("Menghubungkan ke server"));
        continue;
      }
      const ui::TextCmd* number = FindMainNumber(f);
      REQUIRE(number != nullptr);
      CHECK(number->text == board.newest_call()->number);
      // DejaVu Sans Bold capitals are 0.73 em tall; 8% on portrait screens, whose height
      // also holds up to 16 counters at 5% of it.
      CHECK(number->size_px * 0.73 >= (h > w ? 0.08 : 0.12) * h);
    }
  }
}

// Issue #17: the board must read from 10 m in a small office and a big one (the rule is in
// board_readability.h).
TEST_CASE("BoardScreen: 6, 12 and 16 counters read from 10 m at every size") {
  ui::FakeTextMeasurer m;
  for (int counters : {6, 12, 16}) {
    BoardState board;
    board.ApplySnapshot(DemoBoardSnapshot(kNow, counters), kNow);
    REQUIRE(board.counters().size() == static_cast<size_t>(counters));
    for (auto [w, h] : kSizes) {
      CAPTURE(counters);
      CAPTURE(w);
      CAPTURE(h);
      ui::Frame f = BuildBoardFrame({&board, kNow, w, h}, m);
      for (const auto& p : ui::CheckLayout(f, m, 0)) FAIL_CHECK(p.message);
      antre::testing::CheckReadableFromAfar(board, f, w, h);
    }
  }
}

// The newest call's card at its smallest (a row, on a portrait screen with 16 counters).
TEST_CASE(
    "BoardScreen: a call of any service, or a recall, fits the portrait card of 16 counters") {
  ui::FakeTextMeasurer m;
  antre::testing::CheckCallsOfEveryService(m, 1080, 1920, kNow);
}

TEST_CASE("BoardScreen: recalls never leave fewer than eight previous calls") {
  ui::FakeTextMeasurer m;
  BoardState board = DemoBoard();
  // A012 is recalled three times: each recall is a call of its own, but not a new ticket.
  for (int64_t id = 121; id <= 123; ++id) {
    board.ApplyEvent(
        id, "ticket.recalled",
        R"({"number":"A012","service":"rekam","counter":"6","counter_name":"Loket 6"})", kNow);
  }
  ui::Frame f = BuildBoardFrame({&board, kNow + kCallAnimationMs, 1920, 1080}, m);
  for (const char* number : {"C105", "B027", "A011", "E008", "D014", "A010", "B026", "F003"}) {
    CAPTURE(number);
    CHECK_FALSE(TextsEqual(f, {number}).empty());
  }
  CHECK(CountTextsStartingWith(f, "\xE2\x86\x92 ") == 1 + 8);
}

TEST_CASE("BoardScreen: one term for the ID card, e-KTP, at every stock level") {
  ui::FakeTextMeasurer m;
  BoardState board = DemoBoard();
  int64_t id = 121;
  for (const char* level : {"available", "low", "empty"}) {
    board.ApplyEvent(id++, "stock.changed", std::string(R"({"level":")") + level + "\"}", kNow);
    for (auto [w, h] : kSizes) {
      for (const std::string& text : BuildBoardFrame({&board, kNow, w, h}, m).Texts()) {
        CAPTURE(text);
        CHECK(text.find("KTP-el") == std::string::npos);
        CHECK(text.find("ID card") == std::string::npos);
      }
    }
    CHECK(BuildBoardFrame({&board, kNow, 1920, 1080}, m).HasText("Blangko e-KTP"));
  }
}

TEST_CASE("BoardScreen: shows the office, date, newest call, tiles, waiting and ticker") {
  ui::FakeTextMeasurer m;
  BoardState board = DemoBoard();
  ui::Frame f = BuildBoardFrame({&board, kNow, 1920, 1080}, m);
  CHECK(f.HasText("Disdukcapil Kota Serang"));
  CHECK(f.HasText("Sabtu, 28 November 2026"));
  CHECK(f.HasText("09:41"));
  CHECK(f.HasText("\xE2\x86\x92 Loket 6"));
  CHECK(f.HasText("Istirahat"));
  CHECK_FALSE(TextsEqual(f, {"14"}).empty());  // the count, large, then the word, small
  CHECK(f.HasText("menunggu"));
  CHECK(f.HasText("Layanan administrasi kependudukan GRATIS"));
  CHECK_FALSE(f.HasText("menyambung ulang"));
  // Eight seconds later the ticker says it in English.
  ui::Frame later = BuildBoardFrame({&board, kNow + kTickerStepMs, 1920, 1080}, m);
  CHECK(later.HasText("Population administration services are FREE"));
}

TEST_CASE("BoardScreen: the reconnecting mark appears after a few seconds without link") {
  ui::FakeTextMeasurer m;
  BoardState board = DemoBoard();
  board.SetLinkLive(false, kNow);
  CHECK_FALSE(BuildBoardFrame({&board, kNow + 1000, 1920, 1080}, m).HasText("menyambung ulang"));
  ui::Frame f = BuildBoardFrame({&board, kNow + 5000, 1920, 1080}, m);
  CHECK(f.HasText("menyambung ulang"));
  CHECK(f.HasText("A012"));  // the last state stays on screen
}

TEST_CASE("BoardScreen: redraws only for the animation, the ticker and the clock") {
  BoardState board = DemoBoard();
  // Idle: the next change is the ticker step or the next minute, never sooner.
  CHECK(MsUntilBoardChanges(board, kNow) == kTickerStepMs - kNow % kTickerStepMs);
  board.ApplyEvent(
      121, "ticket.called",
      R"({"number":"B028","service":"cetak","counter":"3","counter_name":"Loket 3","at":"2026-11-28T09:41:04+07:00"})",
      kNow);
  CHECK(MsUntilBoardChanges(board, kNow + 100) <= kAnimationFrameMs);
  CHECK(MsUntilBoardChanges(board, kNow + kCallAnimationMs + 1) > kAnimationFrameMs);
}

TEST_CASE("BoardScreen: text colours have at least 7:1 contrast") {
  namespace th = board_theme;
  const std::pair<ui::Color, ui::Color> pairs[] = {
      {th::kInk, th::kPage},         {th::kInk, th::kHeader},        {th::kMutedInk, th::kHeader},
      {th::kCallInk, th::kCall},     {th::kCallInk, th::kCallFlash}, {th::kInk, th::kTile},
      {th::kMutedInk, th::kTile},    {th::kPausedInk, th::kTile},    {th::kInk, th::kTicker},
      {th::kAlertInk, th::kAlert},   {th::kMutedInk, th::kPage},     {th::kInk, th::kStockOut},
      {th::kMutedInk, th::kTileKey}, {th::kPausedInk, th::kTileKey},
  };
  for (const auto& [fg, bg] : pairs) {
    CAPTURE(static_cast<int>(fg.r));
    CAPTURE(static_cast<int>(bg.r));
    CHECK(ui::ContrastRatio(fg, bg) >= 7.0);
  }
}

TEST_CASE("BoardScreen: the blank-card stock is calm while there are cards, red when out") {
  ui::FakeTextMeasurer m;
  BoardState board = DemoBoard();
  for (auto [w, h] : kSizes) {
    CAPTURE(w);
    ui::Frame f = BuildBoardFrame({&board, kNow, w, h}, m);
    CHECK(f.HasText("Blangko e-KTP: tersedia"));
    CHECK(f.HasText("Blank e-KTP cards: available"));
    CHECK_FALSE(HasFill(f, board_theme::kStockOut));
  }
  board.ApplyEvent(121, "stock.changed", R"({"level":"low"})", kNow);
  ui::Frame low = BuildBoardFrame({&board, kNow, 1920, 1080}, m);
  REQUIRE(FindText(low, "Blangko e-KTP: menipis") != nullptr);
  CHECK(FindText(low, "Blangko e-KTP: menipis")->color == board_theme::kPausedInk);
  CHECK(low.HasText("Blank e-KTP cards: running low"));
  board.ApplyEvent(122, "stock.changed", R"({"level":"empty"})", kNow);
  for (auto [w, h] : kSizes) {
    CAPTURE(w);
    ui::Frame f = BuildBoardFrame({&board, kNow, w, h}, m);
    for (const auto& p : ui::CheckLayout(f, m, 0)) FAIL_CHECK(p.message);
    CHECK(f.HasText("Blangko e-KTP: habis"));
    CHECK(f.HasText("Blank e-KTP cards: out of stock"));
    CHECK(HasFill(f, board_theme::kStockOut));
    // The stock never crowds out the office name or the clock.
    CHECK(f.HasText("Disdukcapil Kota Serang"));
    CHECK(f.HasText("09:41"));
  }
}

TEST_CASE("BoardScreen: a site without a print service shows no stock") {
  ui::FakeTextMeasurer m;
  BoardSnapshot snapshot = DemoBoardSnapshot(kNow);
  snapshot.stock_level = "";
  BoardState board;
  board.ApplySnapshot(snapshot, kNow);
  for (auto [w, h] : kSizes) {
    ui::Frame f = BuildBoardFrame({&board, kNow, w, h}, m);
    CHECK_FALSE(f.HasText("Blangko"));
    CHECK_FALSE(f.HasText("Blank e-KTP cards"));
  }
}
