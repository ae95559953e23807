#include "sqlite_db.h"

namespace antre {
namespace {

constexpr size_t kMaxIdlePerSql = 4;

class SqliteCursor : public Cursor {
 public:
  SqliteCursor(sqlite3* db, const char* sql) : Cursor(sql), db_(db) {
    rc_ = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc_ != SQLITE_OK) {
      sqlite3_finalize(stmt_);
      stmt_ = nullptr;
      prepare_error_ = sqlite3_errmsg(db);
    }
  }
  ~SqliteCursor() override { sqlite3_finalize(stmt_); }

  bool prepared() const { return stmt_ != nullptr; }
  void Reset() override {
    if (!stmt_) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    rc_ = SQLITE_OK;
  }
  void BindText(int i, std::string_view v) override {
    if (stmt_) sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindInt(int i, int64_t v) override {
    if (stmt_) sqlite3_bind_int64(stmt_, i, v);
  }
  void BindNull(int i) override {
    if (stmt_) sqlite3_bind_null(stmt_, i);
  }
  bool Step() override {
    if (!stmt_) return false;
    rc_ = sqlite3_step(stmt_);
    return rc_ == SQLITE_ROW;
  }
  bool done() const override { return stmt_ != nullptr && rc_ == SQLITE_DONE; }
  bool IsConstraintViolation() const override { return (rc_ & 0xff) == SQLITE_CONSTRAINT; }
  Error Fail(const std::string& what) const override {
    if (!stmt_) {
      return MakeError(ErrorCode::kStorageFailed, what + ": " + prepare_error_ + " (in: " + sql() + ")");
    }
    if (rc_ == SQLITE_ROW || rc_ == SQLITE_DONE || rc_ == SQLITE_OK) {
      return MakeError(ErrorCode::kStorageFailed, what + ": no row");
    }
    return SqliteError(db_, rc_, what);
  }
  std::string_view Text(int col) const override {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    if (t == nullptr) return {};
    return {reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
  }
  int64_t Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Changes() const override { return sqlite3_changes64(db_); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
  std::string prepare_error_;
};

// One fixed statement that begins or ends a transaction or savepoint (no ';', no values).
bool IsTransactionControl(const std::string& sql) {
  if (sql.find(';') != std::string::npos) return false;
  for (const char* word : {"SAVEPOINT ", "RELEASE ", "ROLLBACK", "COMMIT", "BEGIN"}) {
    if (sql.rfind(word, 0) == 0) return true;
  }
  return false;
}

}  // namespace

Error SqliteError(sqlite3* db, int rc, const std::string& what) {
  std::string msg = what + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  if (primary == SQLITE_FULL) return MakeError(ErrorCode::kStorageFull, msg);
  return MakeError(ErrorCode::kStorageFailed, msg);
}

Result<SqliteDb*> SqliteDb::Open(const std::string& path) {
  sqlite3* h = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(h, rc, "cannot open database '" + path + "'");
    sqlite3_close(h);
    return e;
  }
  auto* db = new SqliteDb(h, path);
  sqlite3_busy_timeout(h, 5000);
  // synchronous=FULL: a reply of 2xx means the change survived a power cut, because the kiosk
  // prints the ticket as soon as it gets the reply.
  // secure_delete=FAST: erased personal data is zeroed in the pages where that costs no extra I/O.
  Status st = db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=FAST;");
  if (!st.ok()) {
    delete db;
    return st.error;
  }
  return db;
}

Result<std::unique_ptr<Db>> SqliteDb::OpenReader() const {
  auto db = Open(path_);
  if (!db.ok()) return db.error();
  std::unique_ptr<Db> reader(db.value());
  // This connection only reads; a mistake that tried to write would fail rather than lock.
  Status st = reader->Exec("PRAGMA query_only=1;");
  if (!st.ok()) return st.error;
  return reader;
}

Result<int> SqliteDb::SchemaVersion() {
  sqlite3_stmt* q = nullptr;
  int rc = sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &q, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(q);
  int version = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
  sqlite3_finalize(q);
  if (version < 0) return SqliteError(db_, rc, "cannot read schema version");
  return version;
}

SqliteDb::~SqliteDb() {
  idle_.clear();  // finalizes every cached statement before the connection closes
  sqlite3_close(db_);
}

std::unique_ptr<Cursor> SqliteDb::Take(const char* sql) {
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = idle_.find(sql);
    if (it != idle_.end()) {
      std::unique_ptr<Cursor> cursor = std::move(it->second);
      idle_.erase(it);
      return cursor;
    }
  }
  return std::make_unique<SqliteCursor>(db_, sql);
}

void SqliteDb::Give(std::unique_ptr<Cursor> cursor) {
  if (!cursor || !static_cast<SqliteCursor*>(cursor.get())->prepared()) return;
  cursor->Reset();
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (idle_.count(cursor->sql()) >= kMaxIdlePerSql) return;
  std::string key = cursor->sql();
  idle_.emplace(std::move(key), std::move(cursor));
}

Status SqliteDb::Exec(const std::string& sql) {
  if (IsTransactionControl(sql)) {
    // A request's SAVEPOINT and RELEASE (and a COMMIT) run from the statement cache: every
    // request of a batch runs two, and compiling them each time costs more than running them.
    Stmt s(*this, sql.c_str());
    if (!s.Run()) return {s.Fail("sql failed")};
    return Status::Ok();
  }
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    Error e = SqliteError(nullptr, rc, "sql failed");
    e.message += " (" + msg + ")";
    return {e};
  }
  return Status::Ok();
}

}  // namespace antre
