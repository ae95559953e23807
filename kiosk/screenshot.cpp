#include "kiosk/screenshot.h"

#include <sys/stat.h>

#include "ui/sdl_renderer.h"

namespace antre::kiosk {

std::vector<std::pair<int, int>> ScreenshotSizes() { return {{1080, 1920}, {1920, 1080}, {1280, 720}}; }

std::vector<ServiceStatus> FixtureServices(bool with_closed) {
  struct Row {
    const char *id, *prefix, *name_id, *name_en, *about_id, *about_en;
    int waiting, ewt, counters_open;
  };
  const Row rows[] = {
      {"rekam", "A", "Perekaman e-KTP", "e-KTP Recording", "Foto, sidik jari, dan tanda tangan untuk e-KTP",
       "Photo, fingerprints and signature for your e-KTP", 12, 40, 3},
      {"cetak", "B", "Pencetakan e-KTP", "e-KTP Printing", "Cetak e-KTP baru, rusak, atau hilang",
       "Print a new, damaged or lost e-KTP", 3, 8, 1},
      {"kk", "C", "Kartu Keluarga", "Family Card (KK)", "Kartu baru, tambah atau ubah anggota keluarga",
       "New card, add or change family members", 7, 35, 2},
      {"akta", "D", "Akta Kelahiran/Kematian", "Birth/Death Certificate", "Akta kelahiran dan akta kematian",
       "Birth and death certificates", 0, 0, 1},
      {"ikd", "E", "Aktivasi IKD", "Digital ID (IKD) Activation", "Pasang KTP digital di ponsel Anda",
       "Set up the digital ID on your phone", 2, 6, 1},
      {"info", "F", "Informasi & Pengaduan", "Information & Complaints", "Pertanyaan, keluhan, dan saran",
       "Questions, complaints and suggestions", 1, 3, 1},
  };
  std::vector<ServiceStatus> out;
  for (const auto& r : rows) {
    ServiceStatus s;
    s.service.id = r.id;
    s.service.prefix = r.prefix;
    s.service.name = {r.name_id, r.name_en};
    s.service.description = {r.about_id, r.about_en};
    s.counters_open = r.counters_open;
    s.is_print = std::string(r.id) == "cetak";
    s.service.is_open = !(with_closed && std::string(r.id) == "akta");
    s.waiting = r.waiting;
    s.ewt_minutes = r.ewt;
    out.push_back(s);
  }
  return out;
}

namespace {

constexpr UnixMs kFixtureNow = 1795833660000;  // 2026-11-28T09:41:00+07:00
const char* const kFixtureCode = "AB7KM2PQ";

TicketView FixtureTicket(Priority p) {
  TicketView t;
  t.ticket.id = "20c0b554a3b02ab6adf88659";
  t.ticket.number = p == Priority::kNone ? "A013" : "A014";
  t.ticket.service = "rekam";
  t.ticket.priority = p;
  t.ticket.issued_at = kFixtureNow;
  t.position = p == Priority::kNone ? 13 : 1;
  t.ewt_minutes = p == Priority::kNone ? 40 : 0;
  return t;
}

// Taps the centre of target `id` on the screen's current frame.
void Tap(KioskScreen* s, const std::string& id, UnixMs* now) {
  *now += 2000;  // past the tap guard
  ui::Frame f = s->BuildFrame(ui::FakeTextMeasurer());
  if (const ui::TouchTarget* t = f.FindTarget(id)) s->OnTap(t->rect.Center(), *now);
}

}  // namespace

std::vector<FixtureFrame> FixtureFrames(int width, int height, Lang lang, const ui::TextMeasurer& m,
                                        ScreenConfig base) {
  std::vector<FixtureFrame> out;
  std::string suffix = std::string(lang == Lang::kId ? "-id-" : "-en-") + std::to_string(width) + "x" +
                       std::to_string(height);
  base.site_name = "Disdukcapil Kota Serang";
  base.public_url = "https://antre.example.go.id";
  auto fresh = [&](bool with_closed, UnixMs* now) {
    KioskScreen s(base, [] { return std::string("fixture-key"); });
    s.Resize(width, height);
    s.Tick(*now);
    s.OnServices(FixtureServices(with_closed), *now);
    if (lang == Lang::kEn) Tap(&s, "lang", now);
    s.Tick(*now);
    return s;
  };
  auto add = [&](const std::string& name, const KioskScreen& s) {
    out.push_back({name + suffix, s.BuildFrame(m), s.MinTargetPx(), s.MinTextPx()});
  };
  UnixMs now = kFixtureNow;
  {
    KioskScreen s = fresh(false, &now);
    add("home", s);
    Tap(&s, "group:lansia", &now);
    add("priority-home", s);
    Tap(&s, "service:rekam", &now);
    add("issuing", s);
    s.OnIssued("fixture-key", FixtureTicket(Priority::kLansia), now);
    add("ticket-priority", s);
  }
  {
    KioskScreen s = fresh(false, &now);
    Tap(&s, "service:rekam", &now);
    s.OnIssued("fixture-key", FixtureTicket(Priority::kNone), now);
    s.OnPrinted("20c0b554a3b02ab6adf88659", PrinterStatus::kOk, now);
    add("ticket", s);
  }
  {
    // Speech mode: the speaker button became "Ulangi", the first tap on a service
    // highlighted it (the second would issue the ticket).
    KioskScreen s = fresh(false, &now);
    Tap(&s, "speech", &now);
    Tap(&s, "service:rekam", &now);
    add("home-speech", s);
  }
  {
    KioskScreen s = fresh(false, &now);
    Tap(&s, "service:rekam", &now);
    s.OnIssued("fixture-key", FixtureTicket(Priority::kNone), now);
    s.OnPrinted("20c0b554a3b02ab6adf88659", PrinterStatus::kPaperOut, now);
    add("printer-error", s);
    Tap(&s, "done", &now);
    add("home-printer-fault", s);
  }
  {
    KioskScreen s = fresh(true, &now);
    add("home-closed-service", s);
    s.OnServices(FixtureServices(false), now);  // the kiosk still thinks it is open...
    Tap(&s, "service:akta", &now);
    s.OnIssued("fixture-key", Error{ErrorCode::kServiceClosed, "service akta is closed"}, now);
    add("closed", s);  // ...and the server says it closed meanwhile
    std::vector<ServiceStatus> services = FixtureServices(false);
    services[3].is_open_now = false;  // the re-read that follows says when it opens again
    services[3].next_open = kFixtureNow + (4 * 60 + 19) * 60000;  // today 14:00
    s.OnServices(services, now);
    add("closed-reopens", s);
  }
  {
    KioskScreen s = fresh(false, &now);
    s.OnServices(Error{ErrorCode::kUnavailable, "connection refused"}, now);
    add("out-of-order", s);
  }
  {
    // Opening hours, a used-up quota and the supervisors' announcements.
    KioskScreen s = fresh(false, &now);
    std::vector<ServiceStatus> services = FixtureServices(false);
    services[2].is_open_now = false;  // kk: outside its hours (a Saturday)
    services[2].next_open = kFixtureNow + (2 * 24 * 60 - 101) * 60000;  // Monday 08:00
    services[3].service.daily_quota = 40;  // akta: today's quota used up
    services[3].remaining = 0;
    services[0].service.daily_quota = 150;
    services[0].remaining = 37;
    s.OnServices(services, now);
    s.OnAnnouncements({Announcement{1, {"Layanan KK hari Senin dimulai pukul 09:00 karena apel pagi.",
                                        "Family card service starts at 09:00 on Monday (morning assembly)."},
                                    kFixtureNow, kFixtureNow + 3600000, "live"}});
    add("home-hours-quota", s);
    services = FixtureServices(false);
    s.OnServices(services, now);  // the kiosk still shows akta open...
    Tap(&s, "service:akta", &now);
    s.OnIssued("fixture-key", Error{ErrorCode::kQuotaReached, "today's quota for service 'akta' is used up"}, now);
    add("closed-quota", s);  // ...and the server gave its last place away meanwhile
  }
  {
    KioskScreen s = fresh(false, &now);
    s.OnStockLevel(CardStockLevel::kLow);
    add("home-stock-low", s);
    s.OnStockLevel(CardStockLevel::kEmpty);
    add("home-stock-empty", s);
  }
  // OPAK MANIS check-in: the keypad, each refusal, and the ticket with its booking line.
  auto refused = [&](const std::string& name, const Error& e) {
    KioskScreen s = fresh(false, &now);
    s.OnText(kFixtureCode, now);
    s.OnEnter(now);
    if (auto r = s.TakeCheckInRequest()) s.OnCheckedIn(r->code, e, now);
    add(name, s);
  };
  {
    KioskScreen s = fresh(false, &now);
    Tap(&s, "booking", &now);
    add("checkin-code-empty", s);
    s.OnText("ab7k", now);
    add("checkin-code-partial", s);
    s.OnText("m2pq", now);
    add("checkin-code-full", s);
    Tap(&s, "checkin", &now);
    add("checkin-waiting", s);
    TicketView t = FixtureTicket(Priority::kNone);
    t.ticket.number = "A015";
    t.ticket.booking = kFixtureCode;
    t.position = 2;
    t.ewt_minutes = 4;
    s.OnCheckedIn(kFixtureCode, CheckInAnswer{t, false}, now);
    s.OnPrinted(t.ticket.id, PrinterStatus::kOk, now);
    add("checkin-ticket", s);
  }
  refused("checkin-too-early", Error{ErrorCode::kTooEarly, "check-in opens 30 minutes before 09:00"});
  refused("checkin-too-late", Error{ErrorCode::kTooLate, "the check-in time for this booking has passed"});
  refused("checkin-not-found", Error{ErrorCode::kNotFound, "no booking with this code here"});
  refused("checkin-cancelled", Error{ErrorCode::kConflict, "this booking is cancelled"});
  return out;
}

int WriteScreenshots(const std::string& dir, ui::FontCache* fonts, const ScreenConfig& base,
                     std::vector<std::string>* problems, std::string* error) {
  mkdir(dir.c_str(), 0755);
  ui::TtfTextMeasurer m(fonts);
  int written = 0;
  for (auto [w, h] : ScreenshotSizes()) {
    for (Lang lang : {Lang::kId, Lang::kEn}) {
      for (const auto& ff : FixtureFrames(w, h, lang, m, base)) {
        for (const auto& p : ui::CheckLayout(ff.frame, m, ff.min_target_px)) {
          problems->push_back(ff.name + ": " + p.message);
        }
        if (!ui::RenderFrameToPng(ff.frame, fonts, dir + "/" + ff.name + ".png", error)) return -1;
        ++written;
      }
    }
  }
  return written;
}

}  // namespace antre::kiosk
