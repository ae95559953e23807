#include "wait_estimate.h"

#include <algorithm>
#include <cmath>

namespace antre {

int EstimateWaitMinutes(const WaitInputs& in) {
  if (in.people_ahead <= 0) return 0;
  double typical = in.default_minutes;
  if (static_cast<int>(in.recent_minutes.size()) >= kMinServiceSamples) {
    // The median: one forgotten "finish" must not inflate everyone's estimate.
    std::vector<double> v = in.recent_minutes;
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    typical = v[v.size() / 2];
  }
  int counters = std::max(1, in.active_counters);
  return static_cast<int>(std::ceil(in.people_ahead * typical / counters - 1e-9));
}

}  // namespace antre
