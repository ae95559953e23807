#include "board_layout.h"

#include <algorithm>
#include <cmath>

namespace antre {

namespace {

using ui::Rect;

int Pct(int total, double fraction) { return static_cast<int>(std::lround(total * fraction)); }

// The ladder size >= px (see SnapTextSize).
int SnapTextSizeUp(int px) {
  int snapped = SnapTextSize(px);
  for (int up = px; snapped < px; ++up) snapped = SnapTextSize(up);
  return snapped;
}

// Share of the call card's height given to the number's box (see DrawCall).
constexpr double kNumberBoxShare = 0.62;

// Tile texts' width and line height per font pixel, measured once: one line of text scales
// linearly with its size, so the grid search below needs no further measuring.
struct TileMetrics {
  double key_w, ticket_w, line;
};

TileMetrics MeasureTile(const ui::TextMeasurer& m, const std::string& key,
                        const std::string& ticket) {
  constexpr int kRef = 100;
  return {std::max(1, m.Width(key, kRef, true)) / double{kRef},
          std::max(1, m.Width(ticket, kRef, true)) / double{kRef},
          std::max(1, m.LineHeight(kRef, true)) / double{kRef}};
}

TileBoxes SplitTileBoxes(Rect tile, bool is_wide, double key_share) {
  const Rect inner = tile.Inset(std::max(3, std::min(tile.w, tile.h) / 16));
  if (is_wide) {
    const int gap = std::max(4, inner.h / 8);
    const int key_w = static_cast<int>((inner.w - gap) * key_share);
    return {{inner.x, inner.y, key_w, inner.h},
            {inner.x + key_w + gap, inner.y, inner.w - key_w - gap, inner.h}};
  }
  const int gap = std::max(2, inner.h / 24);
  const int key_h = (inner.h - gap) * 9 / 20;
  return {{inner.x, inner.y, inner.w, key_h},
          {inner.x, inner.y + key_h + gap, inner.w, inner.h - key_h - gap}};
}

// The size both texts of a w x h tile reach (a linear estimate, before snapping).
double TilePx(const TileMetrics& mt, int w, int h, bool is_wide, double key_share) {
  const TileBoxes b = SplitTileBoxes({0, 0, w, h}, is_wide, key_share);
  return std::min(
      {b.key.w / mt.key_w, b.key.h / mt.line, b.value.w / mt.ticket_w, b.value.h / mt.line});
}

struct Grid {
  int cols = 1, rows = 1;
  bool is_wide = true;
  double px = 0;
};

// The grid of n tiles in area that gives the largest text; ties go to fewer columns.
Grid BestGrid(const TileMetrics& mt, Rect area, size_t n, int gap, double key_share) {
  Grid best;
  if (n == 0) return best;
  const int count = static_cast<int>(n);
  for (int cols = 1; cols <= std::min(count, 8); ++cols) {
    const int rows = (count + cols - 1) / cols;
    if ((cols - 1) * rows >= count) continue;  // a column would stay empty
    const int w = (area.w - (cols - 1) * gap) / cols;
    const int h = (area.h - (rows - 1) * gap) / rows;
    if (w <= 0 || h <= 0) continue;
    for (bool is_wide : {true, false}) {
      const double px = TilePx(mt, w, h, is_wide, key_share);
      if (px > best.px + 0.5) best = {cols, rows, is_wide, px};
    }
  }
  return best;
}

// Heights of the parts sized by their text rather than by the screen.
struct Heights {
  int title, chip, waiting_cell;
};

Heights TextHeights(const ui::TextMeasurer& m, const BoardLayout& r) {
  const int number_line = m.LineHeight(r.readable_px, true);
  const int label_line = m.LineHeight(r.label_px, false);
  Heights hs;
  hs.title = m.LineHeight(r.label_px * 11 / 10, false);
  hs.chip = 2 * std::max(3, r.readable_px / 10) + number_line + label_line;
  const int wi = std::max(3, r.readable_px / 12);
  hs.waiting_cell = r.is_waiting_stacked ? 2 * wi + 2 * label_line + number_line + wi / 2
                                         : 2 * wi + std::max(number_line, 2 * label_line);
  return hs;
}

Rect GridCell(Rect area, int cols, int rows, int gap, size_t i) {
  const int w = (area.w - (cols - 1) * gap) / cols;
  const int h = (area.h - (rows - 1) * gap) / std::max(1, rows);
  const int col = static_cast<int>(i) % cols;
  const int row = static_cast<int>(i) / cols;
  return {area.x + col * (w + gap), area.y + row * (h + gap), w, h};
}

// The clock's width at the right of the header, as DrawHeader draws it.
int ClockWidth(const ui::TextMeasurer& m, Rect header, int pad) {
  const int clock_px = Pct(header.h, 0.62);
  return std::min(m.Width("00:00", clock_px, true) + pad, header.w / 3);
}

}  // namespace

int SnapTextSize(int px) {
  const int step = px < 32 ? 1 : px < 64 ? 2 : px < 128 ? 4 : 8;
  return std::max(6, px / step * step);
}

int ReadablePx(int width, int height) {
  return static_cast<int>(std::ceil(0.05 * std::min(width, height)));
}

int LabelPx(int width, int height) {
  return static_cast<int>(std::ceil(0.025 * std::min(width, height)));
}

Rect BoardLayout::Tile(size_t i) const {
  return GridCell(tiles, tile_cols, tile_rows, tile_gap, i);
}

Rect BoardLayout::Chip(size_t i) const {
  return GridCell(recent, recent_cols, recent_rows, recent_gap, i);
}

Rect BoardLayout::WaitingCell(size_t i) const {
  return GridCell(waiting, waiting_cols, waiting_rows, waiting_gap, i);
}

TileBoxes BoardLayout::SplitTile(Rect tile) const {
  return SplitTileBoxes(tile, is_tile_wide, key_share);
}

BoardLayout LayoutBoard(const ui::TextMeasurer& m, const BoardLayoutInput& in) {
  const int w = in.width;
  const int h = in.height;
  BoardLayout r;
  r.is_portrait = h > w;
  r.pad = std::max(6, std::min(w, h) / 72);
  r.readable_px = SnapTextSizeUp(ReadablePx(w, h));
  r.label_px = SnapTextSizeUp(LabelPx(w, h));
  r.tile_gap = r.recent_gap = r.waiting_gap = std::max(4, r.pad * 2 / 3);
  r.is_waiting_stacked = r.is_portrait;
  const size_t services = std::max<size_t>(in.services, 1);
  r.waiting_cols = static_cast<int>(std::min<size_t>(services, 3));
  r.waiting_rows = static_cast<int>((services + r.waiting_cols - 1) / r.waiting_cols);
  const Heights hs = TextHeights(m, r);
  const int pad = r.pad;
  const int waiting_h = r.waiting_rows * hs.waiting_cell + (r.waiting_rows - 1) * r.waiting_gap;
  const int recent_h = r.recent_rows * hs.chip + (r.recent_rows - 1) * r.recent_gap;
  const TileMetrics mt = MeasureTile(m, in.widest_key, in.widest_ticket);
  r.key_share = std::clamp(mt.key_w / (mt.key_w + mt.ticket_w), 0.2, 0.5);
  // The card's least height: its number box holds the number at kCallNumberShare.
  const int card_min = static_cast<int>(std::ceil(
      m.LineHeight(static_cast<int>(std::ceil(kCallNumberShare * h)), true) / kNumberBoxShare));

  if (!r.is_portrait) {
    // Header, then two columns (the call over the previous calls | the counter tiles), the
    // waiting counts across, the ticker.
    r.header = {0, 0, w, Pct(h, 0.11)};
    r.ticker = {0, h - Pct(h, 0.065), w, Pct(h, 0.065)};
    r.waiting = {pad, r.ticker.y - pad - waiting_h, w - 2 * pad, waiting_h};
    const int top = r.header.bottom() + pad;
    const int main_h = r.waiting.y - pad - top;
    const int left_w = (w - 3 * pad) / 2;
    r.recent = {pad, top + main_h - recent_h, left_w, recent_h};
    r.recent_title = {pad, r.recent.y - pad / 2 - hs.title, left_w, hs.title};
    r.call = {pad, top, left_w, r.recent_title.y - pad - top};
    const int right_x = 2 * pad + left_w;
    r.tiles_title = {right_x, top, w - pad - right_x, hs.title};
    r.tiles = {right_x, r.tiles_title.bottom() + pad / 2, r.tiles_title.w,
               main_h - hs.title - pad / 2};
    if (in.has_stock) {  // a pill in the header, left of the clock
      const int pill_w = Pct(w, 0.30);
      const int clock_x = w - pad - ClockWidth(m, r.header, pad);
      r.stock = {clock_x - 2 * pad - pill_w, Pct(r.header.h, 0.08), pill_w, Pct(r.header.h, 0.84)};
    }
  } else {
    // One column: header, call, stock strip, tiles, previous calls, waiting counts, ticker.
    r.header = {0, 0, w, Pct(h, 0.06)};
    r.ticker = {0, h - Pct(h, 0.042), w, Pct(h, 0.042)};
    r.waiting = {pad, r.ticker.y - pad - waiting_h, w - 2 * pad, waiting_h};
    r.recent = {pad, r.waiting.y - pad - recent_h, w - 2 * pad, recent_h};
    r.recent_title = {pad, r.recent.y - pad / 2 - hs.title, w - 2 * pad, hs.title};
    const int stock_h = in.has_stock ? Pct(h, 0.026) + pad : 0;
    const int top = r.header.bottom() + pad;
    // Card, stock strip, tiles title and tiles share what is left; the card starts at 36% of
    // the height and gives up rows of pixels until the tiles reach the readable size.
    const int shared_h = r.recent_title.y - pad - top - stock_h - hs.title - pad / 2;
    const Rect tile_area0{pad, 0, w - 2 * pad, 0};
    int card_h = std::max(card_min, Pct(h, 0.36));
    const int step = std::max(1, h / 200);
    for (; card_h > card_min; card_h -= step) {
      Rect area = tile_area0;
      area.h = shared_h - card_h - pad;
      if (BestGrid(mt, area, in.counters, r.tile_gap, r.key_share).px >= r.readable_px) break;
    }
    card_h = std::max(card_h, card_min);
    r.call = {pad, top, w - 2 * pad, card_h};
    int y = r.call.bottom() + pad;
    if (in.has_stock) {  // a strip under the card: the header has no room left
      r.stock = {pad, y, w - 2 * pad, stock_h - pad};
      y += stock_h;
    }
    r.tiles_title = {pad, y, w - 2 * pad, hs.title};
    r.tiles = {pad, r.tiles_title.bottom() + pad / 2, w - 2 * pad,
               r.recent_title.y - pad - (r.tiles_title.bottom() + pad / 2)};
  }
  const Grid grid = BestGrid(mt, r.tiles, in.counters, r.tile_gap, r.key_share);
  r.tile_cols = grid.cols;
  r.tile_rows = grid.rows;
  r.is_tile_wide = grid.is_wide;
  return r;
}

}  // namespace antre
