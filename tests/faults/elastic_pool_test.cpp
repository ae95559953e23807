// The server's worker pool: grows while jobs wait, stops at its cap, shrinks back to its
// core after a quiet spell, and finishes queued jobs on shutdown.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "elastic_pool.h"

using namespace std::chrono_literals;

namespace {

// Jobs that wait until released, counting how many have started.
struct Gate {
  std::mutex mu;
  std::condition_variable cv;
  int started = 0;
  bool open = false;

  std::function<void()> Job() {
    return [this] {
      std::unique_lock<std::mutex> lock(mu);
      ++started;
      cv.notify_all();
      cv.wait(lock, [this] { return open; });
    };
  }
  bool WaitStarted(int n, std::chrono::milliseconds limit) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, limit, [&] { return started >= n; });
  }
  int Started() {
    std::lock_guard<std::mutex> lock(mu);
    return started;
  }
  void Open() {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
    cv.notify_all();
  }
};

template <typename F>
bool Eventually(F cond, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return cond();
}

}  // namespace

TEST_CASE("ElasticPool: blocked jobs do not hold up later ones while under the cap") {
  Gate gate;
  antre::ElasticPool pool(2, 10);
  CHECK(pool.size() == 2);
  for (int i = 0; i < 6; ++i) pool.enqueue(gate.Job());
  CHECK(gate.WaitStarted(6, 3s));  // all six run at once, though the core is two
  CHECK(pool.size() == 6);
  gate.Open();
  pool.shutdown();
  CHECK(pool.size() == 0);
}

TEST_CASE("ElasticPool: beyond the cap jobs queue and run as threads free up") {
  Gate gate;
  std::atomic<int> done{0};
  antre::ElasticPool pool(1, 3);
  for (int i = 0; i < 5; ++i) {
    pool.enqueue([&gate, &done, job = gate.Job()] {
      job();
      ++done;
    });
  }
  CHECK(gate.WaitStarted(3, 3s));
  std::this_thread::sleep_for(100ms);
  CHECK(gate.Started() == 3);
  CHECK(pool.size() == 3);
  gate.Open();
  CHECK(Eventually([&] { return done == 5; }, 3s));
}

TEST_CASE("ElasticPool: extra threads leave after the linger time; the core stays") {
  Gate gate;
  antre::ElasticPool pool(1, 4, 50ms);
  for (int i = 0; i < 4; ++i) pool.enqueue(gate.Job());
  CHECK(gate.WaitStarted(4, 3s));
  gate.Open();
  CHECK(Eventually([&] { return pool.size() == 1; }, 3s));
  std::this_thread::sleep_for(150ms);
  CHECK(pool.size() == 1);
  std::atomic<bool> ran{false};
  pool.enqueue([&] { ran = true; });
  CHECK(Eventually([&] { return ran.load(); }, 3s));
}

TEST_CASE("ElasticPool: shutdown runs the jobs already queued, then joins") {
  std::atomic<int> done{0};
  {
    antre::ElasticPool pool(1, 1);
    for (int i = 0; i < 3; ++i) {
      pool.enqueue([&] {
        std::this_thread::sleep_for(20ms);
        ++done;
      });
    }
    pool.shutdown();
    CHECK(done == 3);
    pool.enqueue([&] { ++done; });  // after shutdown: dropped, not run on a dead pool
  }
  CHECK(done == 3);
}
