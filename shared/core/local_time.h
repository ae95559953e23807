// Local-day arithmetic for a site's time zone, with no I/O and no global TZ state.
#pragma once

#include <string>

#include "clock.h"
#include "result.h"

namespace antre {

// A time zone as a fixed UTC offset. Indonesia's zones have no daylight saving, so a
// fixed offset is exact for them; other names are refused rather than guessed.
struct TimeZone {
  std::string name;        // "Asia/Jakarta"
  int offset_minutes = 0;  // +420 for WIB
};

// A calendar date.
struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  bool operator==(const LocalDate& o) const { return year == o.year && month == o.month && day == o.day; }
  bool operator<(const LocalDate& o) const;
};

// Looks up a zone by IANA name ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "UTC") or
// a fixed offset ("+07:00"). Returns InvalidInput for names it does not know.
Result<TimeZone> ParseTimeZone(const std::string& name);

// Days since 1970-01-01 for a date (negative before it).
long DaysFromCivil(const LocalDate& date);
// The date of a day count since 1970-01-01.
LocalDate CivilFromDays(long days);
// Day of week, 0 = Sunday .. 6 = Saturday.
int Weekday(const LocalDate& date);

// The local date at an instant.
LocalDate LocalDateAt(UnixMs at, const TimeZone& tz);
// The instant local midnight starts the given date.
UnixMs StartOfLocalDay(const LocalDate& date, const TimeZone& tz);
// "YYYY-MM-DD".
std::string FormatDate(const LocalDate& date);
// Parses "YYYY-MM-DD" and checks the date exists; InvalidInput otherwise.
Result<LocalDate> ParseDate(const std::string& text);
// ISO 8601 with the zone's offset and seconds: "2026-11-28T09:41:05+07:00".
std::string FormatIsoLocal(UnixMs at, const TimeZone& tz);
// Parses ISO 8601 "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]"; InvalidInput otherwise.
Result<UnixMs> ParseIso(const std::string& text);

}  // namespace antre
