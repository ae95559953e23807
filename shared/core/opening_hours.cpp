#include "opening_hours.h"

#include <string>

namespace antre {
namespace {

// Minutes after local midnight of `at` (0..1439).
int MinuteOfDay(UnixMs at, const TimeZone& tz) {
  UnixMs start = StartOfLocalDay(LocalDateAt(at, tz), tz);
  return static_cast<int>((at - start) / 60000);
}

}  // namespace

bool CheckOpeningHours(const OpeningHours& hours, std::string* problem) {
  static const char* kNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (int d = 0; d < 7; ++d) {
    int last_close = -1;
    for (const OpenRange& r : hours.days[d]) {
      if (r.open_minute < 0 || r.close_minute > 1440 || r.open_minute >= r.close_minute) {
        *problem = std::string(kNames[d]) + ": a period must open before it closes, within 00:00-24:00";
        return false;
      }
      if (r.open_minute < last_close) {
        *problem = std::string(kNames[d]) + ": periods must be in time order and not overlap";
        return false;
      }
      last_close = r.close_minute;
    }
  }
  return true;
}

bool IsOpenAt(const OpeningHours& hours, UnixMs at, const TimeZone& tz) {
  if (!hours.is_set) return true;
  int weekday = Weekday(LocalDateAt(at, tz));
  int minute = MinuteOfDay(at, tz);
  for (const OpenRange& r : hours.days[weekday]) {
    if (minute >= r.open_minute && minute < r.close_minute) return true;
  }
  return false;
}

std::optional<UnixMs> NextOpening(const OpeningHours& hours, UnixMs at, const TimeZone& tz) {
  if (!hours.is_set) return std::nullopt;
  LocalDate today = LocalDateAt(at, tz);
  long first = DaysFromCivil(today);
  // Eight days, so the same weekday a week later is found when today's period has started.
  for (long day = first; day <= first + 7; ++day) {
    LocalDate date = CivilFromDays(day);
    UnixMs midnight = StartOfLocalDay(date, tz);
    for (const OpenRange& r : hours.days[Weekday(date)]) {
      UnixMs start = midnight + static_cast<UnixMs>(r.open_minute) * 60000;
      if (start > at) return start;
    }
  }
  return std::nullopt;
}

std::optional<int> QuotaLeft(int daily_quota, int issued_today) {
  if (daily_quota <= 0) return std::nullopt;
  return issued_today >= daily_quota ? 0 : daily_quota - issued_today;
}

}  // namespace antre
