#include "sqlite_db.h"

#include <mutex>
#include <unordered_map>

namespace antre {
namespace {

// Prepared statements kept per connection by their SQL text: preparing (parsing and planning)
// cost more than running the small statements a ticket needs. Only connections opened by
// Db::Open have a cache; a statement is used by one Stmt at a time.
struct StatementCache {
  std::unordered_multimap<std::string, sqlite3_stmt*> idle;
};
constexpr size_t kMaxIdlePerSql = 4;
std::mutex g_cache_mu;
std::unordered_map<sqlite3*, StatementCache>& Caches() {
  static auto* caches = new std::unordered_map<sqlite3*, StatementCache>();
  return *caches;
}

// An idle statement for `sql` on `db`, taken out of the cache, or nullptr.
sqlite3_stmt* TakeCached(sqlite3* db, const char* sql, bool* cached) {
  std::lock_guard<std::mutex> lock(g_cache_mu);
  auto cache = Caches().find(db);
  *cached = cache != Caches().end();
  if (!*cached) return nullptr;
  auto it = cache->second.idle.find(sql);
  if (it == cache->second.idle.end()) return nullptr;
  sqlite3_stmt* stmt = it->second;
  cache->second.idle.erase(it);
  return stmt;
}

}  // namespace

Error SqliteError(sqlite3* db, int rc, const std::string& what) {
  std::string msg = what + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  if (primary == SQLITE_FULL) return MakeError(ErrorCode::kStorageFull, msg);
  return MakeError(ErrorCode::kStorageFailed, msg);
}

Stmt::Stmt(sqlite3* db, const char* sql) : db_(db) {
  bool cached = false;
  stmt_ = TakeCached(db, sql, &cached);
  if (stmt_ != nullptr) {
    sql_ = sql;
    return;
  }
  rc_ = sqlite3_prepare_v3(db, sql, -1, cached ? SQLITE_PREPARE_PERSISTENT : 0, &stmt_, nullptr);
  if (rc_ != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    return;
  }
  if (cached) sql_ = sql;
}

Stmt::~Stmt() {
  if (stmt_ == nullptr) return;
  if (!sql_.empty()) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    std::lock_guard<std::mutex> lock(g_cache_mu);
    auto cache = Caches().find(db_);
    if (cache != Caches().end() && cache->second.idle.count(sql_) < kMaxIdlePerSql) {
      cache->second.idle.emplace(std::move(sql_), stmt_);
      return;
    }
  }
  sqlite3_finalize(stmt_);
}

Stmt& Stmt::Bind(int i, const std::string& v) {
  if (stmt_) sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::Bind(int i, int64_t v) {
  if (stmt_) sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

Stmt& Stmt::BindNull(int i) {
  if (stmt_) sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Stmt::Step() {
  if (!stmt_) return false;
  rc_ = sqlite3_step(stmt_);
  return rc_ == SQLITE_ROW;
}

int Stmt::Run() {
  if (!stmt_) return rc_ == SQLITE_OK ? SQLITE_ERROR : rc_;
  while ((rc_ = sqlite3_step(stmt_)) == SQLITE_ROW) {
  }
  return rc_;
}

std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(stmt_, col)) : std::string();
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

Result<Db*> Db::Open(const std::string& path) {
  sqlite3* h = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(h, rc, "cannot open database '" + path + "'");
    sqlite3_close(h);
    return e;
  }
  Db* db = new Db(h);
  {
    std::lock_guard<std::mutex> lock(g_cache_mu);
    Caches()[h];
  }
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

Db::~Db() {
  {
    std::lock_guard<std::mutex> lock(g_cache_mu);
    auto cache = Caches().find(db_);
    if (cache != Caches().end()) {
      for (auto& [sql, stmt] : cache->second.idle) sqlite3_finalize(stmt);
      Caches().erase(cache);
    }
  }
  sqlite3_close(db_);
}

Status Db::Exec(const std::string& sql) {
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

Transaction::Transaction(Db& db) : db_(db), nested_(db.in_batch()) {
  begin_ = db_.Exec(nested_ ? "SAVEPOINT op" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (done_ || !begin_.ok()) return;
  if (!nested_) {
    db_.Exec("ROLLBACK");
  } else if (!db_.autocommit()) {
    // Undo this request only; the batch goes on. (If SQLite already ended the whole
    // transaction there is nothing to roll back, and the writer fails the batch.)
    db_.Exec("ROLLBACK TO op");
    db_.Exec("RELEASE op");
  }
}

Status Transaction::Commit() {
  Status st = db_.Exec(nested_ ? "RELEASE op" : "COMMIT");
  if (st.ok()) {
    done_ = true;
  }
  return st;
}

}  // namespace antre
