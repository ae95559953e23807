// The storage seam: the narrow interface every feature of the store reads and writes
// through. A backend (SQLite today, in sqlite_db.*) implements Db and Cursor; features see
// only Stmt, Transaction and Db, and write their SQL in the dialect both engines share:
// `?` placeholders, `ON CONFLICT ... DO UPDATE`, `RETURNING`, no engine-specific functions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace antre {

// A prepared statement of one backend, used by one Stmt at a time.
class Cursor {
 public:
  explicit Cursor(const char* sql) : sql_(sql) {}
  virtual ~Cursor() = default;
  // The SQL it was prepared from (the key of its connection's cache).
  const std::string& sql() const { return sql_; }
  // Clears the binds and any result, so the statement can be run again.
  virtual void Reset() = 0;
  virtual void BindText(int i, std::string_view v) = 0;
  virtual void BindInt(int i, int64_t v) = 0;
  virtual void BindNull(int i) = 0;
  // Steps once: true while a row is available; false when done or on error.
  virtual bool Step() = 0;
  // True when the statement ran to its end without an error.
  virtual bool done() const = 0;
  // The last step failed on a UNIQUE, PRIMARY KEY or CHECK constraint.
  virtual bool IsConstraintViolation() const = 0;
  // The failure of the last step (or of preparing) as a core error: StorageFull for a full
  // disk, StorageFailed otherwise; `what` says what was being done.
  virtual Error Fail(const std::string& what) const = 0;
  // The column's text without a copy, valid until the next Step(); empty for NULL.
  virtual std::string_view Text(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual bool IsNull(int col) const = 0;
  // Rows changed by the statement that just ran (an INSERT, UPDATE or DELETE).
  virtual int64_t Changes() const = 0;

 private:
  std::string sql_;
};

// An open connection. Not thread-safe: the store guards each connection with a lock.
class Db {
 public:
  virtual ~Db() = default;
  // A prepared statement for `sql`, from the connection's cache when it has one; never null
  // (a statement that does not compile fails on its first Step, naming the SQL error).
  virtual std::unique_ptr<Cursor> Take(const char* sql) = 0;
  // Gives a statement back (to the cache, or to be freed) once its Stmt is done with it.
  virtual void Give(std::unique_ptr<Cursor> cursor) = 0;
  // Opens a transaction that takes the write lock at once.
  virtual Status Begin() = 0;
  // Runs one or more statements with no results; StorageFailed/StorageFull on failure.
  virtual Status Exec(const std::string& sql) = 0;
  // True if no transaction is open (an engine may end one by itself on a full disk).
  virtual bool autocommit() const = 0;
  // Makes overwritten data unrecoverable from the engine's own files (after an erasure of
  // personal data). May fail while a long read holds old pages; nothing is lost then.
  virtual Status PurgeOldVersions() = 0;
  // Another connection to the same database that only reads, for long reads (reports) that
  // must not hold up the writer. StorageFailed if it cannot be opened.
  virtual Result<std::unique_ptr<Db>> OpenReader() const = 0;
  // The schema version the database is at (0 when new), and setting it inside a migration's
  // transaction.
  virtual Result<int> SchemaVersion() = 0;
  virtual Status SetSchemaVersion(int version) = 0;
  // Runs schema statements written in the shared dialect (SQLite's type words), as this
  // engine needs them.
  virtual Status ExecSchema(const std::string& sql) = 0;
  // The file the database lives in (copied before an upgrade, and by `backup`); empty for an
  // engine that keeps its own files (PostgreSQL: use its own backups).
  virtual std::string file() const = 0;

  // --- Several server processes on one database (PostgreSQL; SQLite has one process per
  // file, so these do nothing there).
  // True when other processes may write the same database.
  virtual bool shared() const { return false; }
  // Holds the site's row lock until the transaction ends: every write of a site, on any
  // process, runs one after another, so each check-then-act (the next ticket, a quota, the
  // places of a slot, a number) sees every earlier commit. Taken in site order per batch.
  virtual Status LockSite(const std::string& site) { (void)site; return Status::Ok(); }
  // Tells the other processes, once this transaction commits, that the site has new events.
  virtual Status AnnounceChange(const std::string& site) { (void)site; return Status::Ok(); }
  // Start-up (migrations, seeding) runs in one process at a time.
  virtual Status LockStartup() { return Status::Ok(); }
  virtual Status UnlockStartup() { return Status::Ok(); }

  // True while a group-commit batch holds a transaction open on this connection; set only by
  // the writer, with the connection's lock held.
  bool in_batch() const { return in_batch_; }
  void set_in_batch(bool v) { in_batch_ = v; }

 private:
  bool in_batch_ = false;
};

// The sites other processes changed, as they commit (PostgreSQL's LISTEN/NOTIFY on a
// connection of its own; this process's own announcements are left out). Not thread-safe:
// one thread waits on it and reads through db().
class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;
  // Waits up to timeout_ms for announcements and adds their sites (repeats possible) to
  // `sites`. A lost connection is reopened here; StorageFailed while it cannot be.
  virtual Status Wait(int timeout_ms, std::vector<std::string>* sites) = 0;
  // The feed's own connection, for reads by the thread that waits (never the store's main
  // connection, so they do not wait for its lock). A read on a lost connection fails; the
  // next Wait reopens it.
  virtual Db& db() = 0;
};

// A statement on a connection with positional binds (1-based) and column reads (0-based).
// The pattern is `Stmt q(db, "SELECT ..."); q.Bind(1, x); while (q.Step()) {...}
// if (!q.done()) return q.Fail("cannot read x");`.
class Stmt {
 public:
  Stmt(Db& db, const char* sql) : db_(db), cursor_(db.Take(sql)) {}
  Stmt(Db& db, const std::string& sql) : Stmt(db, sql.c_str()) {}
  ~Stmt() { db_.Give(std::move(cursor_)); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int i, std::string_view v) {
    cursor_->BindText(i, v);
    return *this;
  }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, int64_t v) {
    cursor_->BindInt(i, v);
    return *this;
  }
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& BindNull(int i) {
    cursor_->BindNull(i);
    return *this;
  }
  bool Step() { return cursor_->Step(); }
  // Runs to completion; true on success (then done() is true).
  bool Run() {
    while (cursor_->Step()) {
    }
    return cursor_->done();
  }
  bool done() const { return cursor_->done(); }
  bool IsConstraintViolation() const { return cursor_->IsConstraintViolation(); }
  Error Fail(const std::string& what) const { return cursor_->Fail(what); }
  std::string Text(int col) const { return std::string(cursor_->Text(col)); }
  std::string_view View(int col) const { return cursor_->Text(col); }
  int64_t Int(int col) const { return cursor_->Int(col); }
  bool IsNull(int col) const { return cursor_->IsNull(col); }
  int64_t Changes() const { return cursor_->Changes(); }

 private:
  Db& db_;
  std::unique_ptr<Cursor> cursor_;
};

// One unit of change. Alone: BEGIN ... COMMIT (an fsync). Inside a group-commit batch:
// SAVEPOINT ... RELEASE, so one failing request rolls back alone while the batch commits
// once for all. Rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Status begin_status() const { return begin_; }
  // Alone: commits, and the change is on disk when this returns Ok. In a batch: releases
  // the savepoint; the batch's commit makes it durable.
  Status Commit();

 private:
  Db& db_;
  bool nested_;
  Status begin_;
  bool done_ = false;
};

}  // namespace antre
