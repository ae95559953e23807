// The PostgreSQL backend of the storage seam (sql.h), over libpq. Features keep writing the
// dialect both engines share; this backend turns `?` into `$n` and prepares each statement
// once per connection. Durability is PostgreSQL's own: a COMMIT returns once the WAL is
// flushed (synchronous_commit=on), as SQLite's synchronous=FULL does.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/result.h"
#include "sql.h"

namespace antre {

// What every connection sets first: durable commits, quiet notices, UTC.
extern const char* const kSessionSettings;

// True when `location` names a PostgreSQL database (postgresql:// or postgres://).
bool IsPostgresUri(const std::string& location);

// `sql` with each `?` outside quotes replaced by $1, $2, ... in order.
std::string NumberPlaceholders(const std::string& sql);

// A statement of the shared dialect as PostgreSQL's DDL needs it: INTEGER columns become
// BIGINT (times are milliseconds), and `INTEGER PRIMARY KEY AUTOINCREMENT` an identity.
std::string PostgresDdl(const std::string& sql);

// An open PostgreSQL connection.
class PgDb : public Db {
 public:
  // Connects; StorageFailed (naming the server's message, never the password) on failure.
  static Result<PgDb*> Open(const std::string& uri);
  ~PgDb() override;

  std::unique_ptr<Cursor> Take(const char* sql) override;
  void Give(std::unique_ptr<Cursor> cursor) override;
  Status Exec(const std::string& sql) override;
  Status Begin() override { return Exec("BEGIN"); }
  bool autocommit() const override;
  Result<std::unique_ptr<Db>> OpenReader() const override;
  // VACUUM marks the erased rows' old versions free, so later writes overwrite them. It
  // cannot run inside a transaction; then this does nothing and the next one catches up.
  Status PurgeOldVersions() override;
  // Kept in a one-row table `antre_schema`.
  Result<int> SchemaVersion() override;
  Status SetSchemaVersion(int version) override;
  Status ExecSchema(const std::string& sql) override { return Exec(PostgresDdl(sql)); }
  std::string file() const override { return {}; }

  bool shared() const override { return true; }
  Status LockSite(const std::string& site) override;
  Status AnnounceChange(const std::string& site) override;
  Status LockStartup() override { return Exec("SELECT pg_advisory_lock(7341001)"); }
  Status UnlockStartup() override { return Exec("SELECT pg_advisory_unlock(7341001)"); }
  // The feed of sites other processes changed, on a connection of its own; this
  // connection's own announcements are not in it.
  Result<std::unique_ptr<ChangeFeed>> OpenChangeFeed() const;
  // Reconnects a connection the server dropped (nothing to do while it is up).
  void Reconnect();
  // How many times the connection was opened again (a LISTEN must be repeated each time).
  uint64_t reconnects() const { return reconnects_; }
  // The server process of the current session (NOTIFY names it as the announcer).
  int backend_pid() const { return backend_pid_.load(); }

  // The name the statement is prepared under on this connection, preparing it on first use;
  // empty with `error` set when it does not compile.
  std::string Prepared(const std::string& sql, std::string* error);
  PGconn* handle() const { return conn_; }

 private:
  PgDb(PGconn* conn, std::string uri) : conn_(conn), uri_(std::move(uri)), backend_pid_(PQbackendPID(conn)) {}
  PGconn* conn_;
  std::string uri_;
  uint64_t reconnects_ = 0;
  std::atomic<int> backend_pid_;  // read by the change feed's thread
  std::mutex mu_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

}  // namespace antre
