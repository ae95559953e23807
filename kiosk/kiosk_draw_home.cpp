// Layout of the kiosk's home screen: the service tiles with their plain descriptions and live
// figures, the priority groups (two taps to a priority ticket), the OPAK MANIS path, and the
// printer and blank-card notices. Sizes scale like every kiosk screen (kiosk_draw_util.h);
// notices never go below MinTextPx() (capitals 4.8 mm).
#include <algorithm>

#include "kiosk/icons.h"
#include "kiosk/kiosk_draw_util.h"
#include "kiosk/kiosk_screen.h"
#include "kiosk/kiosk_theme.h"
#include "kiosk/service_availability.h"

namespace antre::kiosk {

using ui::Align;
using ui::Frame;
using ui::Rect;
using namespace draw;

namespace {

// The group's name on its home button: short, so it stays large.
std::string GroupButtonLabel(Priority p, Lang lang) {
  switch (p) {
    case Priority::kLansia: return Tr(lang, "Lansia (60+)", "Elderly (60+)");
    case Priority::kDisabilitas: return Tr(lang, "Disabilitas", "Disability");
    case Priority::kHamil: return Tr(lang, "Ibu hamil", "Pregnant");
    case Priority::kNone: break;
  }
  return "";
}

const char* GroupIcon(Priority p) {
  return p == Priority::kLansia ? "priority" : p == Priority::kDisabilitas ? "wheelchair" : "pregnant";
}

// True if wrapped text at px fits the box.
bool Fits(const ui::TextMeasurer& m, const std::string& text, int px, bool bold, int w, int h) {
  auto lines = ui::WrapText(m, text, px, bold, w);
  for (const auto& l : lines) {
    if (m.Width(l, px, bold) > w) return false;
  }
  return static_cast<int>(lines.size()) * m.LineHeight(px, bold) <= h;
}

// The largest size up to max_px at which wrapped text fits, preferring min_px or more. Only
// when even min_px does not fit (several notices at once on a short screen) does it go
// smaller: text that fits beats text cut off.
int FitPx(const ui::TextMeasurer& m, const std::string& text, int max_px, int min_px, bool bold, int w, int h) {
  int px = ui::FitTextSize(m, text, std::max(max_px, min_px), min_px, bold, true, w, h);
  if (Fits(m, text, px, bold, w, h)) return px;
  return ui::FitTextSize(m, text, min_px, 10, bold, true, w, h);
}

// Text at the largest size up to max_px that fits, and at least min_px where room allows.
void FitTextAtLeast(Frame* f, const ui::TextMeasurer& m, Rect box, const std::string& text, int max_px, int min_px,
                    bool bold, ui::Color color, Align align) {
  f->Text(box, text, FitPx(m, text, max_px, min_px, bold, box.w, box.h), color, align, bold, true);
}

// Where a service tile puts its parts: icon and name on top, then the description (when
// there is one), then the live figures.
struct TileBoxes {
  Rect icon, name, desc, info;
};

TileBoxes LayTile(const Metrics& k, Rect r, bool with_desc) {
  TileBoxes b;
  Rect in = r.Inset(k.pad / 2);
  int head_h = in.h * 30 / 100;
  int icon = std::min({k.P(84), head_h - k.pad / 2, in.w / 5});
  b.icon = {in.x + k.pad / 2, in.y + (head_h - icon) / 2, icon, icon};
  b.name = {b.icon.right() + k.pad / 2, in.y, in.right() - k.pad / 2 - b.icon.right() - k.pad / 2, head_h};
  int rest_h = in.bottom() - b.name.bottom();
  b.desc = {in.x + k.pad / 2, b.name.bottom(), in.w - k.pad, with_desc ? rest_h * 60 / 100 : 0};
  b.info = {b.desc.x, b.desc.bottom(), b.desc.w, in.bottom() - b.desc.bottom()};
  return b;
}

// Height of the priority panel's heading in portrait.
int PriorityHeadingPx(const Metrics& k) { return k.P(70); }

}  // namespace

// The announcement line under the header, when one is live; returns the new top.
int KioskScreen::AnnouncementLine(Frame* f, const ui::TextMeasurer& m, int top) const {
  const Announcement* a = CurrentAnnouncement();
  if (!a) return top;
  Metrics k = Measure(config_, MinTargetPx());
  int h = k.P(k.landscape ? 90 : 120);
  Rect band{k.pad, top, k.w - 2 * k.pad, h};
  f->Fill(band, theme::kButtonLight, k.P(12));
  f->Outline(band, theme::kButtonLightInk, std::max(1, k.P(2)), k.P(12));
  const std::string& text = lang_ == Lang::kId || a->text.en.empty() ? a->text.id : a->text.en;
  std::string label = Tr(lang_, "Pengumuman: ", "Announcement: ") + text;
  if (announcements_.size() > 1) {
    size_t at = static_cast<size_t>(now_ / kAnnouncementTurnMs) % announcements_.size();
    label += "  (" + std::to_string(at + 1) + "/" + std::to_string(announcements_.size()) + ")";
  }
  FitText(f, m, band.Inset(k.pad / 2), label, k.P(40), true, theme::kInk, Align::kLeft, true);
  return band.bottom() + k.pad;
}

// The printer fault band ending at `bottom`, when the last print failed; returns the new bottom.
int KioskScreen::PrinterNotice(Frame* f, const ui::TextMeasurer& m, int bottom) const {
  if (!printer_ || *printer_ == PrinterStatus::kOk) return bottom;
  Metrics k = Measure(config_, MinTargetPx());
  int h = std::max(k.P(k.landscape ? 100 : 120), MinTextPx() * 2 + k.pad);
  Rect band{k.pad, bottom - h, k.w - 2 * k.pad, h};
  f->Fill(band, theme::kAlert, k.P(12));
  FitTextAtLeast(f, m, band.Inset(k.pad / 2),
                 Tr(lang_, "Printer bermasalah: nomor Anda hanya tampil di layar.",
                    "Printer problem: your number is shown on screen only."),
                 k.P(52), MinTextPx(), true, theme::kOnDark, Align::kCenter);
  return band.y - k.pad;
}

// The three priority groups on a purple panel: one tap on a group, one on a service.
void KioskScreen::PriorityPanel(Frame* f, const ui::TextMeasurer& m, Rect panel) const {
  Metrics k = Measure(config_, MinTargetPx());
  f->Fill(panel, theme::kPriority, k.P(20));
  Rect inner = panel.Inset(k.pad / 2);
  // The heading above the groups (portrait) or to their left (landscape, where height is short).
  Rect heading = k.landscape ? Rect{inner.x + k.pad / 2, inner.y, inner.w * 28 / 100, inner.h}
                             : Rect{inner.x + k.pad / 2, inner.y, inner.w - k.pad, PriorityHeadingPx(k)};
  FitText(f, m, heading,
          Tr(lang_, "PRIORITAS — dilayani lebih dulu. Pilih salah satu:", "PRIORITY — served first. Choose one:"),
          k.P(48), true, theme::kOnDark, Align::kLeft, true);
  const Priority groups[] = {Priority::kLansia, Priority::kDisabilitas, Priority::kHamil};
  int gap = k.pad / 2;
  Rect row = k.landscape ? Rect{heading.right() + k.pad / 2, inner.y, inner.right() - heading.right() - k.pad / 2, inner.h}
                         : Rect{inner.x, heading.bottom() + k.pad / 4, inner.w, inner.bottom() - heading.bottom() - k.pad / 4};
  int bw = (row.w - 2 * gap) / 3;
  // Icon above a short label; one size for the three labels, and a one-word label is never
  // broken.
  int icon = std::min(row.h * 45 / 100, k.P(90));
  int label_w = bw - k.pad / 2, label_h = row.h - k.pad / 2 - icon;
  int px = k.P(52);
  for (Priority g : groups) {
    std::string text = GroupButtonLabel(g, lang_);
    px = std::min(px, ui::FitTextSize(m, text, px, 10, true, text.find(' ') != std::string::npos, label_w, label_h));
  }
  for (int i = 0; i < 3; ++i) {
    Rect b{row.x + i * (bw + gap), row.y, bw, row.h};
    f->Fill(b, theme::kPage, k.P(16));
    DrawIcon(f, GroupIcon(groups[i]), {b.x + (b.w - icon) / 2, b.y + k.pad / 4, icon, icon}, theme::kPriority,
             theme::kPage);
    std::string text = GroupButtonLabel(groups[i], lang_);
    f->Text({b.x + k.pad / 4, b.y + k.pad / 4 + icon, label_w, label_h}, text, px, theme::kPriority, Align::kCenter,
            true, text.find(' ') != std::string::npos);
    f->Target(b, std::string("group:") + PriorityName(groups[i]));
  }
}

// The description a tile shows in the current language ("" when the server sends none).
const std::string& KioskScreen::ServiceAbout(const ServiceStatus& st) const {
  const LocalizedText& d = st.service.description;
  return lang_ == Lang::kId || d.en.empty() ? d.id : d.en;
}

// What a tile says under its description: closed, or who waits and for how long.
std::string KioskScreen::ServiceDetail(const ServiceStatus& st) const {
  if (!IsTakeable(st)) return UnavailableText(st, now_, config_.tz, lang_);
  // "Served right away" only where an open counter calls it (none, or -1 from an older
  // server that does not say: no promise).
  if (st.waiting == 0 && st.counters_open > 0)
    return Tr(lang_, "Tidak ada antrean — langsung dilayani", "No queue — served right away");
  if (st.waiting == 0) return Tr(lang_, "Belum ada yang menunggu", "Nobody waiting yet");
  return std::to_string(st.waiting) + Tr(lang_, " orang menunggu · ±", " waiting · about ") +
         std::to_string(st.ewt_minutes) + Tr(lang_, " menit", " min");
}

// One service: icon and name, its plain description, and what waits there now, at sizes
// shared by every tile (name_px; text_px for the description and the figures).
void KioskScreen::ServiceTile(Frame* f, Rect r, const ServiceStatus& st, int name_px, int text_px) const {
  Metrics k = Measure(config_, MinTargetPx());
  bool open = IsTakeable(st);
  ui::Color bg = open ? theme::kService : theme::kClosed;
  ui::Color ink = open ? theme::kOnDark : theme::kClosedInk;
  f->Fill(r, bg, k.P(20));
  const std::string& about = ServiceAbout(st);
  TileBoxes b = LayTile(k, r, !about.empty());
  DrawIcon(f, st.service.id, b.icon, ink, bg);
  const std::string& label = lang_ == Lang::kId ? st.service.name.id : st.service.name.en;
  f->Text(b.name, label, name_px, ink, Align::kLeft, true, true);
  if (!about.empty()) f->Text(b.desc, about, text_px, ink, Align::kLeft, false, true);
  f->Text(b.info, ServiceDetail(st), text_px, ink, Align::kLeft, false, true);
  if (open) f->Target(r, "service:" + st.service.id);
}

void KioskScreen::BuildHome(Frame* f, const ui::TextMeasurer& m) const {
  Metrics k = Measure(config_, MinTargetPx());
  int top = Header(f, m, true) + k.pad;
  top = AnnouncementLine(f, m, top);
  int bottom = FreeNotice(f, m, k.h) - k.pad;
  bottom = PrinterNotice(f, m, bottom);

  // The priority groups sit low on the screen, within reach of a resident in a wheelchair;
  // the OPAK MANIS path beside them (landscape) or above them (portrait). While choosing a
  // service as priority, one button leads back instead.
  if (chosen_priority_ == Priority::kNone) {
    int panel_h = k.landscape ? std::max(k.min_target + k.pad, k.P(160))
                              : std::max(k.min_target + PriorityHeadingPx(k) + k.pad, k.P(270));
    Rect panel{k.pad, bottom - panel_h, k.w - 2 * k.pad, panel_h};
    Rect booking;
    if (k.landscape) {
      booking = {k.pad, panel.y, (panel.w - k.pad) * 36 / 100, panel_h};
      panel.x = booking.right() + k.pad;
      panel.w = k.w - k.pad - panel.x;
    } else {
      int booking_h = std::max(k.min_target, k.P(140));
      booking = {k.pad, panel.y - k.pad - booking_h, panel.w, booking_h};
    }
    PriorityPanel(f, m, panel);
    f->Fill(booking, theme::kBooking, k.P(20));
    int icon = std::min({booking.h - 2 * k.pad, k.P(110), booking.w / 4});
    DrawIcon(f, "booking", {booking.x + k.pad, booking.y + (booking.h - icon) / 2, icon, icon}, theme::kOnDark,
             theme::kBooking);
    Rect text{booking.x + 2 * k.pad + icon, booking.y + k.pad / 2, booking.w - 3 * k.pad - icon, booking.h - k.pad};
    Rect name{text.x, text.y, text.w, text.h * 60 / 100};
    FitTextAtLeast(f, m, name, Tr(lang_, "Saya sudah booking (OPAK MANIS)", "I have a booking (OPAK MANIS)"),
                   k.P(56), MinTextPx(), true, theme::kOnDark, Align::kLeft);
    FitTextAtLeast(f, m, {text.x, name.bottom(), text.w, text.h - name.h},
                   Tr(lang_, "Ketik kode atau pindai QR booking", "Type or scan your booking code"), k.P(40),
                   MinTextPx(), false, theme::kOnDark, Align::kLeft);
    f->Target(booking, "booking");
    bottom = std::min(panel.y, booking.y) - k.pad;
  } else {
    int back_h = std::max(k.min_target, k.P(k.landscape ? 130 : 150));
    Rect back{k.pad, bottom - back_h, k.w - 2 * k.pad, back_h};
    Button(f, m, back, "back", Tr(lang_, "Kembali (bukan prioritas)", "Back (not priority)"), k.P(48),
           theme::kButtonLight, theme::kButtonLightInk, k);
    bottom = back.y - k.pad;
  }

  int title_h = k.P(k.landscape ? 70 : 90);
  std::string title = chosen_priority_ != Priority::kNone
                          ? Tr(lang_, "Prioritas: ", "Priority: ") + PriorityLabel(chosen_priority_, lang_) +
                                Tr(lang_, " — pilih layanan", " — choose a service")
                      : walk_in_offer_ ? Tr(lang_, "Pilih layanan untuk nomor antrean biasa",
                                            "Choose a service for a normal walk-in ticket")
                                       : Tr(lang_, "Silakan pilih layanan", "Please choose a service");
  Rect title_box{k.pad, top, k.w - 2 * k.pad, title_h};
  if (chosen_priority_ != Priority::kNone) f->Fill(title_box, theme::kPriority, k.P(12));
  FitText(f, m, chosen_priority_ != Priority::kNone ? title_box.Inset(k.pad / 2) : title_box, title, k.P(60), true,
          chosen_priority_ != Priority::kNone ? theme::kOnDark : theme::kInk, Align::kLeft, true);
  top += title_h + k.pad / 2;

  // The blank-card notice sits among the service tiles (reserved before sizing them).
  bool stock_notice = stock_ == CardStockLevel::kLow || stock_ == CardStockLevel::kEmpty;
  int notice_h = stock_notice ? std::max(k.P(k.landscape ? 100 : 130), 2 * MinTextPx() + k.pad) : 0;
  if (stock_notice) bottom -= notice_h + k.pad;

  int n = static_cast<int>(services_.size());
  if (n == 0) return;
  // Boxy tiles leave room for a wrapped name and description: two columns portrait, three
  // landscape (fewer when there are few services).
  int cols = std::min(n, k.landscape ? 3 : 2);
  int rows = (n + cols - 1) / cols;
  int gap = k.pad;
  int cell_w = (k.w - 2 * k.pad - (cols - 1) * gap) / cols;
  int cell_h = std::min(k.P(k.landscape ? 320 : 380), (bottom - top - (rows - 1) * gap) / rows);
  // The notice goes right under the row holding the printing service (else under the last).
  int notice_row = rows - 1;
  for (int i = 0; i < n; ++i) {
    if (services_[i].is_print || services_[i].service.id == "cetak") notice_row = i / cols;
  }
  // One size for every name and one for every description and figure line, so the tiles
  // read alike; never below MinTextPx where room allows.
  TileBoxes boxes = LayTile(k, {0, 0, cell_w, cell_h}, true);
  TileBoxes bare = LayTile(k, {0, 0, cell_w, cell_h}, false);
  int name_px = k.P(52), text_px = k.P(40);
  for (const auto& st : services_) {
    const std::string& label = lang_ == Lang::kId ? st.service.name.id : st.service.name.en;
    name_px = std::min(name_px, FitPx(m, label, name_px, MinTextPx(), true, boxes.name.w, boxes.name.h));
    const std::string& about = ServiceAbout(st);
    if (!about.empty()) text_px = std::min(text_px, FitPx(m, about, text_px, MinTextPx(), false, boxes.desc.w, boxes.desc.h));
    Rect info = about.empty() ? bare.info : boxes.info;
    text_px = std::min(text_px, FitPx(m, ServiceDetail(st), text_px, MinTextPx(), false, info.w, info.h));
  }
  for (int i = 0; i < n; ++i) {
    int row = i / cols;
    int y = top + row * (cell_h + gap) + (stock_notice && row > notice_row ? notice_h + k.pad : 0);
    ServiceTile(f, {k.pad + (i % cols) * (cell_w + gap), y, cell_w, cell_h}, services_[i], name_px, text_px);
  }
  if (stock_notice) {
    StockNotice(f, m, {k.pad, top + (notice_row + 1) * (cell_h + gap), k.w - 2 * k.pad, notice_h});
  }
}

// A calm band about the blank-card stock, with the printing service's card icon.
void KioskScreen::StockNotice(Frame* f, const ui::TextMeasurer& m, Rect band) const {
  Metrics k = Measure(config_, MinTargetPx());
  f->Fill(band, theme::kNotice, k.P(12));
  f->Outline(band, theme::kNoticeInk, std::max(1, k.P(2)), k.P(12));
  int icon = std::min(band.h - k.pad, k.P(90));
  DrawIcon(f, "cetak", {band.x + k.pad / 2, band.y + (band.h - icon) / 2, icon, icon}, theme::kNoticeInk,
           theme::kNotice);
  std::string text = stock_ == CardStockLevel::kEmpty
                         ? Tr(lang_, "Blangko e-KTP sedang habis — Anda akan menerima Surat Keterangan; kartu dicetak saat blangko tersedia.",
                              "e-KTP blank cards have run out — you will receive a Surat Keterangan (certificate); your card is printed when cards arrive.")
                         : Tr(lang_, "Blangko e-KTP terbatas — bila habis, Anda akan menerima Surat Keterangan.",
                              "e-KTP blank cards are limited — if they run out, you will receive a Surat Keterangan (certificate).");
  FitTextAtLeast(f, m, {band.x + k.pad + icon, band.y + k.pad / 4, band.w - 3 * k.pad / 2 - icon, band.h - k.pad / 2},
                 text, k.P(48), MinTextPx(), true, theme::kNoticeInk, Align::kLeft);
}

}  // namespace antre::kiosk
