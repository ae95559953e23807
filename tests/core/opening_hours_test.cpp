#include <doctest/doctest.h>

#include <string>

#include "core/opening_hours.h"

using namespace antre;

namespace {

const TimeZone kWib{"Asia/Jakarta", 420};

UnixMs At(const char* iso) { return ParseIso(iso).value(); }

// Mon-Thu 08:00-15:00, Fri 08:00-11:30 and 13:00-15:00, weekends closed.
OpeningHours Office() {
  OpeningHours h;
  h.is_set = true;
  for (int d = 1; d <= 4; ++d) h.days[d] = {{480, 900}};
  h.days[5] = {{480, 690}, {780, 900}};
  return h;
}

}  // namespace

TEST_CASE("OpeningHours: open or closed at an instant, in the site's zone") {
  struct Case {
    const char* at;
    bool open;
  };
  const Case cases[] = {
      {"2026-11-30T07:59:59+07:00", false},  // Monday, a second before opening
      {"2026-11-30T08:00:00+07:00", true},   // opening minute is open
      {"2026-11-30T14:59:59+07:00", true},
      {"2026-11-30T15:00:00+07:00", false},  // closing minute is closed
      {"2026-11-30T01:00:00Z", true},        // 08:00 WIB given in UTC
      {"2026-11-30T00:59:00Z", false},
      {"2026-12-04T11:29:00+07:00", true},   // Friday morning
      {"2026-12-04T12:00:00+07:00", false},  // Friday prayer break
      {"2026-12-04T13:00:00+07:00", true},
      {"2026-11-28T10:00:00+07:00", false},  // Saturday
      {"2026-11-29T10:00:00+07:00", false},  // Sunday
      {"2026-11-30T23:59:59+07:00", false},  // day boundary
      {"2026-12-01T00:00:00+07:00", false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.at);
    CHECK(IsOpenAt(Office(), At(c.at), kWib) == c.open);
  }
  CHECK(IsOpenAt(OpeningHours{}, At("2026-11-28T03:00:00+07:00"), kWib));  // unset: always open
}

TEST_CASE("OpeningHours: the next opening, across day ends, weekends and breaks") {
  struct Case {
    const char* at;
    const char* next;
  };
  const Case cases[] = {
      {"2026-11-30T06:00:00+07:00", "2026-11-30T08:00:00+07:00"},  // later today
      {"2026-11-30T08:00:00+07:00", "2026-12-01T08:00:00+07:00"},  // open now: tomorrow's start
      {"2026-11-30T15:00:00+07:00", "2026-12-01T08:00:00+07:00"},
      {"2026-12-04T12:00:00+07:00", "2026-12-04T13:00:00+07:00"},  // after the Friday break
      {"2026-12-04T15:30:00+07:00", "2026-12-07T08:00:00+07:00"},  // Friday evening -> Monday
      {"2026-11-28T20:00:00+07:00", "2026-11-30T08:00:00+07:00"},  // Saturday night
      {"2026-11-29T23:59:59+07:00", "2026-11-30T08:00:00+07:00"},  // a second before Monday
      {"2026-11-29T17:30:00Z", "2026-11-30T08:00:00+07:00"},       // already Monday 00:30 WIB
  };
  for (const Case& c : cases) {
    CAPTURE(c.at);
    auto next = NextOpening(Office(), At(c.at), kWib);
    REQUIRE(next.has_value());
    CHECK(FormatIsoLocal(*next, kWib) == c.next);
  }
  CHECK_FALSE(NextOpening(OpeningHours{}, At("2026-11-30T06:00:00+07:00"), kWib).has_value());
  OpeningHours never;
  never.is_set = true;
  CHECK_FALSE(NextOpening(never, At("2026-11-30T06:00:00+07:00"), kWib).has_value());
  CHECK_FALSE(IsOpenAt(never, At("2026-11-30T09:00:00+07:00"), kWib));
  OpeningHours monday_only;
  monday_only.is_set = true;
  monday_only.days[1] = {{480, 900}};
  CHECK(FormatIsoLocal(*NextOpening(monday_only, At("2026-11-30T09:00:00+07:00"), kWib), kWib) ==
        "2026-12-07T08:00:00+07:00");  // a week later
}

TEST_CASE("OpeningHours: valid and invalid weeks") {
  std::string problem;
  CHECK(CheckOpeningHours(Office(), &problem));
  OpeningHours whole_day;
  whole_day.is_set = true;
  whole_day.days[0] = {{0, 1440}};
  CHECK(CheckOpeningHours(whole_day, &problem));
  const std::vector<OpenRange> bad[] = {
      {{900, 480}},              // closes before it opens
      {{480, 480}},              // empty
      {{480, 1441}},             // past 24:00
      {{-1, 480}},
      {{480, 720}, {700, 900}},  // overlap
      {{780, 900}, {480, 690}},  // out of order
  };
  for (const auto& ranges : bad) {
    OpeningHours h;
    h.is_set = true;
    h.days[3] = ranges;
    CHECK_FALSE(CheckOpeningHours(h, &problem));
    CHECK(problem.rfind("wed:", 0) == 0);
  }
}

TEST_CASE("OpeningHours: quota left") {
  CHECK_FALSE(QuotaLeft(0, 500).has_value());  // no quota
  CHECK(QuotaLeft(100, 0) == 100);
  CHECK(QuotaLeft(100, 99) == 1);
  CHECK(QuotaLeft(100, 100) == 0);
  CHECK(QuotaLeft(100, 130) == 0);  // e.g. quota lowered during the day
}
