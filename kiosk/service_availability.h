// Whether a resident may take a walk-in ticket for a service now, and if not, the short
// reason the home screen shows on its tile. Pure.
#pragma once

#include <string>

#include "core/views.h"
#include "ui/date_format.h"

namespace antre::kiosk {

// Open by its switch and its hours, and not out of today's quota.
bool IsTakeable(const ServiceStatus& s);

// "" when takeable; else "Kuota hari ini habis", "Tutup — buka Senin 08:00" (or "buka
// besok 08:00", "buka pukul 13:00" today), or "TUTUP — tidak menerima antrean" when no
// opening is known. English when lang is kEn. `now` and `tz` place the next opening in days.
std::string UnavailableText(const ServiceStatus& s, UnixMs now, const TimeZone& tz, ui::Lang lang);

// When a closed service takes tickets again, as a sentence for the closed screen: "Layanan ini
// buka lagi hari ini pukul 13:00." (or "besok pukul 08:00", "hari Senin pukul 08:00", or the
// date beyond a week). "" when the service is takeable or no opening is known.
std::string ReopensText(const ServiceStatus& s, UnixMs now, const TimeZone& tz, ui::Lang lang);

}  // namespace antre::kiosk
