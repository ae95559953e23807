// The SQLite backend of the storage seam (sql.h): a connection with WAL and
// synchronous=FULL, and a cache of prepared statements per connection.
#pragma once

#include <sqlite3.h>

#include <mutex>
#include <string>
#include <unordered_map>

#include "core/result.h"
#include "sql.h"

namespace antre {

// Maps an SQLite result code to a core error (SQLITE_FULL -> StorageFull, else StorageFailed).
Error SqliteError(sqlite3* db, int rc, const std::string& what);

// An open SQLite database.
class SqliteDb : public Db {
 public:
  // Opens (creating if needed) with WAL and synchronous=FULL. StorageFailed on failure.
  static Result<SqliteDb*> Open(const std::string& path);
  ~SqliteDb() override;

  std::unique_ptr<Cursor> Take(const char* sql) override;
  void Give(std::unique_ptr<Cursor> cursor) override;
  Status Exec(const std::string& sql) override;
  Status Begin() override { return Exec("BEGIN IMMEDIATE"); }
  bool autocommit() const override { return sqlite3_get_autocommit(db_) != 0; }
  Result<std::unique_ptr<Db>> OpenReader() const override;
  // Copies the WAL into the database and cuts it back to nothing; secure_delete zeroes the
  // freed pages of the database itself.
  Status PurgeOldVersions() override { return Exec("PRAGMA wal_checkpoint(TRUNCATE)"); }
  Result<int> SchemaVersion() override;
  Status SetSchemaVersion(int version) override {
    return Exec("PRAGMA user_version = " + std::to_string(version));
  }
  Status ExecSchema(const std::string& sql) override { return Exec(sql); }
  std::string file() const override { return path_; }

  // The raw handle, for what only SQLite has (online backup, EXPLAIN QUERY PLAN in tests).
  sqlite3* handle() const { return db_; }

 private:
  SqliteDb(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  // Idle prepared statements by SQL: preparing (parsing and planning) costs more than running
  // the small statements a ticket needs.
  std::mutex cache_mu_;
  std::unordered_multimap<std::string, std::unique_ptr<Cursor>> idle_;
};

}  // namespace antre
