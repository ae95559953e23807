// Sends queued notifications to each site's webhook in the background, with retries.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store.h"

namespace antre {

class Notifier {
 public:
  explicit Notifier(Store& store) : store_(store) {}
  ~Notifier() { Stop(); }
  // Starts the sending thread; it polls the outbox about once a second.
  void Start();
  // Stops within about a second (an in-flight POST is cut at its 5 s timeout at worst).
  void Stop();
  // Sends what is due now; returns how many were delivered. Used by the thread and tests.
  int SendDue();

 private:
  Store& store_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
};

}  // namespace antre
