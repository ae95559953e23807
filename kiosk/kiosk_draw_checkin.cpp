// Layout of the OPAK MANIS screens: the booking-code keypad and the check-in refusals.
// Targets depend on geometry only (see kiosk_draw.cpp); keys are at least MinTargetPx().
#include <algorithm>

#include "kiosk/booking_code.h"
#include "kiosk/icons.h"
#include "kiosk/kiosk_draw_util.h"
#include "kiosk/kiosk_screen.h"
#include "kiosk/kiosk_theme.h"

namespace antre::kiosk {

using ui::Align;
using ui::Frame;
using ui::Rect;
using namespace draw;

namespace {

constexpr int kKeyColumns = 8;
constexpr int kKeyRows = 4;

// The keypad in reading order: letters, then backspace closing the third row, then digits
// (8 + 8 + 7 letters, 8 digits). "" marks the backspace key.
std::vector<std::string> KeypadKeys() {
  std::vector<std::string> keys;
  std::string alphabet = kBookingCodeAlphabet;
  for (char c : alphabet) {
    if (c == '2') keys.push_back("");  // after Z: backspace ends the letter rows
    keys.push_back(std::string(1, c));
  }
  return keys;
}

// The typed code as two groups of four boxes; the next box to fill is outlined heavier.
void CodeBoxes(Frame* f, const ui::TextMeasurer& m, Rect area, const std::string& code,
               const Metrics& k) {
  int gap = std::max(4, k.P(12));
  int dash_w = std::max(k.P(40), gap * 2);
  int cell = std::min(area.h, (area.w - dash_w - 6 * gap) / kBookingCodeLength);
  int total = cell * kBookingCodeLength + 6 * gap + dash_w;
  int x = area.x + (area.w - total) / 2;
  int y = area.y + (area.h - cell) / 2;
  for (int i = 0; i < kBookingCodeLength; ++i) {
    if (i == 4) {
      FitText(f, m, {x, y, dash_w, cell}, "–", k.P(80), true, theme::kMutedInk, Align::kCenter);
      x += dash_w;
    }
    Rect box{x, y, cell, cell};
    bool next = i == static_cast<int>(code.size());
    f->Fill(box, theme::kPage, k.P(10));
    f->Outline(box, next ? theme::kBooking : theme::kMutedInk, std::max(2, k.P(next ? 8 : 3)),
               k.P(10));
    if (i < static_cast<int>(code.size())) {
      FitText(f, m, box.Inset(std::max(4, cell / 8)), std::string(1, code[i]), k.P(110), true,
              theme::kInk, Align::kCenter);
    }
    x += cell + (i == 3 ? 0 : gap);
  }
}

}  // namespace

void KioskScreen::BuildCodeEntry(Frame* f, const ui::TextMeasurer& m) const {
  Metrics k = Measure(config_, MinTargetPx());
  int top = Header(f, m, true) + k.pad;
  int bottom = FreeNotice(f, m, k.h) - k.pad;
  int missing = kBookingCodeLength - static_cast<int>(code_.size());
  int action_h = std::max(k.min_target, k.P(140));
  int small_h = std::max(k.min_target, k.P(k.landscape ? 110 : 120));

  // Left column in landscape, the top of the screen in portrait: what to do and the code.
  Rect info = k.landscape ? Rect{k.pad, top, (k.w - 3 * k.pad) * 40 / 100, bottom - top}
                          : Rect{k.pad, top, k.w - 2 * k.pad, 0};
  int y = info.y;
  int title_h = k.P(k.landscape ? 120 : 90);
  FitText(f, m, {info.x, y, info.w, title_h},
          Tr(lang_, "Masukkan kode booking OPAK MANIS", "Enter your OPAK MANIS booking code"),
          k.P(60), true, theme::kInk, Align::kLeft, true);
  y += title_h;
  int hint_h = k.P(k.landscape ? 120 : 90);
  FitText(f, m, {info.x, y, info.w, hint_h},
          Tr(lang_, "8 karakter, atau pindai QR booking Anda di pemindai.",
             "8 characters, or scan your booking QR code at the scanner."),
          k.P(44), false, theme::kMutedInk, Align::kLeft, true);
  y += hint_h + k.pad / 2;
  int boxes_h = k.P(k.landscape ? 130 : 150);
  CodeBoxes(f, m, {info.x, y, info.w, boxes_h}, code_, k);
  y += boxes_h + k.pad;

  // Actions: check in (enabled at 8 characters), clear, back.
  Rect checkin, clear, back;
  if (k.landscape) {
    checkin = {info.x, y, info.w, action_h};
    clear = {info.x, checkin.bottom() + k.pad, (info.w - k.pad) / 2, small_h};
    back = {clear.right() + k.pad, clear.y, info.w - clear.w - k.pad, small_h};
  } else {
    back = {k.pad, bottom - small_h, k.w - 2 * k.pad, small_h};
    int row_y = back.y - k.pad - action_h;
    clear = {k.pad, row_y, (k.w - 3 * k.pad) / 3, action_h};
    checkin = {clear.right() + k.pad, row_y, k.w - 3 * k.pad - clear.w, action_h};
  }
  if (missing == 0) {
    Button(f, m, checkin, "checkin", Tr(lang_, "Check-in sekarang", "Check in now"), k.P(64),
           theme::kBooking, theme::kOnDark, k);
  } else {
    // Not a target yet: it says how many characters are missing instead.
    f->Fill(checkin, theme::kClosed, k.P(20));
    FitText(f, m, checkin.Inset(k.pad),
            Tr(lang_, "Check-in (kurang " + std::to_string(missing) + " karakter)",
               "Check in (" + std::to_string(missing) +
                   (missing == 1 ? " more character)" : " more characters)")),
            k.P(48), true, theme::kClosedInk, Align::kCenter, true);
  }
  Button(f, m, clear, "clear", Tr(lang_, "Hapus semua", "Clear all"), k.P(48), theme::kButtonLight,
         theme::kButtonLightInk, k);
  Button(f, m, back, "back", Tr(lang_, "Kembali", "Back"), k.P(48), theme::kButtonLight,
         theme::kButtonLightInk, k);

  // The keypad: only the code's characters, so a wrong one cannot be typed.
  Rect pad_area =
      k.landscape ? Rect{info.right() + k.pad, top, k.w - 2 * k.pad - info.w - k.pad, bottom - top}
                  : Rect{k.pad, y, k.w - 2 * k.pad, checkin.y - k.pad - y};
  int gap = std::max(6, k.P(14));
  int key_w = (pad_area.w - (kKeyColumns - 1) * gap) / kKeyColumns;
  int key_h = std::min((pad_area.h - (kKeyRows - 1) * gap) / kKeyRows, k.P(190));
  int pad_y = pad_area.y + (pad_area.h - (kKeyRows * key_h + (kKeyRows - 1) * gap)) / 2;
  std::vector<std::string> keys = KeypadKeys();
  for (size_t i = 0; i < keys.size(); ++i) {
    int col = static_cast<int>(i) % kKeyColumns, row = static_cast<int>(i) / kKeyColumns;
    Rect r{pad_area.x + col * (key_w + gap), pad_y + row * (key_h + gap), key_w, key_h};
    if (keys[i].empty()) {
      Button(f, m, r, "backspace", "⌫", k.P(80), theme::kButtonLight, theme::kButtonLightInk, k);
    } else {
      f->Fill(r, theme::kButtonLight, k.P(16));
      f->Outline(r, theme::kButtonLightInk, std::max(2, k.P(3)), k.P(16));
      FitText(f, m, r.Inset(std::max(4, k.pad / 2)), keys[i], k.P(84), true, theme::kButtonLightInk,
              Align::kCenter);
      f->Target(r, "key:" + keys[i]);
    }
  }
}

void KioskScreen::BuildRefusal(Frame* f, const ui::TextMeasurer& m) const {
  Metrics k = Measure(config_, MinTargetPx());
  int top = Header(f, m, true) + 2 * k.pad;
  int bottom = FreeNotice(f, m, k.h) - k.pad;
  std::string code = GroupBookingCode(refused_code_);
  std::string main_text, second;
  CheckInRefusal why = refusal_.value_or(CheckInRefusal::kNotFound);
  switch (why) {
    case CheckInRefusal::kTooEarly:
      main_text = Tr(lang_, "Check-in belum dibuka", "Check-in is not open yet");
      second =
          opens_at_.empty()
              ? Tr(lang_,
                   "Booking " + code +
                       ": check-in dibuka menjelang jadwal Anda. Silakan kembali nanti.",
                   "Booking " + code +
                       ": check-in opens shortly before your time slot. Please come back later.")
              : Tr(lang_,
                   "Booking " + code + ": check-in dibuka pukul " + opens_at_ +
                       ". Silakan kembali saat itu.",
                   "Booking " + code + ": check-in opens at " + opens_at_ +
                       ". Please come back then.");
      break;
    case CheckInRefusal::kTooLate:
      main_text = Tr(lang_, "Waktu check-in sudah lewat", "The check-in time has passed");
      second = Tr(lang_,
                  "Booking " + code +
                      " tidak bisa dipakai lagi. Anda tetap bisa mengambil nomor antrean biasa.",
                  "Booking " + code +
                      " can no longer be used. You can still take a normal walk-in ticket.");
      break;
    case CheckInRefusal::kNotFound:
      main_text =
          Tr(lang_, "Kode tidak ditemukan, periksa kembali", "Code not found, please check it");
      second = Tr(lang_, "Kode yang dimasukkan: " + code, "The code entered: " + code);
      break;
    case CheckInRefusal::kNotUsable:
      if (refusal_message_.find("cancel") != std::string::npos) {
        main_text = Tr(lang_, "Booking ini sudah dibatalkan", "This booking has been cancelled");
      } else if (refusal_message_.find("no_show") != std::string::npos) {
        main_text = Tr(lang_, "Booking ini sudah hangus karena tidak datang sesuai jadwal",
                       "This booking has lapsed: it was not used at its time");
      } else {
        main_text = Tr(lang_, "Booking ini tidak bisa dipakai untuk check-in",
                       "This booking cannot be checked in");
      }
      second = Tr(lang_, "Booking " + code + ". Silakan hubungi petugas informasi.",
                  "Booking " + code + ". Please ask at the information desk.");
      break;
  }

  int back_h = std::max(k.min_target, k.P(130));
  Rect back{k.pad, bottom - back_h, k.w - 2 * k.pad, back_h};
  Rect extra{k.pad, back.y - k.pad - back_h, k.w - 2 * k.pad, back_h};
  if (k.landscape) {  // side by side: the main choice on the left
    extra = {k.pad, back.y, (k.w - 3 * k.pad) / 2, back_h};
    back.x = extra.right() + k.pad;
    back.w = k.w - k.pad - back.x;
  }
  bool has_extra = why == CheckInRefusal::kTooLate || why == CheckInRefusal::kNotFound;
  if (!has_extra) back = {k.pad, back.y, k.w - 2 * k.pad, back_h};
  Button(f, m, back, "back", Tr(lang_, "Kembali ke awal", "Back to start"), k.P(56),
         theme::kButtonLight, theme::kButtonLightInk, k);
  if (why == CheckInRefusal::kTooLate) {
    const Service* s = FindService(late_service_);
    std::string label = Tr(lang_, "Ambil nomor antrean biasa", "Take a normal walk-in ticket");
    if (s) label += " — " + (lang_ == Lang::kId ? s->name.id : s->name.en);
    Button(f, m, extra, "walkin", label, k.P(56), theme::kService, theme::kOnDark, k);
  } else if (why == CheckInRefusal::kNotFound) {
    Button(f, m, extra, "retype", Tr(lang_, "Ubah kode", "Change the code"), k.P(56),
           theme::kBooking, theme::kOnDark, k);
  }
  bottom = (has_extra && !k.landscape ? extra.y : back.y) - 2 * k.pad;

  int avail = bottom - top;
  int icon = std::min(k.P(k.landscape ? 140 : 180), avail / 4);
  DrawIcon(f, "booking", {(k.w - icon) / 2, top, icon, icon}, theme::kBooking, theme::kPage);
  top += icon + k.pad;
  avail = bottom - top;
  // The headline and its explanation sit together in the upper part, not spread apart.
  int main_h = avail * 38 / 100;
  int second_h = avail * 40 / 100;
  FitText(f, m, {2 * k.pad, top, k.w - 4 * k.pad, main_h}, main_text, k.P(84), true,
          why == CheckInRefusal::kNotFound ? theme::kAlert : theme::kInk, Align::kCenter, true);
  FitText(f, m, {2 * k.pad, top + main_h, k.w - 4 * k.pad, second_h}, second, k.P(60), false,
          theme::kInk, Align::kCenter, true);
}

}  // namespace antre::kiosk
