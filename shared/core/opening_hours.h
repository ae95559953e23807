// Opening hours of a walk-in service per weekday, and its daily ticket quota. Pure: times
// come in as arguments and are read in the site's time zone.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "clock.h"
#include "local_time.h"

namespace antre {

// One opening period of a day, in minutes after local midnight: open <= t < close.
struct OpenRange {
  int open_minute = 480;    // 08:00
  int close_minute = 900;   // 15:00; 1440 = "24:00"
  bool operator==(const OpenRange& o) const { return open_minute == o.open_minute && close_minute == o.close_minute; }
};

// A week of opening hours. Unset means always open (the service's open switch still applies).
struct OpeningHours {
  bool is_set = false;
  std::array<std::vector<OpenRange>, 7> days;  // 0 = Sunday .. 6 = Saturday; empty = closed
  bool operator==(const OpeningHours& o) const { return is_set == o.is_set && days == o.days; }
};

// Whether `hours` are valid: each day's ranges ordered, 0 <= open < close <= 1440, no
// overlap. Returns false and names the first problem in *problem otherwise.
bool CheckOpeningHours(const OpeningHours& hours, std::string* problem);

// Whether the hours admit walk-ins at instant `at` (always true when unset).
bool IsOpenAt(const OpeningHours& hours, UnixMs at, const TimeZone& tz);

// The next instant strictly after `at` at which a period starts, looking up to 8 days ahead;
// nullopt when unset or when the week has no opening at all.
std::optional<UnixMs> NextOpening(const OpeningHours& hours, UnixMs at, const TimeZone& tz);

// Walk-in tickets still to issue today under `daily_quota` (0 = no quota: nullopt) after
// `issued_today`; never negative.
std::optional<int> QuotaLeft(int daily_quota, int issued_today);

}  // namespace antre
