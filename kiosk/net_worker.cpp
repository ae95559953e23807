#include "kiosk/net_worker.h"

namespace antre::kiosk {

bool NetWorker::Start() {
  if (thread_.joinable()) return false;
  thread_ = std::thread([this] { Work(); });
  return true;
}

void NetWorker::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void NetWorker::Post(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_all();
}

void NetWorker::Deliver(std::function<void(UnixMs)> result) {
  std::lock_guard<std::mutex> lock(mu_);
  results_.push_back(std::move(result));
}

void NetWorker::RunDelivered(UnixMs now) {
  std::deque<std::function<void(UnixMs)>> done;
  {
    std::lock_guard<std::mutex> lock(mu_);
    done.swap(results_);
  }
  for (auto& r : done) r(now);
}

void NetWorker::Work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
      if (stop_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

}  // namespace antre::kiosk
