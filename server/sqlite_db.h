// A small RAII layer over the SQLite C API: a connection, prepared statements, transactions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

#include "core/result.h"

namespace antre {

// Maps an SQLite result code to a core error (SQLITE_FULL -> StorageFull, else StorageFailed).
Error SqliteError(sqlite3* db, int rc, const std::string& what);

// A prepared statement with positional binds (1-based) and column reads (0-based). On a
// connection from Db::Open it is taken from, and given back to, that connection's cache of
// prepared statements, so the same SQL is parsed once.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // False if the SQL did not compile (a programming mistake; the message is in error()).
  bool ok() const { return stmt_ != nullptr; }
  Stmt& Bind(int i, const std::string& v);
  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& BindNull(int i);
  // Steps once: true while a row is available; false when done or on error (see rc()).
  bool Step();
  // Runs to completion; returns the final SQLite code (SQLITE_DONE on success).
  int Run();
  int rc() const { return rc_; }
  std::string Text(int col) const;
  // The column's text without a copy, valid until the next Step(); nullptr for NULL.
  const char* RawText(int col) const { return reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col)); }
  int Bytes(int col) const { return sqlite3_column_bytes(stmt_, col); }
  int64_t Int(int col) const;
  bool IsNull(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
  std::string sql_;  // set when the statement goes back to its connection's cache
};

// An open database connection.
class Db {
 public:
  // Opens (creating if needed) with WAL and synchronous=FULL. StorageFailed on failure.
  static Result<Db*> Open(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  sqlite3* handle() const { return db_; }
  // Runs one or more statements with no results; StorageFailed/StorageFull on failure.
  Status Exec(const std::string& sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  // True while a group-commit batch holds a transaction open on this connection; set only by
  // the writer, with the connection's lock held.
  bool in_batch() const { return in_batch_; }
  void set_in_batch(bool v) { in_batch_ = v; }
  // True if no transaction is open (SQLite may end one by itself on a full disk or I/O error).
  bool autocommit() const { return sqlite3_get_autocommit(db_) != 0; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  bool in_batch_ = false;
};

// One unit of change. Alone: BEGIN IMMEDIATE ... COMMIT (an fsync). Inside a group-commit
// batch: SAVEPOINT ... RELEASE, so one failing request rolls back alone while the batch
// commits once for all. Rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Status begin_status() const { return begin_; }
  // Alone: commits, and with synchronous=FULL the change is on disk when this returns Ok.
  // In a batch: releases the savepoint; the batch's commit makes it durable.
  Status Commit();

 private:
  Db& db_;
  bool nested_;
  Status begin_;
  bool done_ = false;
};

}  // namespace antre
