#include "elastic_pool.h"

namespace antre {

ElasticPool::ElasticPool(size_t core, size_t cap, std::chrono::milliseconds linger)
    : cap_(cap < core ? core : cap), linger_(linger) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < core; ++i) Spawn(true);
}

ElasticPool::~ElasticPool() { shutdown(); }

void ElasticPool::Spawn(bool is_core) {
  ++alive_;
  ++idle_;
  // Detached: a thread that lingers out must not wait for someone to join it. shutdown()
  // waits on alive_ instead, and a leaving thread touches the pool only under mu_.
  std::thread([this, is_core] { Work(is_core); }).detach();
}

void ElasticPool::enqueue(std::function<void()> fn) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_) return;
  jobs_.push_back(std::move(fn));
  // Every idle worker may already be promised to an earlier job still in the queue.
  if (idle_ < jobs_.size() && alive_ < cap_) Spawn(false);
  wake_.notify_one();
}

void ElasticPool::Work(bool is_core) {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    bool woke = wake_.wait_for(lock, linger_, [this] { return stopping_ || !jobs_.empty(); });
    if (jobs_.empty() && (stopping_ || (!woke && !is_core))) break;
    if (jobs_.empty()) continue;
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    --idle_;
    lock.unlock();
    job();
    lock.lock();
    ++idle_;
  }
  --idle_;
  --alive_;
  gone_.notify_all();
}

void ElasticPool::shutdown() {
  std::unique_lock<std::mutex> lock(mu_);
  stopping_ = true;
  wake_.notify_all();
  gone_.wait(lock, [this] { return alive_ == 0; });
}

size_t ElasticPool::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return alive_;
}

}  // namespace antre
