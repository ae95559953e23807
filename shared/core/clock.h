// The source of "now" for every rule that depends on time.
#pragma once

#include <cstdint>

namespace antre {

// Milliseconds since the Unix epoch, UTC.
using UnixMs = int64_t;

// Tells the current time; tests pass a fake, programs pass SystemClock.
class Clock {
 public:
  virtual ~Clock() = default;
  // Returns the current time in Unix milliseconds.
  virtual UnixMs NowMs() const = 0;
};

}  // namespace antre
