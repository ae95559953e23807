#include <doctest/doctest.h>

#include "core/local_time.h"

using namespace antre;

TEST_CASE("LocalTime: civil day round trip across eras and leap days") {
  const LocalDate dates[] = {{1970, 1, 1}, {2000, 2, 29}, {2026, 11, 28}, {1969, 12, 31}, {2100, 3, 1}};
  for (const auto& d : dates) CHECK(CivilFromDays(DaysFromCivil(d)) == d);
  CHECK(DaysFromCivil({1970, 1, 1}) == 0);
  CHECK(DaysFromCivil({1970, 1, 2}) == 1);
  CHECK(Weekday({2026, 11, 28}) == 6);  // a Saturday
  CHECK(Weekday({1970, 1, 1}) == 4);    // a Thursday
}

TEST_CASE("LocalTime: the local day in Jakarta turns at 17:00 UTC") {
  TimeZone wib = ParseTimeZone("Asia/Jakarta").value();
  UnixMs before = ParseIso("2026-11-28T16:59:59Z").value();
  UnixMs after = ParseIso("2026-11-28T17:00:00Z").value();
  CHECK(FormatDate(LocalDateAt(before, wib)) == "2026-11-28");
  CHECK(FormatDate(LocalDateAt(after, wib)) == "2026-11-29");
  CHECK(StartOfLocalDay({2026, 11, 29}, wib) == after);
  CHECK(FormatIsoLocal(after, wib) == "2026-11-29T00:00:00+07:00");
}

TEST_CASE("LocalTime: zones and ISO parsing refuse what they do not know") {
  CHECK(ParseTimeZone("Asia/Makassar").value().offset_minutes == 480);
  CHECK(ParseTimeZone("+05:30").value().offset_minutes == 330);
  CHECK(ParseTimeZone("-03:00").value().offset_minutes == -180);
  const char* bad_zones[] = {"Europe/Berlin", "", "+7", "+25:00", "Asia/Jakarta "};
  for (const char* z : bad_zones) CHECK_FALSE(ParseTimeZone(z).ok());

  CHECK(ParseIso("2026-11-28T09:41+07:00").value() == ParseIso("2026-11-28T02:41:00Z").value());
  const char* bad_times[] = {"2026-11-28", "2026-11-28T09:41", "2026-02-30T09:00Z", "2026-11-28T24:00Z", "x"};
  for (const char* t : bad_times) CHECK_FALSE(ParseIso(t).ok());
  CHECK_FALSE(ParseDate("2025-02-29").ok());
  CHECK(ParseDate("2024-02-29").ok());
}
