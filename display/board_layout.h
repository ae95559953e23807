// Where each part of the wall board goes on a screen of a given shape and office size, and the
// text sizes residents read it at. Pure: a text measurer in, rectangles out. No SDL.
#pragma once

#include <cstddef>
#include <string>

#include "ui/draw.h"
#include "ui/text_layout.h"

namespace antre {

// The counter numbers on the tiles: 5% of the screen's height, portrait screens included (96 px
// at 1080x1920; 34 mm type, 25 mm capitals on a 55-inch landscape panel: 10 m by DOMAIN.md's
// rule of thumb).
int CounterNumberPx(int width, int height);

// The smallest text, in pixels, for the other things a resident reads across the hall: the
// tickets on the tiles, the previous calls and the waiting counts. 5% of the screen's short
// side, the height the same panel has in landscape (equal to CounterNumberPx in landscape).
int ReadablePx(int width, int height);

// Text sizes snap to a short ladder (1 px steps below 32, then 2, 4, 8): every distinct size
// is a font the renderer opens and keeps, so a free choice of sizes would cost memory and
// first-frame time for no visible gain. Returns the ladder size <= px (6 at least).
int SnapTextSize(int px);

// The smallest text for everything else (names, titles, the date, notices): half ReadablePx.
int LabelPx(int width, int height);

// The newest call's number is at least this share of the screen height in font pixels
// (capitals >= 12%); on a portrait screen, whose height also holds up to 16 counters at
// CounterNumberPx, kPortraitCallNumberShare (capitals >= 8%, still over twice a counter number).
constexpr double kCallNumberShare = 0.17;
constexpr double kPortraitCallNumberShare = 0.11;

// The least font size of the newest call's number on a width x height screen (a ladder size).
int CallNumberPx(int width, int height);

// What the layout depends on besides the screen size.
struct BoardLayoutInput {
  int width = 1920;
  int height = 1080;
  size_t counters = 0;
  size_t services = 0;
  bool has_stock = false;
  std::string widest_key = "16";       // the counter number the tiles must hold
  std::string widest_ticket = "A888";  // the ticket number the tiles must hold
};

// A counter tile's two boxes: the counter's number and its ticket.
struct TileBoxes {
  ui::Rect key, value;
};

// The newest call's card: the label ("NOMOR ANTREAN"), the ticket number, the counter and the
// service. In a column (label, number, counter, service from the top) or, when the card is too
// low for that (portrait screens with many counters), in a row: the number on the left, the
// label, counter and service stacked on its right (label and service may take two lines).
struct CallBoxes {
  ui::Rect label, number, counter, service;
  bool is_row = false;
};

// The parts of the board. Every rect is inside the screen; empty parts have w == 0.
struct BoardLayout {
  ui::Rect header, call, ticker;
  ui::Rect stock;                 // in the header (landscape) or a strip (portrait)
  ui::Rect tiles_title, tiles;    // tiles: the grid of counter tiles
  ui::Rect recent_title, recent;  // recent: the grid of previous-call chips
  ui::Rect waiting_title;         // portrait only: "Menunggu", said once above the cells
  ui::Rect waiting;               // the grid of per-service cells
  int pad = 16;
  bool is_portrait = false;
  CallBoxes call_boxes;  // inside call
  int counter_px = 54;   // CounterNumberPx, or the next ladder size up
  int readable_px = 54;  // ReadablePx, or the next ladder size up
  int label_px = 27;     // LabelPx, or the next ladder size up
  int tile_cols = 1, tile_rows = 1, tile_gap = 8;
  bool is_tile_wide = true;  // counter number left of the ticket, else above it
  double key_share = 0.35;   // the key box's share of a tile's width (wide) or height
  int recent_cols = 4, recent_rows = 2, recent_gap = 8;
  int waiting_cols = 3, waiting_rows = 2, waiting_gap = 8;
  bool has_waiting_word = true;  // "menunggu" after each count, else in waiting_title

  // The i-th cell of the tile, chip and waiting grids (row by row).
  ui::Rect Tile(size_t i) const;
  ui::Rect Chip(size_t i) const;
  ui::Rect WaitingCell(size_t i) const;
  // The two boxes of a tile.
  TileBoxes SplitTile(ui::Rect tile) const;
};

// Places the board's parts on a width x height screen. The tile grid takes the number of
// columns (and wide or stacked tiles) that gives the counter numbers and tickets the most room
// over their least sizes (CounterNumberPx, ReadablePx); on a portrait screen the newest call's
// card gives up height (down to what its number needs, in a row) until the tiles reach them.
// Never fails: a screen too small for the rule gets the largest sizes that fit.
BoardLayout LayoutBoard(const ui::TextMeasurer& m, const BoardLayoutInput& in);

}  // namespace antre
