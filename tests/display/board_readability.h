// Issue #17's rule for the wall board, as doctest checks shared by the unit tests (fake
// measurer) and the SDL tests (the real DejaVu fonts): counter numbers are at least 5% of the
// screen height, portrait screens included (96 px at 1080x1920). The tickets on the tiles,
// eight previous calls and the waiting counts are at least 5% of the short side (the height
// the same panel has in landscape); no text is under half that.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "display/board_fixture.h"
#include "display/board_screen.h"
#include "display/board_state.h"
#include "ui/draw.h"
#include "ui/layout_check.h"

namespace antre::testing {

// Every text command whose text is one of `texts`.
inline std::vector<const ui::TextCmd*> TextsEqual(const ui::Frame& f,
                                                  const std::vector<std::string>& texts) {
  std::vector<const ui::TextCmd*> out;
  for (const auto& cmd : f.commands) {
    if (const auto* t = std::get_if<ui::TextCmd>(&cmd)) {
      if (std::find(texts.begin(), texts.end(), t->text) != texts.end()) out.push_back(t);
    }
  }
  return out;
}

inline int CountTextsStartingWith(const ui::Frame& f, const std::string& prefix) {
  int n = 0;
  for (const std::string& t : f.Texts()) n += t.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

// Checks that one of `texts` is on the board, and every one shown is at least min_px.
inline void CheckShownAtLeast(const ui::Frame& f, const std::vector<std::string>& texts,
                              int min_px) {
  CAPTURE(texts.front());
  auto shown = TextsEqual(f, texts);
  CHECK_FALSE(shown.empty());
  for (const ui::TextCmd* t : shown) CHECK(t->size_px >= min_px);
}

// The counter numbers on the tiles: texts equal to one of `texts` drawn on a tile's darker
// counter-number block (a waiting count "3" elsewhere on the board is not a counter number).
inline std::vector<const ui::TextCmd*> CounterNumbers(const ui::Frame& f,
                                                      const std::vector<std::string>& texts) {
  std::vector<ui::Rect> blocks;
  for (const auto& cmd : f.commands) {
    if (const auto* fill = std::get_if<ui::FillRectCmd>(&cmd)) {
      if (fill->color == board_theme::kTileKey) blocks.push_back(fill->rect);
    }
  }
  std::vector<const ui::TextCmd*> out;
  for (const ui::TextCmd* t : TextsEqual(f, texts)) {
    for (const ui::Rect& b : blocks) {
      if (b.Contains(t->box.Center())) {
        out.push_back(t);
        break;
      }
    }
  }
  return out;
}

// Checks board frame `f` of a w x h screen against the rule, and that the newest call's
// number is still the largest text.
inline void CheckReadableFromAfar(const BoardState& board, const ui::Frame& f, int w, int h) {
  // The newest call stays the largest: DejaVu Sans Bold capitals (0.73 em) >= 12% of the
  // height, 8% on a portrait screen (whose height also holds up to 16 counters).
  const ui::TextCmd* number = FindMainNumber(f);
  REQUIRE(number != nullptr);
  CHECK(number->text == board.newest_call()->number);
  CHECK(number->size_px * 0.73 >= (h > w ? 0.08 : 0.12) * h);
  const int counter_px = static_cast<int>(std::ceil(0.05 * h));
  const int readable = static_cast<int>(std::ceil(0.05 * std::min(w, h)));
  const int label = static_cast<int>(std::ceil(0.025 * std::min(w, h)));
  for (const auto& cmd : f.commands) {
    if (const auto* t = std::get_if<ui::TextCmd>(&cmd)) {
      CAPTURE(t->text);
      CHECK(t->size_px >= label);
    }
  }
  for (const CounterTile& tile : board.counters()) {
    CAPTURE(tile.id);
    auto numbers = CounterNumbers(f, {tile.id, tile.name});
    REQUIRE(numbers.size() == 1);
    CHECK(numbers.front()->size_px >= counter_px);
    if (!tile.current.empty()) CheckShownAtLeast(f, {tile.current}, readable);
  }
  std::vector<std::string> previous;  // the eight newest tickets after the one called now
  for (const CallRecord& call : board.recent_calls()) {
    if (call.number != board.newest_call()->number &&
        std::find(previous.begin(), previous.end(), call.number) == previous.end()) {
      previous.push_back(call.number);
    }
  }
  REQUIRE(previous.size() >= 8);
  previous.resize(8);
  for (const std::string& number : previous) CheckShownAtLeast(f, {number}, readable);
  CHECK(CountTextsStartingWith(f, "\xE2\x86\x92 ") >= 1 + 8);  // the call's and each chip's
  for (const ServiceLine& s : board.services()) {
    const std::string count = std::to_string(s.waiting);
    CheckShownAtLeast(f, {count, count + " menunggu"}, readable);
  }
}

// Checks that a call (and a recall) of each demo service to counter 16, with 16 counters on a
// w x h screen, lays out clean and keeps the rule: the card's label and service line in both
// languages hold the label size however small the card got.
inline void CheckCallsOfEveryService(const ui::TextMeasurer& m, int w, int h, UnixMs now) {
  const char* services[][2] = {{"rekam", "A"}, {"cetak", "B"}, {"kk", "C"},
                               {"akta", "D"},  {"ikd", "E"},   {"info", "F"}};
  for (const char* kind : {"ticket.called", "ticket.recalled"}) {
    for (const auto& [service, prefix] : services) {
      BoardState board;
      board.ApplySnapshot(DemoBoardSnapshot(now, 16), now);
      board.ApplyEvent(121, kind,
                       std::string(R"({"number":")") + prefix + R"(888","service":")" + service +
                           R"(","counter":"16","counter_name":"Loket 16"})",
                       now);
      CAPTURE(kind);
      CAPTURE(service);
      ui::Frame f = BuildBoardFrame({&board, now + kCallAnimationMs, w, h}, m);
      for (const auto& p : ui::CheckLayout(f, m, 0)) FAIL_CHECK(p.message);
      CheckReadableFromAfar(board, f, w, h);
    }
  }
}

}  // namespace antre::testing
