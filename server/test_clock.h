// Clocks for the server: the system clock, and one that tests may move (--test-clock).
#pragma once

#include <atomic>
#include <chrono>

#include "core/clock.h"

namespace antre {

// Real time, optionally shifted by an offset that tests set through the API.
class ServerClock : public Clock {
 public:
  UnixMs NowMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() + offset_ms_.load();
  }
  // Moves "now" to `target` (time keeps running from there).
  void JumpTo(UnixMs target) { offset_ms_ += target - NowMs(); }

 private:
  std::atomic<int64_t> offset_ms_{0};
};

}  // namespace antre
