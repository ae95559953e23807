// The real wall clock, for the program and for tests against a real server.
#pragma once

#include <chrono>

#include "core/clock.h"

namespace antre {

// Reads the system's UTC clock.
class SystemClock : public Clock {
 public:
  UnixMs NowMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

}  // namespace antre
