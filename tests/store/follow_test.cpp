// Two processes on one PostgreSQL database (issue 16), as two Stores: what one commits
// reaches the other's listener without waiting for the other's store lock.
#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store_fixture.h"

using namespace antre;

namespace {

// A clock that stops one chosen thread at its next reading until released. Every write
// reads the clock with the store's lock held, so a test can hold a store in mid-batch.
class StallingClock : public Clock {
 public:
  explicit StallingClock(UnixMs now) : now_(now) {}
  UnixMs NowMs() const override {
    std::unique_lock<std::mutex> lock(mu_);
    if (armed_ && std::this_thread::get_id() == target_) {
      is_stalled_ = true;
      cv_.notify_all();
      cv_.wait(lock, [this] { return !armed_; });
    }
    return now_;
  }
  // The calling thread stops at its next reading.
  void StallThisThread() {
    std::lock_guard<std::mutex> lock(mu_);
    target_ = std::this_thread::get_id();
    armed_ = true;
  }
  bool WaitStalled() {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(60), [this] { return is_stalled_; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    armed_ = false;
    cv_.notify_all();
  }

 private:
  const UnixMs now_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::thread::id target_;
  bool armed_ = false;
  mutable bool is_stalled_ = false;
};

// The small office and a second site like it, so each store can write a site of its own.
Config TwoSites() {
  Config c = SmallOffice();
  Site other = c.sites.front();
  other.id = "cilegon";
  c.sites.push_back(other);
  return c;
}

}  // namespace

TEST_CASE("Store: another process's events reach the listener while this process's batch holds the store lock") {
  TestDatabase database;
  if (!database.postgres()) return;  // SQLite: one process per file, nobody to follow
  UnixMs now = ParseIso("2026-11-28T08:00:00+07:00").value();
  StallingClock clock_a(now);
  FakeClock clock_b(now);
  int ids_a = 0, ids_b = 0;
  // What A's listener heard; declared before the stores, whose threads call it until they stop.
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Event> heard;
  auto a = Store::Open(database.location(), clock_a, [&] { return "a" + std::to_string(++ids_a); });
  REQUIRE_MESSAGE(a.ok(), a.error().message);
  REQUIRE(a.value()->SeedIfEmpty(TwoSites()).ok());
  REQUIRE(a.value()->EndStartup().ok());
  a.value()->SetEventListener([&](const std::vector<Event>& events) {
    std::lock_guard<std::mutex> lock(mu);
    heard.insert(heard.end(), events.begin(), events.end());
    cv.notify_all();
  });
  auto b = Store::Open(database.location(), clock_b, [&] { return "b" + std::to_string(++ids_b); });
  REQUIRE_MESSAGE(b.ok(), b.error().message);
  REQUIRE(b.value()->EndStartup().ok());

  // Process A's request stops inside its batch: A's store lock and serang's row lock are held.
  std::atomic<bool> a_issued{false};
  std::thread stalled([&] {
    clock_a.StallThisThread();
    a_issued = a.value()->IssueTicket("serang", "rekam", Priority::kNone, IdempotencyKey{}).ok();
  });
  struct Unstall {
    StallingClock& clock;
    std::thread& thread;
    ~Unstall() {
      clock.Release();
      if (thread.joinable()) thread.join();
    }
  } unstall{clock_a, stalled};
  REQUIRE(clock_a.WaitStalled());

  auto issued = b.value()->IssueTicket("cilegon", "rekam", Priority::kNone, IdempotencyKey{});
  REQUIRE_MESSAGE(issued.ok(), issued.error().message);
  std::unique_lock<std::mutex> lock(mu);
  bool is_heard = cv.wait_for(lock, std::chrono::seconds(60), [&] {
    for (const Event& e : heard) {
      if (e.site == "cilegon" && e.ticket == issued.value().ticket.ticket.id) return true;
    }
    return false;
  });
  lock.unlock();
  CHECK(is_heard);
  clock_a.Release();
  stalled.join();
  CHECK(a_issued);
}
