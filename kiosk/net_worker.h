// One background thread for a kiosk program's network calls, so its screen never waits.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "core/clock.h"

namespace antre::kiosk {

// Jobs run in order on the worker thread; each hands its outcome back with Deliver(), and
// the UI thread runs those outcomes in RunDelivered(), so screen state is only ever touched
// by the UI thread.
class NetWorker {
 public:
  NetWorker() = default;
  ~NetWorker() { Stop(); }
  NetWorker(const NetWorker&) = delete;
  NetWorker& operator=(const NetWorker&) = delete;

  // Starts the thread; false if it was already running.
  bool Start();
  // Waits for the job in progress; queued jobs are dropped.
  void Stop();
  // From any thread.
  void Post(std::function<void()> job);
  // From a job: `result` runs later on the UI thread with that moment's time.
  void Deliver(std::function<void(UnixMs)> result);
  // On the UI thread: runs the results delivered so far.
  void RunDelivered(UnixMs now);

 private:
  void Work();

  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::deque<std::function<void()>> jobs_;
  std::deque<std::function<void(UnixMs)>> results_;
};

}  // namespace antre::kiosk
