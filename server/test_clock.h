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
    int64_t frozen = frozen_at_.load();
    if (frozen != 0) return frozen;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() +
           offset_ms_.load();
  }
  // Moves "now" to `target`; time keeps running from there, or, with `frozen`, stands still
  // until the next jump (so tests can compare durations to the millisecond).
  void JumpTo(UnixMs target, bool frozen = false) {
    frozen_at_ = 0;
    offset_ms_ += target - NowMs();
    if (frozen) frozen_at_ = target;
  }

 private:
  std::atomic<int64_t> offset_ms_{0};
  std::atomic<int64_t> frozen_at_{0};  // 0: running
};

}  // namespace antre
