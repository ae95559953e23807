// A service's weekly opening hours as JSON: {"mon": [["08:00","15:00"]], "sat": null, ...}.
// Used by the config file, the services.hours column, the admin API and GET services.
#pragma once

#include <cjson/cJSON.h>

#include <string>

#include "codec/json.h"
#include "core/opening_hours.h"

namespace antre {

// Reads hours from an object keyed "sun".."sat". A day is null or missing (closed), one
// period ["08:00","15:00"], or a list of periods [["08:00","11:30"],["13:00","15:00"]].
// JSON null or an absent node means unset (always open). InvalidInput names the problem.
Status DecodeOpeningHours(const cJSON* node, OpeningHours* hours);
// The same from text as stored ("" = unset).
Status DecodeOpeningHoursText(const std::string& text, OpeningHours* hours);

// The canonical form: every day key, each a list of periods or null; JSON null when unset.
JsonPtr EncodeOpeningHours(const OpeningHours& hours);
// The canonical form as text for storage; "" when unset.
std::string EncodeOpeningHoursText(const OpeningHours& hours);

}  // namespace antre
