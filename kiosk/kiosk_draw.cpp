// Layout of every kiosk screen. Sizes scale with the frame: s = 1 on a 1080x1920 portrait
// or 1920x1080 landscape screen. Every text is fitted to its box with the measurer, and every
// target is at least MinTargetPx() (20 mm) both ways. Targets depend on geometry only, never
// on the measurer, so OnTap can hit-test with any measurer.
#include <algorithm>
#include <cmath>

#include "kiosk/booking_code.h"
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

const std::string kFreeId = "Layanan GRATIS — tidak dipungut biaya. Jangan gunakan calo.";
const std::string kFreeEn = "This service is FREE — no fees. Do not use brokers (calo).";

}  // namespace

// Header band: office name, date and time, language switch. Returns its height.
int KioskScreen::Header(Frame* f, const ui::TextMeasurer& m, bool with_lang) const {
  Metrics k = Measure(config_, MinTargetPx());
  HeaderLayout h = LayHeader(k, config_.speech_button, with_lang);
  int hh = h.height;
  f->Fill({0, 0, k.w, hh}, theme::kHeader);
  Rect text_area = h.text;
  Rect name{text_area.x, text_area.y, text_area.w, text_area.h * 55 / 100};
  Rect when{text_area.x, name.bottom(), text_area.w, text_area.h - name.h};
  FitText(f, m, name, config_.site_name, k.P(60), true, theme::kOnDark);
  FitText(f, m, when, ui::FormatLongDateTime(now_, config_.tz, lang_), k.P(44), false, theme::kOnDark);
  if (config_.speech_button) SpeechButton(f, m, h.speech, speech_.is_on(), lang_, k);
  if (with_lang) {
    Button(f, m, h.lang, "lang", lang_ == Lang::kId ? "English" : "Bahasa Indonesia", k.P(44),
           theme::kButtonLight, theme::kButtonLightInk, k);
  }
  return hh;
}

// The free-service notice band ending at `bottom`; returns its top.
int KioskScreen::FreeNotice(Frame* f, const ui::TextMeasurer& m, int bottom) const {
  Metrics k = Measure(config_, MinTargetPx());
  int h = k.P(k.landscape ? 100 : 130);
  Rect band{0, bottom - h, k.w, h};
  f->Fill(band, theme::kFree);
  FitText(f, m, band.Inset(k.pad / 2), Tr(lang_, kFreeId, kFreeEn), k.P(44), true, theme::kOnDark,
          Align::kCenter, true);
  return band.y;
}

ui::Frame KioskScreen::BuildFrame(const ui::TextMeasurer& m) const {
  Frame f;
  f.width = config_.width;
  f.height = config_.height;
  f.background = theme::kPage;
  switch (state_) {
    case KioskState::kHome: BuildHome(&f, m); break;
    case KioskState::kTicket: BuildTicket(&f, m); break;
    case KioskState::kCodeEntry: BuildCodeEntry(&f, m); break;
    case KioskState::kCheckInRefused: BuildRefusal(&f, m); break;
    default: BuildMessage(&f, m); break;
  }
  FocusRing(&f, speech_.focus(), Measure(config_, MinTargetPx()));
  return f;
}

void KioskScreen::BuildTicket(Frame* f, const ui::TextMeasurer& m) const {
  Metrics k = Measure(config_, MinTargetPx());
  int top = Header(f, m, false) + k.pad;
  int bottom = FreeNotice(f, m, k.h) - k.pad;
  const TicketView& t = *ticket_;
  const Service* svc = FindService(t.ticket.service);
  std::string svc_name = svc ? (lang_ == Lang::kId ? svc->name.id : svc->name.en) : t.ticket.service;

  int done_h = std::max(k.min_target, k.P(130));
  Rect done{k.pad, bottom - done_h, k.w - 2 * k.pad, done_h};
  Button(f, m, done, "done", Tr(lang_, "Selesai", "Done"), k.P(56), theme::kButtonLight,
         theme::kButtonLightInk, k);
  bottom = done.y - k.pad;

  // Print status: the number stays on screen whatever happens to the paper.
  bool fault = printer_ && *printer_ != PrinterStatus::kOk;
  int status_h = k.P(fault ? 190 : 90);
  Rect status{k.pad, bottom - status_h, k.w - 2 * k.pad, status_h};
  std::string status_text;
  if (printing_) {
    status_text = Tr(lang_, "Tiket sedang dicetak…", "Printing your ticket…");
  } else if (reprint_skipped_) {
    status_text = Tr(lang_, "Tiket booking ini baru saja dicetak.", "The ticket for this booking was just printed.");
  } else if (!fault && !config_.has_printer) {
    status_text = Tr(lang_, "Catat atau foto nomor Anda.", "Please note or photograph your number.");
  } else if (!fault) {
    status_text = Tr(lang_, "Silakan ambil tiket Anda.", "Please take your ticket.");
  } else {
    std::string why = *printer_ == PrinterStatus::kPaperOut ? Tr(lang_, "kertas habis", "out of paper")
                                                             : Tr(lang_, "tidak berfungsi", "not working");
    status_text = Tr(lang_, "Printer " + why + " — tiket TIDAK tercetak. Foto atau catat nomor Anda, lalu tunjukkan ke petugas.",
                     "Printer " + why + " — ticket NOT printed. Take a photo or note your number and show it to staff.");
  }
  if (fault) f->Fill(status, theme::kAlert, k.P(12));
  FitText(f, m, fault ? status.Inset(k.pad / 2) : status, status_text, k.P(48), true,
          fault ? theme::kOnDark : theme::kInk, Align::kCenter, true);
  bottom = status.y - k.pad;

  // Left (or upper) block: label, number, service, facts. Right (or lower): QR code.
  int qr_side = k.landscape ? std::min(bottom - top, k.P(420)) : std::min(k.P(380), (bottom - top) * 30 / 100);
  Rect info_area = k.landscape ? Rect{k.pad, top, k.w - 3 * k.pad - qr_side, bottom - top}
                               : Rect{k.pad, top, k.w - 2 * k.pad, bottom - top - qr_side - k.P(70) - k.pad};
  Rect qr = k.landscape ? Rect{k.w - k.pad - qr_side, top, qr_side, qr_side - k.P(70)}
                        : Rect{(k.w - qr_side) / 2, info_area.bottom() + k.pad, qr_side, qr_side};
  if (k.landscape) qr.w = qr.h, qr.x = k.w - k.pad - qr.w;
  f->Qr(qr, config_.public_url + "/t/" + t.ticket.id);
  int cap_w = qr.w + 2 * k.pad;
  FitText(f, m, {std::min(qr.x - k.pad, k.w - k.pad - cap_w), qr.bottom(), cap_w, k.P(70)},
          Tr(lang_, "Pindai untuk pantau antrean", "Scan to follow your queue"), k.P(34), false,
          theme::kMutedInk, Align::kCenter, true);

  int y = info_area.y;
  int ih = info_area.h;
  auto row = [&](int percent) {
    Rect r{info_area.x, y, info_area.w, ih * percent / 100};
    y += r.h;
    return r;
  };
  bool booked = !t.ticket.booking.empty();
  FitText(f, m, row(10), Tr(lang_, "Nomor antrean Anda", "Your ticket number"), k.P(56), false, theme::kInk,
          Align::kCenter);
  FitText(f, m, row(booked ? 30 : 36), t.ticket.number, k.P(340), true, theme::kInk, Align::kCenter);
  std::string svc_line = svc_name;
  if (t.ticket.priority != Priority::kNone) {
    svc_line += Tr(lang_, " · Prioritas: ", " · Priority: ") + PriorityLabel(t.ticket.priority, lang_);
  }
  FitText(f, m, row(booked ? 14 : 16), svc_line, k.P(60), true, theme::kInk, Align::kCenter, true);
  if (booked) {
    FitText(f, m, row(10), "Booking " + GroupBookingCode(t.ticket.booking) + " (OPAK MANIS)", k.P(52), true,
            theme::kBooking, Align::kCenter, true);
  }
  int ahead = std::max(0, t.position - 1);
  std::string ahead_text = ahead == 0 ? Tr(lang_, "Anda berikutnya — tidak ada yang di depan Anda",
                                           "You are next — nobody ahead of you")
                                      : Tr(lang_, "Di depan Anda: ", "Ahead of you: ") + std::to_string(ahead) +
                                            Tr(lang_, " orang", ahead == 1 ? " person" : " people");
  FitText(f, m, row(booked ? 12 : 13), ahead_text, k.P(52), false, theme::kInk, Align::kCenter, true);
  FitText(f, m, row(booked ? 11 : 12),
          Tr(lang_, "Perkiraan tunggu: ±", "Estimated wait: about ") + std::to_string(t.ewt_minutes) +
              Tr(lang_, " menit", " min"),
          k.P(52), false, theme::kInk, Align::kCenter);
  UnixMs at = t.ticket.issued_at ? t.ticket.issued_at : ticket_at_;
  FitText(f, m, row(13), Tr(lang_, "Diambil: ", "Taken: ") + ui::FormatLongDateTime(at, config_.tz, lang_),
          k.P(40), false, theme::kMutedInk, Align::kCenter, true);
}

void KioskScreen::BuildMessage(Frame* f, const ui::TextMeasurer& m) const {
  Metrics k = Measure(config_, MinTargetPx());
  int top = Header(f, m, false) + 2 * k.pad;
  int bottom = FreeNotice(f, m, k.h) - 2 * k.pad;
  std::string main_text, second, small;
  bool back = false;
  ui::Color ink = theme::kInk;
  switch (state_) {
    case KioskState::kLoading:
      main_text = "Menghubungkan ke sistem antrean…";
      second = "Connecting to the queue system…";
      break;
    case KioskState::kIssuing:
      main_text = Tr(lang_, "Mohon tunggu, tiket Anda sedang dibuat…", "Please wait, making your ticket…");
      break;
    case KioskState::kCheckingIn:
      main_text = Tr(lang_, "Mohon tunggu, booking Anda sedang diperiksa…", "Please wait, checking your booking…");
      second = "Booking " + GroupBookingCode(code_);
      break;
    case KioskState::kClosed: {
      const Service* s = FindService(closed_service_);
      std::string name = s ? (lang_ == Lang::kId ? s->name.id : s->name.en) : closed_service_;
      if (closed_for_quota_) {
        main_text = Tr(lang_, "Kuota antrean hari ini untuk " + name + " sudah habis.",
                       "Today's tickets for " + name + " have all been given out.");
        second = Tr(lang_, "Tidak ada nomor yang dibuat. Silakan datang lagi pada hari layanan berikutnya atau hubungi petugas informasi.",
                    "No ticket was made. Please come back on the next service day or ask at the information desk.");
      } else {
        main_text = Tr(lang_, "Layanan " + name + " sedang tutup.", name + " is closed right now.");
        // When it opens again, once the kiosk's re-read of the services says so.
        std::string reopens;
        for (const auto& st : services_) {
          if (st.service.id == closed_service_) reopens = ReopensText(st, now_, config_.tz, lang_);
        }
        if (!reopens.empty()) main_text += " " + reopens;
        second = Tr(lang_, "Tidak ada nomor yang dibuat. Silakan pilih layanan lain atau hubungi petugas informasi.",
                    "No ticket was made. Please choose another service or ask at the information desk.");
      }
      back = true;
      break;
    }
    default:  // out of order: in both languages, the one chosen first
      main_text = "Mohon maaf, sistem antrean sedang gangguan. Silakan hubungi petugas.";
      second = "Sorry, the queue system is out of order. Please ask a staff member.";
      if (attempt_failed_) {
        main_text = "Tiket Anda belum dibuat. " + main_text;
        second = "No ticket was issued. " + second;
      }
      small = "Mencoba lagi otomatis… / Retrying automatically…";
      if (lang_ == Lang::kEn) {
        std::swap(main_text, second);
        small = "Retrying automatically… / Mencoba lagi otomatis…";
      }
      ink = theme::kAlert;
      break;
  }
  if (back) {
    int back_h = std::max(k.min_target, k.P(140));
    Button(f, m, {k.pad, bottom - back_h, k.w - 2 * k.pad, back_h}, "back", Tr(lang_, "Kembali", "Back"),
           k.P(56), theme::kButtonLight, theme::kButtonLightInk, k);
    bottom -= back_h + 2 * k.pad;
  }
  int avail = bottom - top;
  int small_h = small.empty() ? 0 : k.P(80);
  int main_h = second.empty() ? avail - small_h : (avail - small_h) * 55 / 100;
  FitText(f, m, {2 * k.pad, top, k.w - 4 * k.pad, main_h}, main_text, k.P(84), true, ink, Align::kCenter, true);
  if (!second.empty()) {
    FitText(f, m, {2 * k.pad, top + main_h, k.w - 4 * k.pad, avail - small_h - main_h}, second, k.P(64),
            false, theme::kInk, Align::kCenter, true);
  }
  if (!small.empty()) {
    FitText(f, m, {2 * k.pad, bottom - small_h, k.w - 4 * k.pad, small_h}, small, k.P(40), false,
            theme::kMutedInk, Align::kCenter, true);
  }
}

}  // namespace antre::kiosk
