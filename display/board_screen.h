// The wall board as a draw-command list (microui style): BoardState in, ui::Frame out. No SDL.
#pragma once

#include <cstdint>
#include <string>

#include "board_state.h"
#include "ui/draw.h"
#include "ui/text_layout.h"

namespace antre {

// How long the newest-call animation runs after a call arrives, and its frame interval
// (20 frames a second is smooth enough for a slow colour change and halves the cost).
constexpr int64_t kCallAnimationMs = 1200;
constexpr int64_t kAnimationFrameMs = 50;
// How long each ticker message (in each language) stays before the next one.
constexpr int64_t kTickerStepMs = 8000;

// The colours of the board (text pairs are >= 7:1 contrast, checked in tests/display).
namespace board_theme {
constexpr ui::Color kPage{8, 28, 56, 255};  // deep navy
constexpr ui::Color kHeader{4, 17, 36, 255};
constexpr ui::Color kInk{255, 255, 255, 255};
constexpr ui::Color kMutedInk{190, 205, 225, 255};
constexpr ui::Color kCall{255, 200, 46, 255};        // amber card of the newest call
constexpr ui::Color kCallFlash{255, 246, 214, 255};  // the card's first moment
constexpr ui::Color kCallInk{20, 20, 20, 255};
constexpr ui::Color kTile{22, 52, 92, 255};
constexpr ui::Color kTileKey{12, 34, 66, 255};    // the counter-number block of a tile
constexpr ui::Color kTileHot{255, 200, 46, 255};  // the tile that just called
constexpr ui::Color kPausedInk{255, 214, 120, 255};
constexpr ui::Color kTicker{11, 93, 30, 255};    // green band: free-of-charge notice
constexpr ui::Color kAlert{255, 214, 120, 255};  // "menyambung ulang…" pill
constexpr ui::Color kAlertInk{20, 20, 20, 255};
constexpr ui::Color kStockOut{160, 24, 24, 255};  // blank cards out of stock: deep red pill
}  // namespace board_theme

// The blank-card line's words, Indonesian and English ("Blangko e-KTP: tersedia": one term,
// e-KTP, everywhere on the display, as in the service names and DOMAIN.md)..
struct StockWords {
  std::string id, en;
};
// Empty words for CardStock::kNone.
StockWords CardStockWords(CardStock stock);

// What to draw besides the board state itself.
struct BoardScreenInput {
  const BoardState* board = nullptr;
  UnixMs now = 0;  // wall clock: clock, date, animation, ticker
  int width = 1920;
  int height = 1080;
};

// Builds the board for a screen of width x height: header (office, date, clock), the newest
// call large, one tile per counter, eight previous calls, waiting per service, the ticker
// line, the reconnecting mark when the link has been down a few seconds, and the blank-card
// stock (in the header on landscape screens, as a strip under the call on portrait ones) when
// the site has one: calm while there are cards, a deep red pill when they are out. LayoutBoard
// (board_layout.h) places and sizes the parts so they read from 10 m with up to 16 counters.
// Before the first snapshot it shows "Menghubungkan ke server…".
ui::Frame BuildBoardFrame(const BoardScreenInput& input, const ui::TextMeasurer& m);

// Milliseconds until the picture changes by itself (animation frame, ticker step, next
// minute of the clock); the event loop may sleep that long when nothing else happens.
int64_t MsUntilBoardChanges(const BoardState& board, UnixMs now);

// The ticket number's text command on a board frame (the largest text), or nullptr.
const ui::TextCmd* FindMainNumber(const ui::Frame& frame);

}  // namespace antre
