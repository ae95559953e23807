#include "board_screen.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ui/date_format.h"

namespace antre {

namespace {

using ui::Align;
using ui::Color;
using ui::Frame;
using ui::Rect;
using ui::TextMeasurer;
namespace th = board_theme;

// Where each part of the board goes on a screen of a given shape.
struct Regions {
  Rect header, call, tiles, recent, waiting, ticker;
  Rect stock;  // empty (w == 0) when the board shows no stock
  int tile_cols = 2;
  int waiting_cols = 6;
  int pad = 16;
  bool is_portrait = false;
};

int Pct(int total, double fraction) { return static_cast<int>(std::lround(total * fraction)); }

// The clock's box at the right of the header (wide enough for "00:00").
Rect ClockBox(const TextMeasurer& m, Rect header, int pad) {
  const int clock_px = Pct(header.h, 0.62);
  const int clock_w = std::min(m.Width("00:00", clock_px, true) + pad, header.w / 3);
  return {header.right() - pad - clock_w, header.y, clock_w, header.h};
}

Regions Layout(const TextMeasurer& m, int w, int h, size_t tiles, size_t services, bool has_stock) {
  Regions r;
  r.is_portrait = h > w;
  r.pad = std::max(6, std::min(w, h) / 54);
  const int pad = r.pad;
  if (!r.is_portrait) {
    r.header = {0, 0, w, Pct(h, 0.11)};
    r.ticker = {0, h - Pct(h, 0.075), w, Pct(h, 0.075)};
    r.waiting = {pad, r.ticker.y - pad - Pct(h, 0.12), w - 2 * pad, Pct(h, 0.12)};
    const int top = r.header.bottom() + pad;
    const int main_h = r.waiting.y - pad - top;
    const int left_w = Pct(w - 3 * pad, 0.56);
    r.call = {pad, top, left_w, Pct(main_h, 0.70)};
    r.recent = {pad, r.call.bottom() + pad, left_w, main_h - r.call.h - pad};
    r.tiles = {2 * pad + left_w, top, w - 3 * pad - left_w, main_h};
    r.tile_cols = tiles <= 3 ? 1 : 2;
    r.waiting_cols = static_cast<int>(std::clamp<size_t>(services, 1, 6));
    if (has_stock) {  // a pill in the header, left of the clock
      const int pill_w = Pct(w, 0.30);
      const Rect clock = ClockBox(m, r.header, pad);
      r.stock = {clock.x - 2 * pad - pill_w, Pct(r.header.h, 0.10), pill_w, Pct(r.header.h, 0.80)};
    }
  } else {
    r.header = {0, 0, w, Pct(h, 0.085)};
    r.ticker = {0, h - Pct(h, 0.05), w, Pct(h, 0.05)};
    r.waiting = {pad, r.ticker.y - pad - Pct(h, 0.15), w - 2 * pad, Pct(h, 0.15)};
    r.recent = {pad, r.waiting.y - pad - Pct(h, 0.10), w - 2 * pad, Pct(h, 0.10)};
    r.call = {pad, r.header.bottom() + pad, w - 2 * pad, Pct(h, 0.38)};
    r.tiles = {pad, r.call.bottom() + pad, w - 2 * pad, r.recent.y - pad - r.call.bottom() - pad};
    if (has_stock) {  // a strip across the top of the tiles: the header has no room left
      r.stock = {pad, r.tiles.y, w - 2 * pad, Pct(h, 0.04)};
      r.tiles.y += r.stock.h + pad;
      r.tiles.h -= r.stock.h + pad;
    }
    r.tile_cols = tiles <= 2 ? 1 : 2;
    r.waiting_cols = services <= 1 ? 1 : 2;
  }
  return r;
}

// Text sizes snap to a short ladder (1 px steps below 32, then 2, 4, 8): every distinct size
// is a font the renderer opens and keeps, so a free choice of sizes would cost memory and
// first-frame time for no visible gain.
int SnapSize(int px) {
  const int step = px < 32 ? 1 : px < 64 ? 2 : px < 128 ? 4 : 8;
  return std::max(6, px / step * step);
}

int NextSmaller(int px) { return SnapSize(px - (px < 32 ? 1 : px < 64 ? 2 : px < 128 ? 4 : 8)); }

bool Fits(const TextMeasurer& m, const std::string& text, int px, bool bold, bool wrap, int w,
          int h) {
  if (!wrap) return m.Width(text, px, bold) <= w && m.LineHeight(px, bold) <= h;
  auto lines = ui::WrapText(m, text, px, bold, w);
  for (const auto& l : lines) {
    if (m.Width(l, px, bold) > w) return false;
  }
  return static_cast<int>(lines.size()) * m.LineHeight(px, bold) <= h;
}

// The largest ladder size <= max_px at which text fits w x h. One line scales linearly with
// the size, so it starts from an estimate measured at a reference size.
int FitSize(const TextMeasurer& m, const std::string& text, int max_px, bool bold, bool wrap, int w,
            int h) {
  int px = SnapSize(max_px);
  if (!wrap && !text.empty()) {
    constexpr int kRef = 64;
    const int ref_w = std::max(1, m.Width(text, kRef, bold));
    const int ref_h = std::max(1, m.LineHeight(kRef, bold));
    px = SnapSize(std::min<int64_t>({px, int64_t{kRef} * w / ref_w, int64_t{kRef} * h / ref_h}));
  }
  while (px > 6 && !Fits(m, text, px, bold, wrap, w, h)) px = NextSmaller(px);
  return px;
}

// One line of text at the largest size up to max_px that fits the box.
void FitText(Frame* f, const TextMeasurer& m, Rect box, const std::string& text, int max_px,
             Color color, Align align, bool bold) {
  if (text.empty() || box.w <= 0 || box.h <= 0) return;
  f->Text(box, text, FitSize(m, text, max_px, bold, false, box.w, box.h), color, align, bold);
}

// The largest size up to max_px at which every text fits a box of w x h (one size for a row
// of similar items, so they look alike). wrap allows several lines.
int UniformSize(const TextMeasurer& m, const std::vector<std::string>& texts, int max_px, bool bold,
                bool wrap, int w, int h) {
  int px = SnapSize(max_px);
  for (const std::string& t : texts) px = std::min(px, FitSize(m, t, px, bold, wrap, w, h));
  return px;
}

Color Lerp(Color a, Color b, double t) {
  auto mix = [t](uint8_t x, uint8_t y) {
    return static_cast<uint8_t>(std::lround(x + (y - x) * std::clamp(t, 0.0, 1.0)));
  };
  return {mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), 255};
}

// 0 at the arrival of a call, 1 when its animation is over.
double AnimationProgress(const BoardState& board, UnixMs now) {
  UnixMs at = board.newest_call_arrived_at();
  if (at == 0 || now - at >= kCallAnimationMs) return 1.0;
  return std::max<double>(0.0, static_cast<double>(now - at) / kCallAnimationMs);
}

const ServiceLine* FindService(const BoardState& board, const std::string& id) {
  for (const ServiceLine& s : board.services()) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

std::string CounterLabel(const CallRecord& call) {
  return call.counter_name.empty() ? "Loket " + call.counter : call.counter_name;
}

// ---------------------------------------------------------------- parts

void DrawHeader(Frame* f, const TextMeasurer& m, const Regions& r, const BoardState& board,
                UnixMs now) {
  const Rect& h = r.header;
  f->Fill(h, th::kHeader);
  TimeZone tz = board.time_zone();
  if (tz.name.empty()) tz = {"Asia/Jakarta", 420};
  const std::string clock = ui::FormatClock(now, tz);
  const Rect clock_box = ClockBox(m, h, r.pad);
  FitText(f, m, clock_box, clock, Pct(h.h, 0.62), th::kInk, Align::kRight, true);

  const int text_right = r.stock.w > 0 && r.stock.y < h.bottom() ? r.stock.x : clock_box.x;
  const int text_w = text_right - 2 * r.pad;
  const std::string name = board.site_name().empty() ? "Antre" : board.site_name();
  FitText(f, m, {r.pad, h.y + Pct(h.h, 0.08), text_w, Pct(h.h, 0.48)}, name, Pct(h.h, 0.40),
          th::kInk, Align::kLeft, true);
  FitText(f, m, {r.pad, h.y + Pct(h.h, 0.58), text_w, Pct(h.h, 0.34)},
          ui::FormatLongDate(now, tz, ui::Lang::kId), Pct(h.h, 0.27), th::kMutedInk, Align::kLeft,
          false);
}

void DrawCall(Frame* f, const TextMeasurer& m, const Regions& r, const BoardState& board,
              UnixMs now, int screen_h) {
  const Rect& c = r.call;
  const double p = AnimationProgress(board, now);
  // A calm arrival: the card warms from pale to amber while a white ring fades out.
  const double eased = 1.0 - (1.0 - p) * (1.0 - p);
  const int radius = Pct(c.h, 0.04);
  f->Fill(c, Lerp(th::kCallFlash, th::kCall, eased), radius);
  if (p < 1.0) {
    Color ring = th::kInk;
    ring.a = static_cast<uint8_t>(std::lround(255 * (1.0 - eased)));
    f->Outline(c, ring, std::max(2, Pct(c.h, 0.02)), radius);
  }
  const int ip = Pct(c.h, 0.05);
  const int inner_w = c.w - 2 * ip;
  const CallRecord* call = board.newest_call();
  if (!call) {
    FitText(f, m, {c.x + ip, c.y + Pct(c.h, 0.30), inner_w, Pct(c.h, 0.2)}, "Belum ada panggilan",
            Pct(c.h, 0.14), th::kCallInk, Align::kCenter, true);
    FitText(f, m, {c.x + ip, c.y + Pct(c.h, 0.52), inner_w, Pct(c.h, 0.12)}, "No calls yet",
            Pct(c.h, 0.09), th::kCallInk, Align::kCenter, false);
    return;
  }
  FitText(f, m, {c.x + ip, c.y + Pct(c.h, 0.03), inner_w, Pct(c.h, 0.11)},
          call->is_recall ? "PANGGILAN ULANG  ·  RECALL" : "NOMOR ANTREAN  ·  TICKET",
          Pct(c.h, 0.08), th::kCallInk, Align::kCenter, true);
  // The number: at least ~17% of the screen height in font pixels (cap height >= 12%).
  const int number_px = std::max(Pct(c.h, 0.46), Pct(screen_h, 0.17));
  FitText(f, m, {c.x + ip, c.y + Pct(c.h, 0.12), inner_w, Pct(c.h, 0.54)}, call->number, number_px,
          th::kCallInk, Align::kCenter, true);
  FitText(f, m, {c.x + ip, c.y + Pct(c.h, 0.66), inner_w, Pct(c.h, 0.20)},
          "\xE2\x86\x92 " + CounterLabel(*call), Pct(c.h, 0.20), th::kCallInk, Align::kCenter,
          true);
  if (const ServiceLine* s = FindService(board, call->service)) {
    FitText(f, m, {c.x + ip, c.y + Pct(c.h, 0.87), inner_w, Pct(c.h, 0.10)},
            s->name.id + "  ·  " + s->name.en, Pct(c.h, 0.07), th::kCallInk, Align::kCenter, false);
  }
}

void DrawTiles(Frame* f, const TextMeasurer& m, const Regions& r, const BoardState& board,
               UnixMs now) {
  const auto& tiles = board.counters();
  if (tiles.empty()) return;
  const int cols = r.tile_cols;
  const int rows = static_cast<int>((tiles.size() + cols - 1) / cols);
  const int gap = r.pad;
  const int tw = (r.tiles.w - (cols - 1) * gap) / cols;
  const int tile_h = (r.tiles.h - (rows - 1) * gap) / rows;
  const CallRecord* newest = board.newest_call();
  const bool is_animating = AnimationProgress(board, now) < 1.0;
  for (size_t i = 0; i < tiles.size(); ++i) {
    const CounterTile& t = tiles[i];
    Rect box{r.tiles.x + static_cast<int>(i % cols) * (tw + gap),
             r.tiles.y + static_cast<int>(i / cols) * (tile_h + gap), tw, tile_h};
    const int radius = std::min(box.h, box.w) / 12;
    f->Fill(box, th::kTile, radius);
    if (newest && newest->counter == t.id && !t.current.empty() && newest->number == t.current) {
      f->Outline(box, is_animating ? th::kCallFlash : th::kTileHot, std::max(3, box.h / 22),
                 radius);
    }
    const int ip = std::max(4, std::min(box.h, box.w) / 10);
    Rect inner = box.Inset(ip);
    Rect name_box, value_box;
    if (inner.w > inner.h * 2) {  // wide tile: name left, ticket right
      name_box = {inner.x, inner.y, Pct(inner.w, 0.42), inner.h};
      value_box = {inner.x + Pct(inner.w, 0.44), inner.y, inner.w - Pct(inner.w, 0.44), inner.h};
    } else {  // tall tile: name above, ticket below
      name_box = {inner.x, inner.y, inner.w, Pct(inner.h, 0.34)};
      value_box = {inner.x, inner.y + Pct(inner.h, 0.38), inner.w, inner.h - Pct(inner.h, 0.38)};
    }
    const bool is_wide = name_box.h == inner.h;
    FitText(f, m, name_box, t.name, is_wide ? Pct(inner.h, 0.42) : name_box.h, th::kMutedInk,
            is_wide ? Align::kLeft : Align::kCenter, false);
    const Align value_align = is_wide ? Align::kRight : Align::kCenter;
    if (t.is_paused) {
      FitText(f, m, value_box, "Istirahat", Pct(value_box.h, 0.55), th::kPausedInk, value_align,
              true);
    } else if (!t.current.empty()) {
      FitText(f, m, value_box, t.current, Pct(value_box.h, 0.85), th::kInk, value_align, true);
    } else {
      FitText(f, m, value_box, "\xE2\x80\x94", Pct(value_box.h, 0.6), th::kMutedInk, value_align,
              true);
    }
  }
}

void DrawRecent(Frame* f, const TextMeasurer& m, const Regions& r, const BoardState& board) {
  const Rect& box = r.recent;
  const int title_h = Pct(box.h, 0.28);
  FitText(f, m, {box.x, box.y, box.w, title_h}, "Panggilan sebelumnya  ·  Previous calls",
          Pct(title_h, 0.8), th::kMutedInk, Align::kLeft, false);
  const auto& calls = board.recent_calls();
  const int chips = 4;
  const int gap = r.pad;
  const int cw = (box.w - (chips - 1) * gap) / chips;
  const int ch = box.h - title_h - gap / 2;
  const Rect inner0 = Rect{0, 0, cw, ch}.Inset(std::max(4, ch / 10));
  const int number_h = Pct(inner0.h, 0.58);
  const int where_h = inner0.h - Pct(inner0.h, 0.6);
  // Each ticket once (a recall does not push other tickets off), the big one not repeated.
  std::vector<std::string> numbers, wheres;
  for (size_t i = 0; i < calls.size() && static_cast<int>(numbers.size()) < chips; ++i) {
    const CallRecord& call = calls[i];
    if (call.number == calls.front().number) continue;
    if (std::find(numbers.begin(), numbers.end(), call.number) != numbers.end()) continue;
    numbers.push_back(call.number);
    wheres.push_back("\xE2\x86\x92 " + CounterLabel(call));
  }
  const int shown = static_cast<int>(numbers.size());
  const int number_px =
      UniformSize(m, numbers, Pct(inner0.h, 0.55), true, false, inner0.w, number_h);
  const int where_px = UniformSize(m, wheres, Pct(inner0.h, 0.34), false, false, inner0.w, where_h);
  for (int i = 0; i < shown; ++i) {
    Rect chip{box.x + i * (cw + gap), box.bottom() - ch, cw, ch};
    f->Fill(chip, th::kTile, ch / 8);
    Rect inner = chip.Inset(std::max(4, ch / 10));
    f->Text({inner.x, inner.y, inner.w, number_h}, numbers[i], number_px, th::kInk, Align::kCenter,
            true);
    f->Text({inner.x, inner.y + Pct(inner.h, 0.6), inner.w, where_h}, wheres[i], where_px,
            th::kMutedInk, Align::kCenter, false);
  }
}

void DrawWaiting(Frame* f, const TextMeasurer& m, const Regions& r, const BoardState& board) {
  const auto& services = board.services();
  if (services.empty()) return;
  const int cols = r.waiting_cols;
  const int rows = static_cast<int>((services.size() + cols - 1) / cols);
  const int gap = r.pad / 2;
  const int cw = (r.waiting.w - (cols - 1) * gap) / cols;
  const int ch = (r.waiting.h - (rows - 1) * gap) / rows;
  // Every cell has the same inner geometry: a prefix badge, the name (up to two lines) above,
  // the waiting count below, each at one size across the row.
  const Rect inner0 = Rect{0, 0, cw, ch}.Inset(std::max(3, ch / 12));
  const int badge = std::min(inner0.h, inner0.w / 4);
  const int text_x = badge + inner0.h / 6;
  const int text_w = inner0.w - text_x;
  const int name_h = Pct(inner0.h, 0.48);
  const int count_h = inner0.h - Pct(inner0.h, 0.50);
  std::vector<std::string> names, counts;
  for (const ServiceLine& s : services) {
    // "Akta Kelahiran/Kematian" may wrap after the slash (WrapText breaks at spaces and '\n').
    std::string name = s.name.id;
    size_t slash = name.find('/');
    if (slash != std::string::npos && slash + 1 < name.size() && name[slash + 1] != ' ') {
      name.insert(slash + 1, "\n");
    }
    names.push_back(name);
    counts.push_back(s.is_open ? std::to_string(s.waiting) + " menunggu" : "Tutup");
  }
  // Names fit one by one: one long name (wrapped on two lines) must not shrink all the others.
  std::vector<int> name_px;
  for (const std::string& name : names) {
    name_px.push_back(FitSize(m, name, Pct(inner0.h, 0.24), false, true, text_w, name_h));
  }
  const int count_px = UniformSize(m, counts, Pct(inner0.h, 0.42), true, false, text_w, count_h);
  for (size_t i = 0; i < services.size(); ++i) {
    Rect cell{r.waiting.x + static_cast<int>(i % cols) * (cw + gap),
              r.waiting.y + static_cast<int>(i / cols) * (ch + gap), cw, ch};
    f->Fill(cell, th::kTile, ch / 10);
    Rect inner = cell.Inset(std::max(3, ch / 12));
    Rect badge_box{inner.x, inner.y + (inner.h - badge) / 2, badge, badge};
    f->Fill(badge_box, th::kCall, badge / 6);
    FitText(f, m, badge_box.Inset(badge / 10), services[i].prefix, Pct(badge, 0.7), th::kCallInk,
            Align::kCenter, true);
    f->Text({inner.x + text_x, inner.y, text_w, name_h}, names[i], name_px[i], th::kMutedInk,
            Align::kLeft, false, true);
    f->Text({inner.x + text_x, inner.y + Pct(inner.h, 0.50), text_w, count_h}, counts[i], count_px,
            th::kInk, Align::kLeft, true);
  }
}

void DrawStock(Frame* f, const TextMeasurer& m, const Regions& r, const BoardState& board) {
  const Rect& box = r.stock;
  const CardStock stock = board.card_stock();
  if (box.w <= 0 || stock == CardStock::kNone) return;
  const bool is_out = stock == CardStock::kEmpty;
  f->Fill(box, is_out ? th::kStockOut : th::kTile, box.h / 5);
  const StockWords words = CardStockWords(stock);
  // Low is said in the paused tiles' amber; out of stock turns the whole pill red.
  const Color level_ink = stock == CardStock::kLow ? th::kPausedInk : th::kInk;
  const Color second_ink = is_out ? th::kInk : th::kMutedInk;
  const Rect inner = box.Inset(std::max(3, box.h / 10));
  if (inner.w > inner.h * 10) {  // a wide strip: both languages on one line
    const int half = (inner.w - r.pad) / 2;
    const int px =
        UniformSize(m, {words.id, words.en}, Pct(inner.h, 0.80), true, false, half, inner.h);
    f->Text({inner.x, inner.y, half, inner.h}, words.id, px, level_ink, Align::kLeft, true);
    f->Text({inner.right() - half, inner.y, half, inner.h}, words.en, px, second_ink, Align::kRight,
            false);
    return;
  }
  FitText(f, m, {inner.x, inner.y, inner.w, Pct(inner.h, 0.60)}, words.id, Pct(inner.h, 0.50),
          level_ink, Align::kCenter, true);
  FitText(f, m, {inner.x, inner.y + Pct(inner.h, 0.60), inner.w, inner.h - Pct(inner.h, 0.60)},
          words.en, Pct(inner.h, 0.34), second_ink, Align::kCenter, false);
}

void DrawTicker(Frame* f, const TextMeasurer& m, const Regions& r, const BoardState& board,
                UnixMs now) {
  const Rect& t = r.ticker;
  if (board.ShowsReconnecting(now)) {
    f->Fill(t, th::kAlert);
    FitText(f, m, t.Inset(std::max(2, t.h / 10)),
            "menyambung ulang\xE2\x80\xA6  ·  reconnecting\xE2\x80\xA6", Pct(t.h, 0.55),
            th::kAlertInk, Align::kCenter, true);
    return;
  }
  f->Fill(t, th::kTicker);
  auto messages = board.ticker();
  if (messages.empty()) return;
  // One message at a time, Indonesian then English, each for kTickerStepMs: a calm change
  // every few seconds instead of a scroll that would redraw all the time.
  const int64_t step = (now / kTickerStepMs) % static_cast<int64_t>(messages.size() * 2);
  const TickerMessage& msg = messages[static_cast<size_t>(step / 2)];
  const std::string& text = step % 2 == 0 || msg.text.en.empty() ? msg.text.id : msg.text.en;
  FitText(f, m, t.Inset(std::max(2, t.h / 10)), text, Pct(t.h, 0.55), th::kInk, Align::kCenter,
          true);
}

}  // namespace

// ---------------------------------------------------------------- the board

StockWords CardStockWords(CardStock stock) {
  switch (stock) {
    case CardStock::kAvailable:
      return {"Blangko KTP-el: tersedia", "Blank ID cards: available"};
    case CardStock::kLow:
      return {"Blangko KTP-el: menipis", "Blank ID cards: running low"};
    case CardStock::kEmpty:
      return {"Blangko KTP-el: habis", "Blank ID cards: out of stock"};
    case CardStock::kNone:
      break;
  }
  return {};
}

ui::Frame BuildBoardFrame(const BoardScreenInput& input, const ui::TextMeasurer& m) {
  const BoardState& board = *input.board;
  Frame f;
  f.width = input.width;
  f.height = input.height;
  f.background = th::kPage;
  const bool has_stock = board.has_snapshot() && board.card_stock() != CardStock::kNone;
  Regions r = Layout(m, input.width, input.height, board.counters().size(), board.services().size(),
                     has_stock);
  DrawHeader(&f, m, r, board, input.now);
  if (!board.has_snapshot()) {
    Rect mid{r.pad, r.header.bottom() + r.pad, input.width - 2 * r.pad,
             r.ticker.y - r.header.bottom() - 2 * r.pad};
    FitText(&f, m, {mid.x, mid.y + Pct(mid.h, 0.35), mid.w, Pct(mid.h, 0.14)},
            "Menghubungkan ke server\xE2\x80\xA6", Pct(mid.h, 0.10), th::kInk, Align::kCenter,
            true);
    FitText(&f, m, {mid.x, mid.y + Pct(mid.h, 0.50), mid.w, Pct(mid.h, 0.09)},
            "Connecting to the server\xE2\x80\xA6", Pct(mid.h, 0.06), th::kMutedInk, Align::kCenter,
            false);
  } else {
    DrawCall(&f, m, r, board, input.now, input.height);
    DrawTiles(&f, m, r, board, input.now);
    DrawRecent(&f, m, r, board);
    DrawWaiting(&f, m, r, board);
    DrawStock(&f, m, r, board);
  }
  DrawTicker(&f, m, r, board, input.now);
  return f;
}

int64_t MsUntilBoardChanges(const BoardState& board, UnixMs now) {
  int64_t next = 60000 - (now % 60000);  // the clock's next minute
  next = std::min<int64_t>(next, kTickerStepMs - now % kTickerStepMs);
  if (AnimationProgress(board, now) < 1.0) next = std::min<int64_t>(next, kAnimationFrameMs);
  int64_t mark = board.ms_until_reconnect_mark(now);
  if (mark >= 0) next = std::min(next, mark);
  return std::max<int64_t>(1, next);
}

const ui::TextCmd* FindMainNumber(const ui::Frame& frame) {
  const ui::TextCmd* best = nullptr;
  for (const auto& cmd : frame.commands) {
    if (const auto* t = std::get_if<ui::TextCmd>(&cmd)) {
      if (!best || t->size_px > best->size_px) best = t;
    }
  }
  return best;
}

}  // namespace antre
