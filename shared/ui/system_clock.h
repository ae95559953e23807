// The real wall clock, for the programs and for tests against a real server.
#pragma once

#include <chrono>

#include "core/clock.h"

namespace antre {

// Milliseconds since the Unix epoch on the system's UTC clock (the one place it is read).
inline UnixMs WallClockMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Reads the system's UTC clock.
class SystemClock : public Clock {
 public:
  UnixMs NowMs() const override { return WallClockMs(); }
};

}  // namespace antre
