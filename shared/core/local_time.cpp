#include "local_time.h"

#include <cstdio>
#include <cstdlib>

namespace antre {
namespace {

constexpr UnixMs kMsPerDay = 86400000;

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Floor division, so instants before 1970 still land on the right day.
long FloorDiv(long long a, long long b) { return static_cast<long>(a / b - ((a % b != 0) && ((a < 0) != (b < 0)))); }

bool ReadInt(const std::string& s, size_t pos, size_t len, int* out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

bool LocalDate::operator<(const LocalDate& o) const {
  if (year != o.year) return year < o.year;
  if (month != o.month) return month < o.month;
  return day < o.day;
}

Result<TimeZone> ParseTimeZone(const std::string& name) {
  struct Known {
    const char* name;
    int offset;
  };
  // Indonesia's three zones (and the cities that share them) plus UTC.
  static const Known kKnown[] = {
      {"Asia/Jakarta", 420},  {"Asia/Pontianak", 420}, {"Asia/Makassar", 480},
      {"Asia/Jayapura", 540}, {"UTC", 0},              {"Etc/UTC", 0},
  };
  for (const auto& k : kKnown) {
    if (name == k.name) return TimeZone{name, k.offset};
  }
  int h = 0, m = 0;
  if (name.size() == 6 && (name[0] == '+' || name[0] == '-') && name[3] == ':' && ReadInt(name, 1, 2, &h) &&
      ReadInt(name, 4, 2, &m) && h <= 14 && m < 60) {
    int off = h * 60 + m;
    return TimeZone{name, name[0] == '-' ? -off : off};
  }
  return MakeError(ErrorCode::kInvalidInput, "unknown time zone '" + name + "' (use e.g. Asia/Jakarta or +07:00)");
}

// Howard Hinnant's days_from_civil.
long DaysFromCivil(const LocalDate& d) {
  long y = d.year - (d.month <= 2);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (d.month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + d.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

LocalDate CivilFromDays(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return LocalDate{static_cast<int>(y + (m <= 2)), m, d};
}

int Weekday(const LocalDate& date) {
  long z = DaysFromCivil(date);
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

LocalDate LocalDateAt(UnixMs at, const TimeZone& tz) {
  UnixMs local = at + static_cast<UnixMs>(tz.offset_minutes) * 60000;
  return CivilFromDays(FloorDiv(local, kMsPerDay));
}

UnixMs StartOfLocalDay(const LocalDate& date, const TimeZone& tz) {
  return static_cast<UnixMs>(DaysFromCivil(date)) * kMsPerDay - static_cast<UnixMs>(tz.offset_minutes) * 60000;
}

std::string FormatDate(const LocalDate& d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Result<LocalDate> ParseDate(const std::string& s) {
  LocalDate d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !ReadInt(s, 0, 4, &d.year) || !ReadInt(s, 5, 2, &d.month) ||
      !ReadInt(s, 8, 2, &d.day) || d.month < 1 || d.month > 12 || d.day < 1 || d.day > DaysInMonth(d.year, d.month)) {
    return MakeError(ErrorCode::kInvalidInput, "expected a date as YYYY-MM-DD, got '" + s + "'");
  }
  return d;
}

std::string FormatIsoLocal(UnixMs at, const TimeZone& tz) {
  UnixMs local = at + static_cast<UnixMs>(tz.offset_minutes) * 60000;
  long days = FloorDiv(local, kMsPerDay);
  long secs = static_cast<long>((local - static_cast<UnixMs>(days) * kMsPerDay) / 1000);
  LocalDate d = CivilFromDays(days);
  int off = tz.offset_minutes < 0 ? -tz.offset_minutes : tz.offset_minutes;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02ld:%02ld:%02ld%c%02d:%02d", d.year, d.month, d.day, secs / 3600,
                (secs / 60) % 60, secs % 60, tz.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

Result<UnixMs> ParseIso(const std::string& s) {
  auto bad = [&] { return MakeError(ErrorCode::kInvalidInput, "expected an ISO 8601 time, got '" + s + "'"); };
  if (s.size() < 16 || s[10] != 'T' || s[13] != ':') return bad();
  auto date = ParseDate(s.substr(0, 10));
  if (!date.ok()) return bad();
  int hh = 0, mm = 0, ss = 0;
  if (!ReadInt(s, 11, 2, &hh) || !ReadInt(s, 14, 2, &mm) || hh > 23 || mm > 59) return bad();
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!ReadInt(s, pos + 1, 2, &ss) || ss > 59) return bad();
    pos += 3;
  }
  int offset = 0;
  std::string rest = s.substr(pos);
  if (rest == "Z") {
    offset = 0;
  } else if (!rest.empty()) {
    auto tz = ParseTimeZone(rest);
    if (!tz.ok()) return bad();
    offset = tz.value().offset_minutes;
  } else {
    return bad();  // a time without an offset is ambiguous
  }
  UnixMs day_start = static_cast<UnixMs>(DaysFromCivil(date.value())) * kMsPerDay;
  return day_start + ((hh * 60 + mm - offset) * 60 + ss) * static_cast<UnixMs>(1000);
}

}  // namespace antre
