// The group-commit writer on its own: batching, a failing request alone, a failing commit,
// and events published after the commit in order.
#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <thread>

#include "../support/temp_dir.h"
#include "../support/test_database.h"
#include "group_commit.h"
#include "sqlite_db.h"

using namespace antre;

namespace {

struct Rig {
  TestDatabase database;
  std::unique_ptr<Db> db;
  std::mutex mu;
  std::vector<Event> published;
  int rollbacks = 0;
  std::unique_ptr<GroupCommitter> writer;

  Rig() {
    db = database.OpenRaw();
    REQUIRE(db);
    // `parent` is checked at COMMIT only: a row pointing nowhere fails the whole batch late.
    REQUIRE(db->ExecSchema("CREATE TABLE p(id INTEGER PRIMARY KEY);"
                     "CREATE TABLE t(x TEXT UNIQUE, parent INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);")
                .ok());
    GroupCommitter::Hooks hooks;
    hooks.publish = [this](const std::vector<Event>& e) { published.insert(published.end(), e.begin(), e.end()); };
    hooks.after_rollback = [this] { ++rollbacks; };
    writer = std::make_unique<GroupCommitter>(*db, mu, hooks);
    writer->Start();
  }

  // One request: inserts x (with a parent that may not exist) in its own transaction and
  // publishes one event named after it.
  Status Insert(const std::string& x, int parent = 0) {
    return writer->Run<Status>([&]() -> Status {
      Transaction tx(*db);
      Stmt s(*db, "INSERT INTO t(x, parent) VALUES(?, ?)");
      s.Bind(1, x);
      if (parent) {
        s.Bind(2, parent);
      } else {
        s.BindNull(2);
      }
      if (!s.Run()) return {s.Fail("insert")};
      Status st = tx.Commit();
      if (st.ok()) writer->Collect({Event{0, "s", x, "{}", 0, ""}});
      return st;
    });
  }

  int Count(const std::string& x) {
    std::lock_guard<std::mutex> lock(mu);
    Stmt q(*db, "SELECT COUNT(*) FROM t WHERE x=?");
    q.Bind(1, x);
    REQUIRE(q.Step());
    return static_cast<int>(q.Int(0));
  }
};

// Holds the writer inside a request until `n` more requests wait behind it; *applying turns
// true once the writer is inside it.
Status HoldUntilQueued(Rig& rig, size_t n, std::atomic<bool>* applying) {
  return rig.writer->Run<Status>([&]() -> Status {
    *applying = true;
    while (rig.writer->queued() < n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Status::Ok();
  });
}

void WaitFor(const std::function<bool()>& cond) {
  for (int i = 0; i < 5000 && !cond(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  REQUIRE(cond());
}

}  // namespace

TEST_CASE("GroupCommit: requests that queue during a batch commit together, once") {
  Rig rig;
  std::atomic<bool> applying{false};
  std::thread holder([&] { CHECK(HoldUntilQueued(rig, 10, &applying).ok()); });
  WaitFor([&] { return applying.load(); });
  std::vector<std::thread> clients;
  for (int i = 0; i < 10; ++i) clients.emplace_back([&, i] { CHECK(rig.Insert("r" + std::to_string(i)).ok()); });
  for (auto& c : clients) c.join();
  holder.join();
  CHECK(rig.writer->requests() == 11);
  CHECK(rig.writer->batches() == 2);  // the holder alone, then the ten together
  for (int i = 0; i < 10; ++i) CHECK(rig.Count("r" + std::to_string(i)) == 1);
  CHECK(rig.published.size() == 10);
}

TEST_CASE("GroupCommit: a failing request rolls back alone and answers its own error") {
  Rig rig;
  REQUIRE(rig.Insert("dup").ok());
  std::atomic<bool> applying{false};
  std::thread holder([&] { CHECK(HoldUntilQueued(rig, 3, &applying).ok()); });
  WaitFor([&] { return applying.load(); });
  Status a, b, c;
  std::thread ta([&] { a = rig.Insert("a"); });
  WaitFor([&] { return rig.writer->queued() >= 1; });
  std::thread tb([&] { b = rig.Insert("dup"); });  // UNIQUE fails
  WaitFor([&] { return rig.writer->queued() >= 2; });
  std::thread tc([&] { c = rig.Insert("c"); });
  ta.join(), tb.join(), tc.join(), holder.join();
  CHECK(a.ok());
  CHECK(b.error.code == ErrorCode::kStorageFailed);
  CHECK(c.ok());
  CHECK(rig.writer->batches() == 3);
  CHECK(rig.Count("a") == 1);
  CHECK(rig.Count("dup") == 1);
  CHECK(rig.Count("c") == 1);
  // Published after the commit, in the order applied, without the failed request's event.
  REQUIRE(rig.published.size() == 3);
  CHECK(rig.published[1].type == "a");
  CHECK(rig.published[2].type == "c");
}

TEST_CASE("GroupCommit: when the commit fails, no request of the batch is acknowledged or kept") {
  Rig rig;
  std::atomic<bool> applying{false};
  std::thread holder([&] { CHECK(HoldUntilQueued(rig, 2, &applying).ok()); });
  WaitFor([&] { return applying.load(); });
  Status good, bad;
  std::thread tg([&] { good = rig.Insert("good"); });
  WaitFor([&] { return rig.writer->queued() >= 1; });
  std::thread tb([&] { bad = rig.Insert("orphan", 42); });  // its foreign key fails at COMMIT
  tg.join(), tb.join(), holder.join();
  CHECK_FALSE(good.ok());
  CHECK_FALSE(bad.ok());
  CHECK(rig.Count("good") == 0);
  CHECK(rig.Count("orphan") == 0);
  CHECK(rig.rollbacks == 1);
  CHECK(rig.published.empty());
  // The writer goes on: the next request commits.
  CHECK(rig.Insert("after").ok());
  CHECK(rig.Count("after") == 1);
}

TEST_CASE("GroupCommit: a request inside a request runs inline; before Start, requests run alone") {
  TestDatabase database;
  std::unique_ptr<Db> db = database.OpenRaw();
  REQUIRE(db);
  REQUIRE(db->ExecSchema("CREATE TABLE t(x TEXT)").ok());
  std::mutex mu;
  GroupCommitter writer(*db, mu, {});
  auto insert = [&](const char* x) {
    return writer.Run<Status>([&]() -> Status {
      Transaction tx(*db);
      Stmt s(*db, "INSERT INTO t VALUES(?)");
      s.Bind(1, std::string(x));
      if (!s.Run()) return {MakeError(ErrorCode::kStorageFailed, "insert")};
      return tx.Commit();
    });
  };
  CHECK(insert("before").ok());
  CHECK(writer.batches() == 0);
  writer.Start();
  Status outer = writer.Run<Status>([&]() -> Status { return insert("nested"); });
  CHECK(outer.ok());
  CHECK(writer.batches() == 1);
  writer.Stop();
  Stmt q(*db, "SELECT COUNT(*) FROM t");
  REQUIRE(q.Step());
  CHECK(q.Int(0) == 2);
}

namespace {

// A request that does not wait: inserts x like Rig::Insert; `done` gets its answer.
void InsertAsync(Rig& rig, const std::string& x, std::function<void(Status)> done) {
  rig.writer->RunAsync<Status>(
      [&rig, x]() -> Status {
        Transaction tx(*rig.db);
        Stmt s(*rig.db, "INSERT INTO t(x) VALUES(?)");
        s.Bind(1, x);
        if (!s.Run()) return {s.Fail("insert")};
        Status st = tx.Commit();
        if (st.ok()) rig.writer->Collect({Event{0, "s", x, "{}", 0, ""}});
        return st;
      },
      std::move(done), "s");
}

}  // namespace

TEST_CASE("GroupCommit: async requests are answered after their commit, batched with blocking ones") {
  Rig rig;
  REQUIRE(rig.Insert("dup").ok());
  std::atomic<bool> applying{false}, release{false};
  std::thread holder([&] {
    Status held = rig.writer->Run<Status>([&]() -> Status {
      applying = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      return Status::Ok();
    });
    CHECK(held.ok());
  });
  WaitFor([&] { return applying.load(); });
  // Queued behind the holder's batch: two async requests (one failing), a blocking one, and
  // another async one.
  std::mutex answers_mu;
  std::map<std::string, Status> answers;
  std::map<std::string, int> counted_when_answered;  // the row is on disk before the answer
  std::map<std::string, std::thread::id> answered_on;
  auto record = [&](const std::string& x) {
    return [&, x](Status st) {
      int n = st.ok() ? rig.Count(x) : -1;  // takes the db lock: none is held during answers
      std::lock_guard<std::mutex> lock(answers_mu);
      answers[x] = st;
      counted_when_answered[x] = n;
      answered_on[x] = std::this_thread::get_id();
    };
  };
  InsertAsync(rig, "a1", record("a1"));
  InsertAsync(rig, "dup", record("dup"));
  Status blocking;
  std::thread tb([&] { blocking = rig.Insert("b"); });
  WaitFor([&] { return rig.writer->queued() >= 3; });
  InsertAsync(rig, "a2", record("a2"));
  // Nothing is answered while the holder's batch runs.
  CHECK(rig.writer->queued() == 4);
  {
    std::lock_guard<std::mutex> lock(answers_mu);
    CHECK(answers.empty());
  }
  release = true;
  holder.join();
  tb.join();
  WaitFor([&] {
    std::lock_guard<std::mutex> lock(answers_mu);
    return answers.size() == 3;
  });
  CHECK(blocking.ok());
  CHECK(answers["a1"].ok());
  CHECK(answers["a2"].ok());
  CHECK(answers["dup"].error.code == ErrorCode::kStorageFailed);
  CHECK(counted_when_answered["a1"] == 1);
  CHECK(counted_when_answered["a2"] == 1);
  CHECK(rig.Count("dup") == 1);
  CHECK(rig.writer->batches() == 3);  // "dup" first, the holder, then the four together
  // The async answers come from the thread that led their batch, not from the caller's.
  CHECK(answered_on["a1"] != std::this_thread::get_id());
  // Events in the order applied: dup, then a1, b, a2.
  REQUIRE(rig.published.size() == 4);
  CHECK(rig.published[1].type == "a1");
  CHECK(rig.published[2].type == "b");
  CHECK(rig.published[3].type == "a2");
}

TEST_CASE("GroupCommit: an async answer may write again; Stop waits for every answer") {
  Rig rig;
  std::atomic<int> answered{0};
  std::atomic<bool> chained_ok{false};
  // The answer of the first issues a blocking write of its own from the answering thread.
  InsertAsync(rig, "first", [&](Status st) {
    CHECK(st.ok());
    chained_ok = rig.Insert("chained").ok();
    ++answered;
  });
  for (int i = 0; i < 20; ++i) InsertAsync(rig, "n" + std::to_string(i), [&](Status st) {
    CHECK(st.ok());
    ++answered;
  });
  rig.writer->Stop();
  CHECK(answered == 21);
  CHECK(chained_ok);
  CHECK(rig.Count("chained") == 1);
  for (int i = 0; i < 20; ++i) CHECK(rig.Count("n" + std::to_string(i)) == 1);
  // Stopped: an async request now runs alone, at once, on the caller's thread.
  std::thread::id on;
  InsertAsync(rig, "late", [&](Status st) {
    CHECK(st.ok());
    on = std::this_thread::get_id();
  });
  CHECK(on == std::this_thread::get_id());
  CHECK(rig.Count("late") == 1);
}
