// Counts requests per key in one-minute windows (in memory: a restart forgets, which is fine
// for a brake on brokers' scripts).
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "core/clock.h"

namespace antre {

class RateLimiter {
 public:
  // True if `key` has made fewer than `per_minute` requests in the current minute, and counts
  // this one. per_minute <= 0 always allows.
  bool Allow(const std::string& key, int per_minute, UnixMs now) {
    if (per_minute <= 0) return true;
    std::lock_guard<std::mutex> lock(mu_);
    int64_t window = now / 60000;
    if (window != window_) {
      counts_.clear();
      window_ = window;
    }
    return ++counts_[key] <= per_minute;
  }

 private:
  std::mutex mu_;
  int64_t window_ = -1;
  std::map<std::string, int> counts_;
};

}  // namespace antre
