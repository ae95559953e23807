// Estimated waiting time for a service.
#pragma once

#include <vector>

namespace antre {

// What the estimate is computed from.
struct WaitInputs {
  int people_ahead = 0;                     // tickets called before this one
  std::vector<double> recent_minutes;       // recent service durations, any order
  double default_minutes = 5;               // used until enough data exists
  int active_counters = 1;                  // unpaused counters serving the service
};

// Fewer samples than this and the configured default is used instead.
constexpr int kMinServiceSamples = 5;

// Minutes until a ticket with `people_ahead` tickets before it is called: ahead x typical
// service time (median of recent samples) / active counters, rounded up. 0 when nobody is
// ahead. With no active counter the estimate assumes one will open.
int EstimateWaitMinutes(const WaitInputs& in);

}  // namespace antre
