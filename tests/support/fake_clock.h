// A clock that tests set by hand.
#pragma once

#include <atomic>

#include "core/clock.h"
#include "core/local_time.h"

namespace antre {

class FakeClock : public Clock {
 public:
  explicit FakeClock(UnixMs now = 0) : now_(now) {}
  UnixMs NowMs() const override { return now_.load(); }
  void Set(UnixMs now) { now_ = now; }
  void SetIso(const char* iso) { now_ = ParseIso(iso).value(); }
  void Advance(UnixMs ms) { now_ += ms; }

 private:
  std::atomic<UnixMs> now_;
};

}  // namespace antre
