#include <doctest/doctest.h>

#include "core/wait_estimate.h"

using namespace antre;

TEST_CASE("WaitEstimate: default until enough samples, then the median") {
  struct Row {
    WaitInputs in;
    int want;
  };
  const Row rows[] = {
      {{0, {}, 5, 1}, 0},                         // nobody ahead
      {{3, {}, 5, 1}, 15},                        // default 5 min x 3
      {{3, {}, 5, 2}, 8},                         // two counters, rounded up
      {{3, {1, 1, 1, 1}, 5, 1}, 15},              // 4 samples: still the default
      {{3, {2, 2, 2, 2, 60}, 5, 1}, 6},           // median ignores the outlier
      {{4, {2, 2, 2, 2, 2}, 5, 0}, 8},            // no active counter: assume one
  };
  for (const auto& r : rows) CHECK(EstimateWaitMinutes(r.in) == r.want);
}
