// Group commit: write requests are applied in batches, one at a time. Each request runs in
// its own savepoint (a failing one rolls back alone and answers its own error); the batch ends
// with one COMMIT, one fsync, for all. A batch is whatever queued while the previous commit
// was syncing, so a quiet office adds no delay. A request's caller gets its answer only after
// its batch is on disk, and the batch's events are published after the commit, in order.
//
// A blocking caller (Run) that finds no batch running leads the next one on its own thread,
// for everyone queued (itself included), and on its way out wakes the first caller that
// queued meanwhile to lead the batch after. A request's thread so sleeps at most once (none
// at all when it leads); on 2 cores thread switches were a third of the CPU of a ticket.
// A caller that must not block (RunAsync, from the transport's io thread) only queues its
// request; the committer's own leader thread leads a batch whose first request is such a
// one, and calls each async request's `done` after the commit: one wake-up per batch instead
// of two thread hops per request.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "core/views.h"
#include "sql.h"

namespace antre {

class GroupCommitter {
 public:
  // What the owner does around a batch, with the connection's lock held.
  struct Hooks {
    // After every commit: the batch's events (maybe none), in commit order, to bring what
    // readers see up to date before anyone is answered.
    std::function<void(const std::vector<Event>&)> after_commit;
    // After a commit with events: the events, in commit order.
    std::function<void(const std::vector<Event>&)> publish;
    // After a batch was rolled back: reload what the owner caches from the database.
    std::function<void()> after_rollback;
    // After each request, with its error (kNone if it succeeded): a failed request's own
    // changes are rolled back, so the owner re-reads what it cached of them.
    std::function<void(const Error&)> after_request;
    // Once the batch's transaction is open, before any request: the sites its requests
    // write, sorted (to lock them in one order and catch up with other processes). A failure
    // fails the whole batch.
    std::function<Status(const std::vector<std::string>&)> before_batch;
    // Just before the COMMIT, with the events it will make durable. A failure fails the batch.
    std::function<Status(const std::vector<Event>&)> before_commit;
  };

  // `db` is used only with `db_mu` held; the writer holds it for a whole batch, so nobody
  // reads a change before it is committed.
  GroupCommitter(Db& db, std::mutex& db_mu, Hooks hooks);
  ~GroupCommitter();

  // Starts batching. Before Start and after Stop, Run applies requests inline, one
  // transaction each.
  void Start();
  // Waits for what is queued to be applied, then stops batching.
  void Stop();

  // Runs `body` (which expects `db_mu` held and uses Transaction for its changes) as one
  // request of a batch, and returns its answer once the batch is committed. If the batch
  // cannot be committed, the answer becomes that storage error. Called inside a request (by
  // the thread leading a batch), it runs inline as part of the current request.
  // `site` names the site the request writes ("" for none), for Hooks::before_batch;
  // `also_site` a second one, for the rare request that writes two (a stock transfer).
  template <typename R>
  R Run(const std::function<R()>& body, const std::string& site = std::string(),
        const std::string& also_site = std::string());
  // Like Run, but returns at once: `done` gets the answer once the batch is committed (or
  // the storage error), on the thread that led the batch, with no lock of the committer or
  // `db_mu` held (so it may call the store again). `body` must own what it uses.
  template <typename R>
  void RunAsync(std::function<R()> body, std::function<void(R)> done, const std::string& site);

  // Keeps the events of the request running on this thread, to be published after its
  // batch commits. Returns false when no batch runs on this thread (publish them yourself).
  bool Collect(const std::vector<Event>& events);

  // Batches and requests committed so far (for benchmarks and tests).
  uint64_t batches() const { return batches_.load(); }
  uint64_t requests() const { return requests_.load(); }
  // Requests waiting for the writer now.
  size_t queued();

 private:
  struct Job {
    std::function<Error()> apply;             // runs the request; its error, or kNone
    std::function<void(const Error&)> fail;  // replaces its answer with a storage error
    std::vector<Event> events;
    std::string site;
    std::string also_site;
    bool done = false;
    std::condition_variable woken;  // its batch is done, or it is to lead the next one
    // Set for a RunAsync request (a heap job nobody waits for): answers its caller and
    // deletes the job. Called once, after the batch, with no lock held.
    std::function<void()> finish;
  };

  // Queues `job` and returns once its batch is done, leading a batch when none runs.
  void Submit(Job* job);
  // Queues a RunAsync job; the leader thread leads its batch if nobody else does.
  void SubmitAsync(Job* job);
  // The leader thread: leads a batch whenever requests wait and no batch runs.
  void LeadLoop();
  // Runs what is queued as one batch on the calling thread; `lock` holds queue_mu_ on entry
  // and on return.
  void LeadBatch(std::unique_lock<std::mutex>& lock);
  void RunBatch(std::vector<Job*>& jobs);
  // BEGIN, then Hooks::before_batch for the jobs' sites; rolls back if that fails.
  Status Open(const std::vector<Job*>& jobs);
  // Whether the calling thread is leading a batch of this committer.
  bool OnWriterThread() const;

  // Before Start and after Stop: runs `body` as its own transaction, with `db_mu` held.
  template <typename R>
  R ApplyAlone(const std::function<R()>& body) {
    std::lock_guard<std::mutex> db_lock(db_mu_);
    R answer = body();
    if (hooks_.after_request) hooks_.after_request(ErrorOf(answer));
    return answer;
  }

  static void SetError(Status* out, const Error& e) { out->error = e; }
  static Error ErrorOf(const Status& s) { return s.error; }
  template <typename T>
  static Error ErrorOf(const Result<T>& r) { return r.error(); }
  template <typename T>
  static void SetError(Result<T>* out, const Error& e) { *out = e; }

  Db& db_;
  std::mutex& db_mu_;
  Hooks hooks_;
  std::mutex queue_mu_;
  std::condition_variable idle_cv_;  // Stop waits for the last batch
  std::condition_variable leader_cv_;  // wakes the leader thread
  std::deque<Job*> queue_;  // requests waiting for a batch, oldest first
  bool running_ = false;
  bool is_leading_ = false;  // a batch runs now
  bool stop_leader_ = false;
  int finishing_ = 0;  // async answers being delivered after their batch
  std::thread leader_;
  Job* current_ = nullptr;   // the request being applied, touched by the leading thread only
  std::atomic<uint64_t> batches_{0};
  std::atomic<uint64_t> requests_{0};
};

template <typename R>
R GroupCommitter::Run(const std::function<R()>& body, const std::string& site, const std::string& also_site) {
  if (OnWriterThread()) return body();
  {
    std::unique_lock<std::mutex> lock(queue_mu_);
    if (!running_) {
      lock.unlock();
      return ApplyAlone(body);
    }
  }
  R answer{Error{ErrorCode::kStorageFailed, "the request was not applied"}};
  Job job;
  job.apply = [&] {
    answer = body();
    return ErrorOf(answer);
  };
  job.fail = [&](const Error& e) { SetError(&answer, e); };
  job.site = site;
  job.also_site = also_site;
  Submit(&job);
  return answer;
}

template <typename R>
void GroupCommitter::RunAsync(std::function<R()> body, std::function<void(R)> done, const std::string& site) {
  if (OnWriterThread()) return done(body());
  {
    std::unique_lock<std::mutex> lock(queue_mu_);
    if (!running_) {
      lock.unlock();
      return done(ApplyAlone(body));  // answered after the lock is let go
    }
  }
  struct AsyncJob : Job {
    R answer{Error{ErrorCode::kStorageFailed, "the request was not applied"}};
  };
  auto* job = new AsyncJob;
  job->apply = [job, body = std::move(body)] {
    job->answer = body();
    return ErrorOf(job->answer);
  };
  job->fail = [job](const Error& e) { SetError(&job->answer, e); };
  job->finish = [job, done = std::move(done)] {
    R answer = std::move(job->answer);
    delete job;
    done(std::move(answer));
  };
  job->site = site;
  SubmitAsync(job);
}

}  // namespace antre
