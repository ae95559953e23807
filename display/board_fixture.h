// A believable board of the demo office, for screenshots and tests (no server needed).
#pragma once

#include "core/views.h"

namespace antre {

// The demo office mid-morning: six counters (Loket 2 paused, Loket 5 idle), ten recent calls
// (newest: A012 to Loket 6, 5 s ago; eight other tickets), waiting counts per service,
// last_event_id 120. Times are relative to `now`. `counters` (1-16) sizes the office: fewer
// drops the last ones, more adds Loket 7, 8, ... (Loket 9 on a break, Loket 14 idle, the
// others serving).
BoardSnapshot DemoBoardSnapshot(UnixMs now, int counters = 6);

}  // namespace antre
