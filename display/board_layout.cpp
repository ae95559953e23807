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
  // Wide tiles keep little room above and below: a line's height already holds the font's own
  // margins, and on a portrait screen every pixel of a tile row counts up to eight times.
  const int side = std::max(3, std::min(tile.w, tile.h) / 16);
  const int top = is_wide ? std::max(3, std::min(tile.w, tile.h) / 32) : side;
  const Rect inner{tile.x + side, tile.y + top, std::max(0, tile.w - 2 * side),
                   std::max(0, tile.h - 2 * top)};
  if (is_wide) {
    const int gap = std::max(4, inner.h / 8);
    const int key_w = static_cast<int>((inner.w - gap) * key_share);
    return {{inner.x, inner.y, key_w, inner.h},
            {inner.x + key_w + gap, inner.y, inner.w - key_w - gap, inner.h}};
  }
  const int gap = std::max(2, inner.h / 24);
  const int key_h = static_cast<int>((inner.h - gap) * key_share);
  return {{inner.x, inner.y, inner.w, key_h},
          {inner.x, inner.y + key_h + gap, inner.w, inner.h - key_h - gap}};
}

// The key box's share of a tile: the two texts' widths (wide) or heights (stacked) in the
// proportion of their least sizes, so both reach them together. In landscape the sizes are
// equal and a stacked tile gives the counter's number 45% of its height, as before portrait.
double KeyShare(const TileMetrics& mt, bool is_wide, int counter_px, int readable_px) {
  if (is_wide) {
    const double key = mt.key_w * counter_px, ticket = mt.ticket_w * readable_px;
    return std::clamp(key / (key + ticket), 0.2, 0.6);
  }
  return std::clamp(0.9 * counter_px / (counter_px + readable_px), 0.3, 0.65);
}

struct Grid {
  int cols = 1, rows = 1;
  bool is_wide = true;
  double key_share = 0.35;
  double score = 0;  // how far both texts reach over their least sizes: 1 = just the rule
};

// The grid of n tiles in area that gives both texts the most room over their least sizes;
// ties go to fewer columns. The sizes are linear estimates, before snapping.
Grid BestGrid(const TileMetrics& mt, Rect area, size_t n, int gap, int counter_px,
              int readable_px) {
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
      const double share = KeyShare(mt, is_wide, counter_px, readable_px);
      const TileBoxes b = SplitTileBoxes({0, 0, w, h}, is_wide, share);
      const double key_px = std::min(b.key.w / mt.key_w, b.key.h / mt.line);
      const double ticket_px = std::min(b.value.w / mt.ticket_w, b.value.h / mt.line);
      const double score = std::min(key_px / counter_px, ticket_px / readable_px);
      if (score > best.score + 0.5 / readable_px) best = {cols, rows, is_wide, share, score};
    }
  }
  return best;
}

// The margins of the call card in a row (see SplitCallBoxes).
int RowEdge(int card_h) { return std::max(4, Pct(card_h, 0.03)); }

CallBoxes SplitCallBoxes(Rect c, bool is_row, int label_line, double number_w_per_px,
                         double line_per_px) {
  CallBoxes b;
  b.is_row = is_row;
  const int ip = Pct(c.h, 0.05);
  const int inner_w = c.w - 2 * ip;
  if (!is_row) {
    // From the top: the label, the number in what is left, the counter line, the service line.
    const int label_h = std::max(Pct(c.h, 0.08), label_line);
    const int counter_h = Pct(c.h, 0.18);
    const int edge = Pct(c.h, 0.02);
    const int number_h = c.h - 2 * edge - 2 * label_h - counter_h;
    int y = c.y + edge;
    b.label = {c.x + ip, y, inner_w, label_h};
    b.number = {c.x + ip, y += label_h, inner_w, number_h};
    b.counter = {c.x + ip, y += number_h, inner_w, counter_h};
    b.service = {c.x + ip, y + counter_h, inner_w, label_h};
    return b;
  }
  // The number as wide as the widest ticket needs at the height it gets; on its right the
  // label (two lines), the counter, and the service (up to three lines).
  const int edge = RowEdge(c.h);
  const int number_h = c.h - 2 * edge;
  const int number_w =
      std::min(inner_w * 16 / 25,
               static_cast<int>(std::ceil(number_h / line_per_px * number_w_per_px)) + ip);
  b.number = {c.x + ip, c.y + edge, number_w, number_h};
  const int right_x = b.number.right() + ip;
  const int right_w = c.right() - ip - right_x;
  b.label = {right_x, c.y + edge, right_w, 2 * label_line};
  b.service = {right_x, c.bottom() - edge - 3 * label_line, right_w, 3 * label_line};
  b.counter = {right_x, b.label.bottom(), right_w, b.service.y - b.label.bottom()};
  return b;
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
  hs.waiting_cell = 2 * wi + std::max(number_line, 2 * label_line);
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

int CounterNumberPx(int /*width*/, int height) {
  return static_cast<int>(std::ceil(0.05 * height));
}

int ReadablePx(int width, int height) {
  return static_cast<int>(std::ceil(0.05 * std::min(width, height)));
}

int CallNumberPx(int width, int height) {
  const double share = height > width ? kPortraitCallNumberShare : kCallNumberShare;
  return SnapTextSizeUp(static_cast<int>(std::ceil(share * height)));
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
  r.counter_px = SnapTextSizeUp(CounterNumberPx(w, h));
  r.readable_px = SnapTextSizeUp(ReadablePx(w, h));
  r.label_px = SnapTextSizeUp(LabelPx(w, h));
  r.tile_gap = r.recent_gap = r.waiting_gap = std::max(4, r.pad * 2 / 3);
  // Waiting counts in one row per service: the name (up to two lines) beside the count; three
  // cells across in landscape, two in portrait, where "menunggu" is said once in a title so
  // that "Akta Kelahiran/" keeps its line beside the count.
  r.has_waiting_word = !r.is_portrait;
  const size_t services = std::max<size_t>(in.services, 1);
  r.waiting_cols = static_cast<int>(std::min<size_t>(services, r.is_portrait ? 2 : 3));
  r.waiting_rows = static_cast<int>((services + r.waiting_cols - 1) / r.waiting_cols);
  const Heights hs = TextHeights(m, r);
  const int pad = r.pad;
  const int waiting_h = r.waiting_rows * hs.waiting_cell + (r.waiting_rows - 1) * r.waiting_gap;
  const int recent_h = r.recent_rows * hs.chip + (r.recent_rows - 1) * r.recent_gap;
  const TileMetrics mt = MeasureTile(m, in.widest_key, in.widest_ticket);
  const int label_line = m.LineHeight(r.label_px, true);
  // The card's least height in a column: its number box holds the number at CallNumberPx.
  const int call_line = m.LineHeight(CallNumberPx(w, h), true);
  const int card_min = static_cast<int>(std::ceil(call_line / kNumberBoxShare));
  Grid grid;

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
    grid = BestGrid(mt, r.tiles, in.counters, r.tile_gap, r.counter_px, r.readable_px);
  } else {
    // One column: header, call, stock strip, tiles, previous calls, waiting counts, ticker. A
    // portrait height holds up to 16 counters at 5% of it, so the parts sit half a pad apart.
    const int gap = std::max(4, pad / 2);
    r.header = {0, 0, w, Pct(h, 0.052)};
    r.ticker = {0, h - Pct(h, 0.042), w, Pct(h, 0.042)};
    r.waiting = {pad, r.ticker.y - gap - waiting_h, w - 2 * pad, waiting_h};
    r.waiting_title = {pad, r.waiting.y - gap / 2 - hs.title, w - 2 * pad, hs.title};
    r.recent = {pad, r.waiting_title.y - gap - recent_h, w - 2 * pad, recent_h};
    r.recent_title = {pad, r.recent.y - gap / 2 - hs.title, w - 2 * pad, hs.title};
    const int stock_h = in.has_stock ? Pct(h, 0.026) + gap : 0;
    const int top = r.header.bottom() + gap;
    // Card, stock strip, tiles title and tiles share what is left; the card starts at 36% of
    // the height and gives up rows of pixels until the tiles reach their least sizes, turning
    // into a row (the number beside the counter) when a column no longer holds the number.
    const int shared_h = r.recent_title.y - gap - top - stock_h - hs.title - gap / 2;
    int row_min = call_line + 8;
    while (row_min - 2 * RowEdge(row_min) < call_line) ++row_min;
    Rect area{pad, 0, w - 2 * pad, 0};
    int card_h = std::max(row_min, Pct(h, 0.36));
    const int step = std::max(1, h / 400);
    for (; card_h > row_min; card_h -= step) {
      area.h = shared_h - card_h - gap;
      grid = BestGrid(mt, area, in.counters, r.tile_gap, r.counter_px, r.readable_px);
      if (grid.score >= 1.0) break;
    }
    card_h = std::max(card_h, row_min);
    r.call = {pad, top, w - 2 * pad, card_h};
    int y = r.call.bottom() + gap;
    if (in.has_stock) {  // a strip under the card: the header has no room left
      r.stock = {pad, y, w - 2 * pad, stock_h - gap};
      y += stock_h;
    }
    r.tiles_title = {pad, y, w - 2 * pad, hs.title};
    r.tiles = {pad, r.tiles_title.bottom() + gap / 2, w - 2 * pad,
               r.recent_title.y - gap - (r.tiles_title.bottom() + gap / 2)};
    grid = BestGrid(mt, r.tiles, in.counters, r.tile_gap, r.counter_px, r.readable_px);
  }
  r.call_boxes = SplitCallBoxes(r.call, r.is_portrait && r.call.h < card_min, label_line,
                                mt.ticket_w, mt.line);
  r.tile_cols = grid.cols;
  r.tile_rows = grid.rows;
  r.is_tile_wide = grid.is_wide;
  r.key_share = grid.key_share;
  return r;
}

}  // namespace antre
