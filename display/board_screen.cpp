#include "board_screen.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "board_layout.h"
#include "ui/date_format.h"

namespace antre {

namespace {

using ui::Align;
using ui::Color;
using ui::Frame;
using ui::Rect;
using ui::TextMeasurer;
namespace th = board_theme;

int Pct(int total, double fraction) { return static_cast<int>(std::lround(total * fraction)); }

// The clock's box at the right of the header (wide enough for "00:00"; LayoutBoard leaves it
// free of the stock pill).
Rect ClockBox(const TextMeasurer& m, Rect header, int pad) {
  const int clock_px = Pct(header.h, 0.62);
  const int clock_w = std::min(m.Width("00:00", clock_px, true) + pad, header.w / 3);
  return {header.right() - pad - clock_w, header.y, clock_w, header.h};
}

int SnapSize(int px) { return SnapTextSize(px); }

int LadderStep(int px) { return px < 32 ? 1 : px < 64 ? 2 : px < 128 ? 4 : 8; }
int NextSmaller(int px) { return SnapSize(px - LadderStep(px)); }
int NextLarger(int px) { return SnapSize(px + LadderStep(px)); }

bool Fits(const TextMeasurer& m, const std::string& text, int px, bool bold, bool wrap, int w,
          int h) {
  if (!wrap) return m.Width(text, px, bold) <= w && m.LineHeight(px, bold) <= h;
  auto lines = ui::WrapText(m, text, px, bold, w);
  for (const auto& l : lines) {
    if (m.Width(l, px, bold) > w) return false;
  }
  return static_cast<int>(lines.size()) * m.LineHeight(px, bold) <= h;
}

// The largest ladder size <= max_px at which text fits w x h. One line scales almost linearly
// with the size, so it starts from an estimate measured at a reference size, then steps down
// or up (line heights round to whole pixels, so the estimate can be a step off either way).
int FitSize(const TextMeasurer& m, const std::string& text, int max_px, bool bold, bool wrap, int w,
            int h) {
  const int max_snap = SnapSize(max_px);
  int px = max_snap;
  if (!wrap && !text.empty()) {
    constexpr int kRef = 64;
    const int ref_w = std::max(1, m.Width(text, kRef, bold));
    const int ref_h = std::max(1, m.LineHeight(kRef, bold));
    px = SnapSize(std::min<int64_t>({px, int64_t{kRef} * w / ref_w, int64_t{kRef} * h / ref_h}));
    for (int up = NextLarger(px); up <= max_snap && Fits(m, text, up, bold, wrap, w, h);
         up = NextLarger(px)) {
      px = up;
    }
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

// Text on as many lines as the box holds, centred, at the largest size up to max_px that fits.
void WrapText(Frame* f, const TextMeasurer& m, Rect box, const std::string& text, int max_px,
              Color color, bool bold) {
  if (text.empty() || box.w <= 0 || box.h <= 0) return;
  f->Text(box, text, FitSize(m, text, max_px, bold, true, box.w, box.h), color, Align::kCenter,
          bold, true);
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

// What a tile shows for its counter: "12" for "Loket 12" (the tiles' title says "Loket"),
// any other name whole.
std::string TileKey(const CounterTile& t) {
  static const std::string kLoket = "Loket ";
  if (t.name.empty()) return t.id;
  if (t.name.size() > kLoket.size() && t.name.compare(0, kLoket.size(), kLoket) == 0) {
    return t.name.substr(kLoket.size());
  }
  return t.name;
}

// The widest of `texts` in bold at a reference size, or `fallback` when there are none.
std::string Widest(const TextMeasurer& m, const std::vector<std::string>& texts,
                   std::string fallback) {
  int best = -1;
  for (const std::string& t : texts) {
    const int w = m.Width(t, 64, true);
    if (w > best) best = w, fallback = t;
  }
  return fallback;
}

// ---------------------------------------------------------------- parts

void DrawHeader(Frame* f, const TextMeasurer& m, const BoardLayout& r, const BoardState& board,
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

void DrawCall(Frame* f, const TextMeasurer& m, const BoardLayout& r, const BoardState& board,
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
  // LayoutBoard placed the label, number, counter and service (CallBoxes); the label and the
  // service are never under the label size, and the number box holds CallNumberPx.
  const CallBoxes& b = r.call_boxes;
  const int label_px = std::max(Pct(c.h, b.is_row ? 0.09 : 0.07), r.label_px);
  const int service_px = std::max(Pct(c.h, b.is_row ? 0.085 : 0.065), r.label_px);
  const int number_px = std::max(Pct(b.number.h, 0.85), CallNumberPx(f->width, screen_h));
  FitText(f, m, b.number, call->number, number_px, th::kCallInk, Align::kCenter, true);
  FitText(f, m, b.counter, "\xE2\x86\x92 " + CounterLabel(*call), b.counter.h, th::kCallInk,
          Align::kCenter, true);
  const ServiceLine* s = FindService(board, call->service);
  if (!b.is_row) {
    FitText(
        f, m, b.label,
        call->is_recall ? "PANGGILAN ULANG  \xC2\xB7  RECALL" : "NOMOR ANTREAN  \xC2\xB7  TICKET",
        label_px, th::kCallInk, Align::kCenter, true);
    if (s) {
      FitText(f, m, b.service, s->name.id + "  \xC2\xB7  " + s->name.en, service_px, th::kCallInk,
              Align::kCenter, false);
    }
    return;
  }
  // In a row the label and the service may wrap: Indonesian on the first line, English after.
  WrapText(f, m, b.label, call->is_recall ? "PANGGILAN ULANG\nRECALL" : "NOMOR ANTREAN\nTICKET",
           label_px, th::kCallInk, true);
  if (s) WrapText(f, m, b.service, s->name.id + "\n" + s->name.en, service_px, th::kCallInk, false);
}

void DrawTiles(Frame* f, const TextMeasurer& m, const BoardLayout& r, const BoardState& board,
               UnixMs now, const std::string& widest_ticket) {
  const auto& tiles = board.counters();
  if (tiles.empty()) return;
  FitText(f, m, r.tiles_title, "Loket  \xC2\xB7  Counter", r.label_px * 11 / 10, th::kMutedInk,
          Align::kLeft, false);
  // One size for every counter number and one for every ticket, so the tiles look alike; at
  // most twice the readable size, so the newest call stays by far the largest. The counter's
  // number is no larger than the ticket unless its own least size (CounterNumberPx, larger
  // than the tickets' on a portrait screen) asks for it.
  const TileBoxes boxes0 = r.SplitTile(r.Tile(0));
  std::vector<std::string> keys, tickets{widest_ticket};
  for (const CounterTile& t : tiles) {
    keys.push_back(TileKey(t));
    if (!t.current.empty()) tickets.push_back(t.current);
  }
  const int cap = 2 * r.readable_px;
  const int ticket_px = UniformSize(m, tickets, cap, true, false, boxes0.value.w, boxes0.value.h);
  const int key_px = UniformSize(m, keys, std::max(ticket_px, r.counter_px), true, false,
                                 boxes0.key.w, boxes0.key.h);
  const CallRecord* newest = board.newest_call();
  const bool is_animating = AnimationProgress(board, now) < 1.0;
  for (size_t i = 0; i < tiles.size(); ++i) {
    const CounterTile& t = tiles[i];
    const Rect box = r.Tile(i);
    const int radius = std::min(box.h, box.w) / 12;
    f->Fill(box, th::kTile, radius);
    const TileBoxes b = r.SplitTile(box);
    // A long "Istirahat" in a narrow tile may use the room the counter's number leaves.
    Rect key_box = b.key, value_box = b.value;
    if (t.is_paused && r.is_tile_wide &&
        FitSize(m, "Istirahat", ticket_px, true, false, b.value.w, b.value.h) < ticket_px / 2) {
      key_box.w = std::min(b.key.w, m.Width(keys[i], key_px, true));
      value_box.x = key_box.right() + (b.value.x - b.key.right());
      value_box.w = b.value.right() - value_box.x;
    }
    // The counter's number sits on a darker block, so "10" never runs into "D013".
    f->Fill(r.is_tile_wide ? Rect{box.x, box.y, (key_box.right() + value_box.x) / 2 - box.x, box.h}
                           : Rect{box.x, box.y, box.w, (b.key.bottom() + b.value.y) / 2 - box.y},
            th::kTileKey, radius);
    if (newest && newest->counter == t.id && !t.current.empty() && newest->number == t.current) {
      // A ring, not a frame: a big tile of a small office keeps it to half a pad.
      f->Outline(box, is_animating ? th::kCallFlash : th::kTileHot,
                 std::clamp(std::min(box.w, box.h) / 20, 3, std::max(3, r.pad / 2)), radius);
    }
    f->Text(key_box, keys[i], key_px, th::kMutedInk, Align::kCenter, true);
    if (t.is_paused) {
      FitText(f, m, value_box, "Istirahat", ticket_px, th::kPausedInk, Align::kCenter, true);
    } else if (!t.current.empty()) {
      f->Text(value_box, t.current, ticket_px, th::kInk, Align::kCenter, true);
    } else {
      FitText(f, m, value_box, "\xE2\x80\x94", ticket_px, th::kMutedInk, Align::kCenter, true);
    }
  }
}

void DrawRecent(Frame* f, const TextMeasurer& m, const BoardLayout& r, const BoardState& board) {
  FitText(f, m, r.recent_title, "Panggilan sebelumnya  \xC2\xB7  Previous calls",
          r.label_px * 11 / 10, th::kMutedInk, Align::kLeft, false);
  const auto& calls = board.recent_calls();
  const size_t chips = static_cast<size_t>(r.recent_cols * r.recent_rows);
  // Each ticket once (a recall does not push other tickets off), the big one not repeated.
  std::vector<std::string> numbers, wheres;
  for (size_t i = 0; i < calls.size() && numbers.size() < chips; ++i) {
    const CallRecord& call = calls[i];
    if (call.number == calls.front().number) continue;
    if (std::find(numbers.begin(), numbers.end(), call.number) != numbers.end()) continue;
    numbers.push_back(call.number);
    wheres.push_back("\xE2\x86\x92 " + CounterLabel(call));
  }
  // The chip's number over its counter; LayoutBoard made the chip just tall enough for both.
  const Rect inner0 = r.Chip(0).Inset(std::max(3, r.readable_px / 10));
  const int where_h = m.LineHeight(r.label_px, false);
  const int number_h = inner0.h - where_h;
  const int number_px = UniformSize(m, numbers, 2 * r.readable_px, true, false, inner0.w, number_h);
  const int where_px =
      UniformSize(m, wheres, r.label_px * 11 / 10, false, false, inner0.w, where_h);
  for (size_t i = 0; i < numbers.size(); ++i) {
    const Rect chip = r.Chip(i);
    f->Fill(chip, th::kTile, std::min(chip.w, chip.h) / 8);
    const Rect inner = chip.Inset(std::max(3, r.readable_px / 10));
    f->Text({inner.x, inner.y, inner.w, number_h}, numbers[i], number_px, th::kInk, Align::kCenter,
            true);
    f->Text({inner.x, inner.y + number_h, inner.w, where_h}, wheres[i], where_px, th::kMutedInk,
            Align::kCenter, false);
  }
}

// "Akta Kelahiran/Kematian" may wrap after the slash (WrapText breaks at spaces and '\n').
std::string WrappableName(std::string name) {
  const size_t slash = name.find('/');
  if (slash != std::string::npos && slash + 1 < name.size() && name[slash + 1] != ' ') {
    name.insert(slash + 1, "\n");
  }
  return name;
}

void DrawWaiting(Frame* f, const TextMeasurer& m, const BoardLayout& r, const BoardState& board) {
  const auto& services = board.services();
  if (services.empty()) return;
  FitText(f, m, r.waiting_title, "Menunggu  \xC2\xB7  Waiting", r.label_px * 11 / 10, th::kMutedInk,
          Align::kLeft, false);
  // Every cell has the same geometry: the prefix badge, the service name (up to two lines),
  // and the count, large, right-aligned, with a small "menunggu" after it on the same baseline
  // (in landscape; portrait says it once in the title above).
  const int wi = std::max(3, r.readable_px / 12);
  const Rect inner0 = r.WaitingCell(0).Inset(wi);
  const int count_line = m.LineHeight(r.readable_px, true);
  const int word_line = m.LineHeight(r.label_px, false);
  const int badge = std::min(count_line, inner0.h);
  const int gap = std::max(4, r.readable_px / 6);
  const std::string word = "menunggu";
  const int word_w = r.has_waiting_word ? m.Width(word, r.label_px, false) : 0;
  std::vector<std::string> counts;
  int count_w = 0;  // the widest count, "menunggu" included
  for (const ServiceLine& s : services) {
    counts.push_back(s.is_open ? std::to_string(s.waiting) : "Tutup");
    const int w = m.Width(counts.back(), r.readable_px, true) +
                  (s.is_open && r.has_waiting_word ? gap + word_w : 0);
    count_w = std::max(count_w, w);
  }
  const int name_x = badge + gap;
  const int name_w = std::max(1, inner0.w - name_x - gap - count_w);
  for (size_t i = 0; i < services.size(); ++i) {
    const ServiceLine& s = services[i];
    const Rect cell = r.WaitingCell(i);
    f->Fill(cell, th::kTile, std::min(cell.w, cell.h) / 10);
    const Rect inner = cell.Inset(wi);
    const int row_y = inner.y + (inner.h - count_line) / 2;
    const Rect badge_box{inner.x, row_y + (count_line - badge) / 2, badge, badge};
    f->Fill(badge_box, th::kCall, badge / 6);
    FitText(f, m, badge_box.Inset(badge / 10), s.prefix, Pct(badge, 0.7), th::kCallInk,
            Align::kCenter, true);
    const std::string name = WrappableName(s.name.id);
    const int name_px = FitSize(m, name, r.label_px * 6 / 5, false, true, name_w, inner.h);
    f->Text({inner.x + name_x, inner.y, name_w, inner.h}, name, name_px, th::kMutedInk,
            Align::kLeft, false, true);
    const bool has_word = s.is_open && r.has_waiting_word;
    const int w = m.Width(counts[i], r.readable_px, true);
    const int x = inner.right() - (has_word ? w + gap + word_w : w);
    f->Text({x, row_y, w, count_line}, counts[i], r.readable_px, th::kInk, Align::kLeft, true);
    if (!has_word) continue;
    // Baselines meet: DejaVu's ascent is about 0.8 of its line height.
    const int word_y = row_y + (count_line - word_line) * 4 / 5;
    f->Text({x + w + gap, word_y, word_w, word_line}, word, r.label_px, th::kMutedInk, Align::kLeft,
            false);
  }
}

void DrawStock(Frame* f, const TextMeasurer& m, const BoardLayout& r, const BoardState& board) {
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
  if (inner.w > inner.h * 10) {  // a wide strip: both languages on one line, widths by length
    const int id_w0 = std::max(1, m.Width(words.id, 100, true));
    const int en_w0 = std::max(1, m.Width(words.en, 100, false));
    const int id_w = static_cast<int>(int64_t{inner.w - r.pad} * id_w0 / (id_w0 + en_w0));
    const int en_w = inner.w - r.pad - id_w;
    const int px = std::min(FitSize(m, words.id, Pct(inner.h, 0.80), true, false, id_w, inner.h),
                            FitSize(m, words.en, Pct(inner.h, 0.80), false, false, en_w, inner.h));
    f->Text({inner.x, inner.y, id_w, inner.h}, words.id, px, level_ink, Align::kLeft, true);
    f->Text({inner.right() - en_w, inner.y, en_w, inner.h}, words.en, px, second_ink, Align::kRight,
            false);
    return;
  }
  FitText(f, m, {inner.x, inner.y, inner.w, Pct(inner.h, 0.58)}, words.id, Pct(inner.h, 0.50),
          level_ink, Align::kCenter, true);
  FitText(f, m, {inner.x, inner.y + Pct(inner.h, 0.58), inner.w, inner.h - Pct(inner.h, 0.58)},
          words.en, Pct(inner.h, 0.36), second_ink, Align::kCenter, false);
}

// One line of the ticker; a notice too long for one line at the label size takes two.
void DrawTickerText(Frame* f, const TextMeasurer& m, const BoardLayout& r, const std::string& text,
                    Color ink) {
  const Rect box = r.ticker.Inset(std::max(2, r.ticker.h / 10));
  const int max_px = Pct(r.ticker.h, 0.55);
  const int px = FitSize(m, text, max_px, true, false, box.w, box.h);
  if (px >= r.label_px) {
    f->Text(box, text, px, ink, Align::kCenter, true);
    return;
  }
  f->Text(box, text, FitSize(m, text, max_px, true, true, box.w, box.h), ink, Align::kCenter, true,
          true);
}

void DrawTicker(Frame* f, const TextMeasurer& m, const BoardLayout& r, const BoardState& board,
                UnixMs now) {
  const Rect& t = r.ticker;
  if (board.ShowsReconnecting(now)) {
    f->Fill(t, th::kAlert);
    DrawTickerText(f, m, r, "menyambung ulang\xE2\x80\xA6  \xC2\xB7  reconnecting\xE2\x80\xA6",
                   th::kAlertInk);
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
  DrawTickerText(f, m, r, text, th::kInk);
}

}  // namespace

// ---------------------------------------------------------------- the board

StockWords CardStockWords(CardStock stock) {
  switch (stock) {
    case CardStock::kAvailable:
      return {"Blangko e-KTP: tersedia", "Blank e-KTP cards: available"};
    case CardStock::kLow:
      return {"Blangko e-KTP: menipis", "Blank e-KTP cards: running low"};
    case CardStock::kEmpty:
      return {"Blangko e-KTP: habis", "Blank e-KTP cards: out of stock"};
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
  BoardLayoutInput in;
  in.width = input.width;
  in.height = input.height;
  in.counters = board.counters().size();
  in.services = board.services().size();
  in.has_stock = board.has_snapshot() && board.card_stock() != CardStock::kNone;
  // The tiles are sized for the widest counter number and the widest ticket any service can
  // issue, so the grid does not change with every call.
  std::vector<std::string> keys, tickets;
  for (const CounterTile& t : board.counters()) keys.push_back(TileKey(t));
  for (const ServiceLine& s : board.services()) tickets.push_back(s.prefix + "888");
  in.widest_key = Widest(m, keys, "16");
  in.widest_ticket = Widest(m, tickets, "A888");
  const BoardLayout r = LayoutBoard(m, in);
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
    DrawTiles(&f, m, r, board, input.now, in.widest_ticket);
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
