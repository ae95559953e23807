// A believable board of the demo office, for screenshots and tests (no server needed).
#pragma once

#include "core/views.h"

namespace antre {

// The demo office mid-morning: six counters (Loket 2 paused, Loket 5 idle), ten recent calls
// (newest: A012 to Loket 6, 5 s ago), waiting counts per service, last_event_id 120. Times
// are relative to `now`.
BoardSnapshot DemoBoardSnapshot(UnixMs now);

}  // namespace antre
