#include "group_commit.h"

#include <algorithm>

#include <cstdio>
#include <exception>

namespace antre {
namespace {

// The error a request gets when its batch is lost: its own, if it was the storage failure
// that ended the transaction, else a generic storage failure.
Error BatchError(const Status& cause) {
  if (cause.error.code == ErrorCode::kStorageFull || cause.error.code == ErrorCode::kStorageFailed ||
      cause.error.code == ErrorCode::kUnavailable) {
    return cause.error;
  }
  return MakeError(ErrorCode::kStorageFailed, "the batch could not be committed");
}

}  // namespace

// The committer whose batch the calling thread is leading, if any.
static thread_local const GroupCommitter* t_leading = nullptr;

GroupCommitter::GroupCommitter(Db& db, std::mutex& db_mu, Hooks hooks)
    : db_(db), db_mu_(db_mu), hooks_(std::move(hooks)) {}

GroupCommitter::~GroupCommitter() { Stop(); }

bool GroupCommitter::OnWriterThread() const { return t_leading == this; }

void GroupCommitter::Start() {
  std::lock_guard<std::mutex> lock(queue_mu_);
  if (running_) return;
  running_ = true;
  stop_leader_ = false;
  leader_ = std::thread([this] { LeadLoop(); });
}

void GroupCommitter::Stop() {
  std::unique_lock<std::mutex> lock(queue_mu_);
  if (!running_) return;
  idle_cv_.wait(lock, [this] { return !is_leading_ && queue_.empty() && finishing_ == 0; });
  running_ = false;
  stop_leader_ = true;
  leader_cv_.notify_all();
  lock.unlock();
  leader_.join();
}

void GroupCommitter::LeadLoop() {
  std::unique_lock<std::mutex> lock(queue_mu_);
  while (!stop_leader_) {
    if (!is_leading_ && !queue_.empty()) {
      LeadBatch(lock);
    } else {
      leader_cv_.wait(lock);
    }
  }
}

bool GroupCommitter::Collect(const std::vector<Event>& events) {
  if (!OnWriterThread() || current_ == nullptr) return false;
  current_->events.insert(current_->events.end(), events.begin(), events.end());
  return true;
}

size_t GroupCommitter::queued() {
  std::lock_guard<std::mutex> lock(queue_mu_);
  return queue_.size();
}

void GroupCommitter::Submit(Job* job) {
  std::unique_lock<std::mutex> lock(queue_mu_);
  queue_.push_back(job);
  while (!job->done) {
    if (is_leading_) {
      job->woken.wait(lock);
    } else {
      LeadBatch(lock);
    }
  }
}

void GroupCommitter::SubmitAsync(Job* job) {
  std::lock_guard<std::mutex> lock(queue_mu_);
  queue_.push_back(job);
  if (!is_leading_ && queue_.size() == 1) leader_cv_.notify_one();
}

void GroupCommitter::LeadBatch(std::unique_lock<std::mutex>& lock) {
  std::vector<Job*> batch(queue_.begin(), queue_.end());
  queue_.clear();
  is_leading_ = true;
  lock.unlock();
  t_leading = this;
  RunBatch(batch);
  t_leading = nullptr;
  lock.lock();
  is_leading_ = false;
  // Woken under the lock: a job is a caller's local, gone as soon as its caller sees it done.
  std::vector<std::function<void()>> finishes;
  for (Job* job : batch) {
    if (job->finish) {
      finishes.push_back(std::move(job->finish));  // deletes the job
      continue;
    }
    job->done = true;
    job->woken.notify_one();
  }
  if (!queue_.empty()) {
    // The first queued leads the next batch: its own thread, or the leader thread for an
    // async request (whose caller is not waiting).
    if (queue_.front()->finish) {
      leader_cv_.notify_one();
    } else {
      queue_.front()->woken.notify_one();
    }
  }
  if (!finishes.empty()) {
    // Answered outside the lock: an answer may call the store, even write again.
    finishing_ += 1;
    lock.unlock();
    for (auto& finish : finishes) {
      try {
        finish();
      } catch (const std::exception& e) {
        std::fprintf(stderr, "antre: answering a request failed: %s\n", e.what());
      }
    }
    lock.lock();
    finishing_ -= 1;
  }
  if (queue_.empty() && !is_leading_ && finishing_ == 0) idle_cv_.notify_all();
}

Status GroupCommitter::Open(const std::vector<Job*>& jobs) {
  Status begun = db_.Begin();
  if (!begun.ok() || !hooks_.before_batch) return begun;
  std::vector<std::string> sites;
  for (const Job* job : jobs) {
    if (!job->site.empty()) sites.push_back(job->site);
    if (!job->also_site.empty()) sites.push_back(job->also_site);
  }
  std::sort(sites.begin(), sites.end());
  sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
  Status ready = hooks_.before_batch(sites);
  if (!ready.ok() && !db_.autocommit()) db_.Exec("ROLLBACK");
  return ready;
}

void GroupCommitter::RunBatch(std::vector<Job*>& jobs) {
  std::lock_guard<std::mutex> db_lock(db_mu_);
  std::vector<Job*> applied;  // requests whose changes are in the open transaction
  auto fail_applied = [&](const Status& cause) {
    for (Job* job : applied) {
      job->fail(BatchError(cause));
      job->events.clear();
    }
    applied.clear();
  };
  Status begun = Open(jobs);
  db_.set_in_batch(begun.ok());
  for (Job* job : jobs) {
    if (!begun.ok()) {
      job->fail(BatchError(begun));
      continue;
    }
    current_ = job;
    Error error = job->apply();
    current_ = nullptr;
    if (hooks_.after_request) hooks_.after_request(error);
    if (!db_.autocommit()) {
      applied.push_back(job);
      continue;
    }
    // SQLite ended the whole transaction (a full disk, an I/O error): the requests before
    // this one are lost with it and must not be acknowledged.
    Status cause{error};
    if (error.code != ErrorCode::kStorageFull) {
      cause = Status{MakeError(ErrorCode::kStorageFailed, "the database rolled back the batch")};
    }
    fail_applied(cause);
    if (error.code == ErrorCode::kNone) job->fail(cause.error);
    job->events.clear();
    if (hooks_.after_rollback) hooks_.after_rollback();
    db_.set_in_batch(false);
    begun = Open(jobs);
    db_.set_in_batch(begun.ok());
  }
  if (!begun.ok()) {
    db_.set_in_batch(false);
    return;
  }
  std::vector<Event> events;
  for (Job* job : applied) events.insert(events.end(), job->events.begin(), job->events.end());
  Status committed = hooks_.before_commit ? hooks_.before_commit(events) : Status::Ok();
  if (committed.ok()) committed = db_.Exec("COMMIT");
  db_.set_in_batch(false);
  if (!committed.ok()) {
    std::fprintf(stderr, "antre: batch of %zu not committed: %s\n", applied.size(),
                 committed.error.message.c_str());
    if (!db_.autocommit()) db_.Exec("ROLLBACK");
    fail_applied(committed);
    if (hooks_.after_rollback) hooks_.after_rollback();
    return;
  }
  batches_.fetch_add(1);
  requests_.fetch_add(applied.size());
  if (hooks_.after_commit) hooks_.after_commit(events);
  if (!events.empty() && hooks_.publish) hooks_.publish(events);
}

}  // namespace antre
