// Dates and times as residents read them, in Bahasa Indonesia or English. Pure.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/local_time.h"

namespace antre::ui {

// The two UI languages; Indonesian is the default everywhere.
enum class Lang { kId, kEn };

// "Sabtu, 28 November 2026 09:41" / "Saturday, 28 November 2026 09:41" in the zone tz.
std::string FormatLongDateTime(UnixMs at, const TimeZone& tz, Lang lang);
// "Sabtu, 28 November 2026" / "Saturday, 28 November 2026".
std::string FormatLongDate(UnixMs at, const TimeZone& tz, Lang lang);
// "09:41" (24-hour clock, both languages).
std::string FormatClock(UnixMs at, const TimeZone& tz);

}  // namespace antre::ui
