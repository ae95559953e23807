#include <doctest/doctest.h>

#include <string>

#include "rate_limiter.h"

using namespace antre;

namespace {
constexpr UnixMs kMinute = 60 * 1000;
}

TEST_CASE("FailureThrottle: the 10th failure within the window locks the key for the window") {
  FailureThrottle t(10, 15 * kMinute, 100);
  for (int i = 0; i < 9; ++i) CHECK_FALSE(t.RecordFailure("admin", 1000 + i));
  CHECK(t.LockedFor("admin", 2000) == 0);
  CHECK(t.RecordFailure("admin", 2000));  // the lock, reported once
  CHECK(t.LockedFor("admin", 2000) == 15 * kMinute);
  CHECK(t.LockedFor("admin", 2000 + 14 * kMinute) == kMinute);
  CHECK_FALSE(t.RecordFailure("admin", 3000));  // still locked: not a second lock
  CHECK(t.LockedFor("other", 2000) == 0);
  CHECK(t.LockedFor("admin", 2000 + 15 * kMinute) == 0);
  // After the lock the count starts again from nothing.
  CHECK_FALSE(t.RecordFailure("admin", 2000 + 15 * kMinute));
  CHECK(t.LockedFor("admin", 2000 + 15 * kMinute + 1) == 0);
}

TEST_CASE("FailureThrottle: failures older than the window do not count") {
  FailureThrottle t(10, 15 * kMinute, 100);
  for (int i = 0; i < 9; ++i) t.RecordFailure("budi", i * kMinute);  // minutes 0..8
  // At minute 16 the first two have left the window: 7 + 1 = 8 failures, no lock.
  CHECK_FALSE(t.RecordFailure("budi", 16 * kMinute));
  CHECK(t.LockedFor("budi", 16 * kMinute) == 0);
  CHECK_FALSE(t.RecordFailure("budi", 16 * kMinute + 1));
  CHECK(t.RecordFailure("budi", 16 * kMinute + 2));  // ten within minutes 2..16
}

TEST_CASE("FailureThrottle: memory stays bounded under many keys, and locks outlive idle keys") {
  FailureThrottle t(3, 15 * kMinute, 50);
  for (int i = 0; i < 3; ++i) t.RecordFailure("admin", i);
  REQUIRE(t.LockedFor("admin", 10) > 0);
  for (int i = 0; i < 10000; ++i) t.RecordFailure("10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256), 100 + i);
  CHECK(t.size() <= 50);
  CHECK(t.LockedFor("admin", 20000) > 0);  // a spray of addresses does not free the locked name
  // Keys with nothing recent go first once the window has passed.
  t.RecordFailure("late", 20 * kMinute);
  CHECK(t.size() <= 50);
}

TEST_CASE("FailureThrottle: when the table is full of locks, the lock ending soonest gives way") {
  FailureThrottle t(1, 15 * kMinute, 3);
  CHECK(t.RecordFailure("a", 0));
  CHECK(t.RecordFailure("b", 1));
  CHECK(t.RecordFailure("c", 2));
  CHECK(t.RecordFailure("d", 3));
  CHECK(t.size() == 3);
  CHECK(t.LockedFor("a", 10) == 0);  // dropped
  CHECK(t.LockedFor("b", 10) > 0);
  CHECK(t.LockedFor("d", 10) > 0);
}
