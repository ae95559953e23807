#include "kiosk/service_availability.h"

namespace antre::kiosk {
namespace {

const char* const kDaysId[7] = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"};
const char* const kDaysEn[7] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

std::string Tr(ui::Lang lang, const std::string& id, const std::string& en) { return lang == ui::Lang::kId ? id : en; }

}  // namespace

bool IsTakeable(const ServiceStatus& s) {
  return s.service.is_open && s.is_open_now && !(s.remaining && *s.remaining <= 0);
}

std::string UnavailableText(const ServiceStatus& s, UnixMs now, const TimeZone& tz, ui::Lang lang) {
  if (IsTakeable(s)) return "";
  if (s.service.is_open && s.is_open_now) return Tr(lang, "Kuota hari ini habis", "Today's quota is used up");
  if (!s.service.is_open || !s.next_open) {
    return Tr(lang, "TUTUP — tidak menerima antrean", "CLOSED — not taking tickets");
  }
  std::string clock = ui::FormatClock(*s.next_open, tz);
  long days = DaysFromCivil(LocalDateAt(*s.next_open, tz)) - DaysFromCivil(LocalDateAt(now, tz));
  if (days <= 0) return Tr(lang, "Tutup — buka pukul " + clock, "Closed — opens at " + clock);
  if (days == 1) return Tr(lang, "Tutup — buka besok " + clock, "Closed — opens tomorrow " + clock);
  int weekday = Weekday(LocalDateAt(*s.next_open, tz));
  // Beyond a week the weekday alone would mislead; the date is clearer.
  if (days >= 7) {
    return Tr(lang, "Tutup — buka " + ui::FormatLongDate(*s.next_open, tz, lang) + " " + clock,
              "Closed — opens " + ui::FormatLongDate(*s.next_open, tz, lang) + " " + clock);
  }
  return Tr(lang, std::string("Tutup — buka ") + kDaysId[weekday] + " " + clock,
            std::string("Closed — opens ") + kDaysEn[weekday] + " " + clock);
}

std::string ReopensText(const ServiceStatus& s, UnixMs now, const TimeZone& tz, ui::Lang lang) {
  if (IsTakeable(s) || !s.service.is_open || !s.next_open) return "";
  std::string clock = ui::FormatClock(*s.next_open, tz);
  long days = DaysFromCivil(LocalDateAt(*s.next_open, tz)) - DaysFromCivil(LocalDateAt(now, tz));
  std::string id, en;
  if (days <= 0) {
    id = "hari ini pukul " + clock, en = "today at " + clock;
  } else if (days == 1) {
    id = "besok pukul " + clock, en = "tomorrow at " + clock;
  } else if (days < 7) {
    int weekday = Weekday(LocalDateAt(*s.next_open, tz));
    id = std::string("hari ") + kDaysId[weekday] + " pukul " + clock;
    en = std::string("on ") + kDaysEn[weekday] + " at " + clock;
  } else {
    id = ui::FormatLongDate(*s.next_open, tz, lang) + " pukul " + clock;
    en = "on " + ui::FormatLongDate(*s.next_open, tz, lang) + " at " + clock;
  }
  return Tr(lang, "Layanan ini buka lagi " + id + ".", "This service opens again " + en + ".");
}

}  // namespace antre::kiosk
