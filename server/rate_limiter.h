// In-memory brakes on abuse (a restart forgets them, which is fine for a brake): requests per
// key per minute for booking scripts, and failures per key within a window for password
// guessing.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

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

// Locks a key (a username, an address) for `window_ms` once it has failed `max_failures`
// times within `window_ms`. It keeps at most `max_keys` keys: when full, keys with nothing
// recent are dropped first, then the unlocked key idle longest, then the lock ending soonest,
// so memory stays bounded whatever number of names or addresses is tried.
class FailureThrottle {
 public:
  FailureThrottle(int max_failures, UnixMs window_ms, size_t max_keys)
      : max_failures_(std::max(1, max_failures)), window_ms_(window_ms), max_keys_(std::max<size_t>(1, max_keys)) {}

  // Milliseconds until `key` may try again; 0 if it is not locked.
  UnixMs LockedFor(const std::string& key, UnixMs now) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = keys_.find(key);
    if (it == keys_.end() || it->second.locked_until <= now) return 0;
    return it->second.locked_until - now;
  }

  // Counts a failure of `key`; true if this failure locked it (the caller logs the lock once).
  // A key that is locked already stays locked until its end; the failure is not counted.
  bool RecordFailure(const std::string& key, UnixMs now) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = keys_.find(key);
    if (it == keys_.end()) {
      if (keys_.size() >= max_keys_) MakeRoom(now);
      it = keys_.emplace(key, Entry{}).first;
    }
    Entry& e = it->second;
    if (e.locked_until > now) return false;
    // Only failures within the window count; at most max_failures_ are kept per key.
    e.failures.erase(std::remove_if(e.failures.begin(), e.failures.end(),
                                    [&](UnixMs at) { return at <= now - window_ms_; }),
                     e.failures.end());
    e.failures.push_back(now);
    if (static_cast<int>(e.failures.size()) < max_failures_) return false;
    e.failures.clear();
    e.locked_until = now + window_ms_;
    return true;
  }

  // Keys held now (for tests: the bound on memory).
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return keys_.size();
  }

 private:
  struct Entry {
    std::vector<UnixMs> failures;  // times of recent failures, oldest first
    UnixMs locked_until = 0;
    UnixMs last() const { return std::max(locked_until, failures.empty() ? UnixMs{0} : failures.back()); }
  };

  // Frees at least one place, mu_ held. A full table is rare (an attack), so a scan is fine.
  void MakeRoom(UnixMs now) {
    for (auto it = keys_.begin(); it != keys_.end();) {
      const Entry& e = it->second;
      bool stale = e.locked_until <= now && (e.failures.empty() || e.failures.back() <= now - window_ms_);
      it = stale ? keys_.erase(it) : std::next(it);
    }
    if (keys_.size() < max_keys_) return;
    auto victim = keys_.end();
    for (auto it = keys_.begin(); it != keys_.end(); ++it) {
      if (victim == keys_.end() || Worse(it->second, victim->second, now)) victim = it;
    }
    keys_.erase(victim);
  }

  // Whether `a` is a better key to drop than `b`: unlocked before locked, then the older one.
  static bool Worse(const Entry& a, const Entry& b, UnixMs now) {
    bool a_locked = a.locked_until > now, b_locked = b.locked_until > now;
    if (a_locked != b_locked) return !a_locked;
    return a_locked ? a.locked_until < b.locked_until : a.last() < b.last();
  }

  const int max_failures_;
  const UnixMs window_ms_;
  const size_t max_keys_;
  std::mutex mu_;
  std::map<std::string, Entry> keys_;
};

// The brakes on password guessing: 10 failures within 15 minutes lock a username, and
// separately a client address, for 15 minutes; each table holds at most 10,000 keys.
struct LoginThrottle {
  static constexpr int kMaxFailures = 10;
  static constexpr UnixMs kWindowMs = 15 * 60 * 1000;
  static constexpr size_t kMaxKeys = 10000;
  FailureThrottle by_user{kMaxFailures, kWindowMs, kMaxKeys};
  FailureThrottle by_address{kMaxFailures, kWindowMs, kMaxKeys};
};

// The brakes on NIK guessing through booking look-ups (look-up, cancel, reschedule): 10 wrong
// NIKs for one booking code within an hour lock that code for an hour; 30 wrong look-ups from
// one client address, across codes, lock the address for an hour.
struct LookupThrottle {
  static constexpr int kMaxPerCode = 10;
  static constexpr int kMaxPerAddress = 30;
  static constexpr UnixMs kWindowMs = 60 * 60 * 1000;
  static constexpr size_t kMaxKeys = 10000;
  FailureThrottle by_code{kMaxPerCode, kWindowMs, kMaxKeys};
  FailureThrottle by_address{kMaxPerAddress, kWindowMs, kMaxKeys};
};

}  // namespace antre
