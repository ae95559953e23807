// The server's worker threads: a fixed core that grows on demand up to a hard cap.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace antre {

// cpp-httplib hands every accepted connection to a worker thread, which then waits for its
// first request for up to the keep-alive timeout. A fixed pool lets a handful of idle or
// half-sent connections (a broken phone, a slowloris) hold every worker, so real requests wait
// seconds. This pool starts `core` threads and adds one whenever a job arrives with no idle
// worker, up to `cap`; added threads leave again after `linger` without work. Beyond the cap
// jobs queue, as in httplib's own pool.
class ElasticPool : public httplib::TaskQueue {
 public:
  ElasticPool(size_t core, size_t cap, std::chrono::milliseconds linger = std::chrono::seconds(30));
  ~ElasticPool() override;
  ElasticPool(const ElasticPool&) = delete;
  ElasticPool& operator=(const ElasticPool&) = delete;

  void enqueue(std::function<void()> fn) override;
  // Runs the queued jobs, then stops and joins every thread.
  void shutdown() override;

  // Threads alive now (for tests and health).
  size_t size() const;

 private:
  void Spawn(bool is_core);  // with mu_ held
  void Work(bool is_core);

  const size_t cap_;
  const std::chrono::milliseconds linger_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable gone_;  // a thread left (shutdown waits for the last one)
  std::deque<std::function<void()>> jobs_;
  size_t alive_ = 0;
  size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace antre
