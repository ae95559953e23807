#include "ui/date_format.h"

#include <cstdio>

namespace antre::ui {

namespace {

const char* const kDaysId[] = {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"};
const char* const kDaysEn[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                               "Thursday", "Friday", "Saturday"};
const char* const kMonthsId[] = {"Januari", "Februari", "Maret",     "April",   "Mei",      "Juni",
                                 "Juli",    "Agustus",  "September", "Oktober", "November", "Desember"};
const char* const kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};

}  // namespace

std::string FormatLongDate(UnixMs at, const TimeZone& tz, Lang lang) {
  LocalDate d = LocalDateAt(at, tz);
  int wd = Weekday(d);
  std::string day = lang == Lang::kId ? kDaysId[wd] : kDaysEn[wd];
  std::string month = lang == Lang::kId ? kMonthsId[d.month - 1] : kMonthsEn[d.month - 1];
  return day + ", " + std::to_string(d.day) + " " + month + " " + std::to_string(d.year);
}

std::string FormatClock(UnixMs at, const TimeZone& tz) {
  int64_t local_s = at / 1000 + static_cast<int64_t>(tz.offset_minutes) * 60;
  if (at % 1000 < 0) local_s -= 1;
  int64_t sec_of_day = ((local_s % 86400) + 86400) % 86400;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(sec_of_day / 3600),
                static_cast<int>(sec_of_day / 60 % 60));
  return buf;
}

std::string FormatLongDateTime(UnixMs at, const TimeZone& tz, Lang lang) {
  return FormatLongDate(at, tz, lang) + " " + FormatClock(at, tz);
}

}  // namespace antre::ui
