#include "pg_db.h"

#include <poll.h>

#include <cstdio>
#include <cstdlib>
#include <regex>
#include <vector>

namespace antre {
namespace {

// SQLSTATE classes and codes the store tells apart.
bool IsConstraintState(const std::string& state) { return state.size() == 5 && state.compare(0, 2, "23") == 0; }
bool IsDiskFullState(const std::string& state) { return state == "53100"; }

// Class 08 (connection exception) and 57P01-57P03 (the server shutting down or starting).
bool IsConnectionState(const std::string& state) {
  return state.compare(0, 2, "08") == 0 || state == "57P01" || state == "57P02" || state == "57P03";
}

// The caller sees a plain sentence (503 for a lost connection, retried by kiosks and pages);
// the server's own words go to the operator's log.
Error PgError(PGconn* conn, const std::string& state, const std::string& message, const std::string& what) {
  if (PQstatus(conn) == CONNECTION_BAD || IsConnectionState(state)) {
    std::fprintf(stderr, "antre: database connection: %s: %s\n", what.c_str(), message.c_str());
    return MakeError(ErrorCode::kUnavailable, "the database cannot be reached; nothing was changed; retry shortly");
  }
  return MakeError(IsDiskFullState(state) ? ErrorCode::kStorageFull : ErrorCode::kStorageFailed,
                   what + ": " + message);
}

// libpq's message without its trailing newline.
std::string Trimmed(const char* message) {
  std::string m = message ? message : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

int CountPlaceholders(const std::string& sql) {
  std::string numbered = NumberPlaceholders(sql);
  int n = 0;
  for (size_t i = 0; i + 1 < numbered.size(); ++i) {
    if (numbered[i] == '$' && numbered[i + 1] >= '0' && numbered[i + 1] <= '9') {
      n = std::max(n, std::atoi(numbered.c_str() + i + 1));
    }
  }
  return n;
}

class PgCursor : public Cursor {
 public:
  PgCursor(PgDb& db, const char* sql) : Cursor(sql), db_(db) {
    name_ = db.Prepared(sql, &prepare_error_);
    params_.resize(static_cast<size_t>(CountPlaceholders(sql)));
    set_.assign(params_.size(), false);
  }
  ~PgCursor() override { PQclear(result_); }

  void Reset() override {
    PQclear(result_);
    result_ = nullptr;
    row_ = -1;
    state_ = State::kFresh;
    set_.assign(params_.size(), false);
  }
  void BindText(int i, std::string_view v) override { Set(i, std::string(v)); }
  void BindInt(int i, int64_t v) override { Set(i, std::to_string(v)); }
  void BindNull(int i) override {
    if (i >= 1 && static_cast<size_t>(i) <= set_.size()) set_[i - 1] = false;
  }
  bool Step() override {
    if (state_ == State::kFresh) Run();
    if (state_ != State::kRows) return false;
    if (++row_ < PQntuples(result_)) return true;
    state_ = State::kDone;
    return false;
  }
  bool done() const override { return state_ == State::kDone; }
  bool IsConstraintViolation() const override { return state_ == State::kFailed && IsConstraintState(sqlstate_); }
  Error Fail(const std::string& what) const override {
    if (name_.empty()) return PgError(db_.handle(), "", prepare_error_ + " (in: " + sql() + ")", what);
    if (state_ != State::kFailed) return MakeError(ErrorCode::kStorageFailed, what + ": no row");
    return PgError(db_.handle(), sqlstate_, message_, what);
  }
  std::string_view Text(int col) const override {
    if (!result_ || row_ < 0 || PQgetisnull(result_, row_, col)) return {};
    return {PQgetvalue(result_, row_, col), static_cast<size_t>(PQgetlength(result_, row_, col))};
  }
  int64_t Int(int col) const override {
    std::string_view t = Text(col);
    if (t.empty()) return 0;
    if (t == "t") return 1;  // a boolean expression (`x IS NULL`) reads as 1 or 0, as in SQLite
    if (t == "f") return 0;
    return std::strtoll(std::string(t).c_str(), nullptr, 10);
  }
  bool IsNull(int col) const override { return !result_ || row_ < 0 || PQgetisnull(result_, row_, col); }
  int64_t Changes() const override {
    if (!result_) return 0;
    return std::strtoll(PQcmdTuples(result_), nullptr, 10);
  }

 private:
  enum class State { kFresh, kRows, kDone, kFailed };

  void Set(int i, std::string v) {
    if (i < 1 || static_cast<size_t>(i) > params_.size()) return;
    params_[i - 1] = std::move(v);
    set_[i - 1] = true;
  }
  void Run() {
    if (name_.empty()) {
      state_ = State::kFailed;
      return;
    }
    std::vector<const char*> values(params_.size());
    for (size_t i = 0; i < params_.size(); ++i) values[i] = set_[i] ? params_[i].c_str() : nullptr;
    result_ = PQexecPrepared(db_.handle(), name_.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                             nullptr, 0);
    ExecStatusType status = PQresultStatus(result_);
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      state_ = State::kRows;
      return;
    }
    state_ = State::kFailed;
    const char* code = result_ ? PQresultErrorField(result_, PG_DIAG_SQLSTATE) : nullptr;
    sqlstate_ = code ? code : "";
    message_ = Trimmed(result_ ? PQresultErrorMessage(result_) : PQerrorMessage(db_.handle()));
    if (message_.empty()) message_ = Trimmed(PQerrorMessage(db_.handle()));
  }

  PgDb& db_;
  std::string name_, prepare_error_;
  std::vector<std::string> params_;
  std::vector<bool> set_;
  PGresult* result_ = nullptr;
  int row_ = -1;
  State state_ = State::kFresh;
  std::string sqlstate_, message_;
};

}  // namespace

const char* const kSessionSettings = "SET synchronous_commit = on; SET client_min_messages = warning; SET TIME ZONE 'UTC'";

bool IsPostgresUri(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string NumberPlaceholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      // `?NNN` names its parameter (one value used twice); a bare `?` takes the next number.
      bool numbered = i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9';
      if (!numbered) out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::string PostgresDdl(const std::string& sql) {
  static const std::regex kRowId(R"(\bINTEGER PRIMARY KEY( AUTOINCREMENT)?\b)");
  static const std::regex kInteger(R"(\bINTEGER\b)");
  std::string out = std::regex_replace(sql, kRowId, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
  return std::regex_replace(out, kInteger, "BIGINT");
}

Result<PgDb*> PgDb::Open(const std::string& uri) {
  PGconn* conn = PQconnectdb(uri.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = Trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return MakeError(ErrorCode::kStorageFailed, "cannot connect to PostgreSQL: " + message);
  }
  auto* db = new PgDb(conn, uri);
  // Notices (e.g. "relation already exists, skipping") are not the operator's business.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  Status st = db->Exec(kSessionSettings);
  if (!st.ok()) {
    delete db;
    return st.error;
  }
  return db;
}

PgDb::~PgDb() { PQfinish(conn_); }

std::string PgDb::Prepared(const std::string& sql, std::string* error) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) return it->second;
  std::string name = "s" + std::to_string(prepared_.size() + 1);
  PGresult* r = PQprepare(conn_, name.c_str(), NumberPlaceholders(sql).c_str(), 0, nullptr);
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) *error = Trimmed(PQresultErrorMessage(r));
  PQclear(r);
  if (!ok) return {};
  prepared_.emplace(sql, name);
  return name;
}

void PgDb::Reconnect() {
  if (PQstatus(conn_) != CONNECTION_BAD) return;
  // The server went away (a restart, a failover, a killed session): connect again, with the
  // session's settings, and prepare every statement again on the new session. What was in
  // flight failed with the old connection and was answered as a storage failure.
  PQreset(conn_);
  ++reconnects_;
  backend_pid_ = PQbackendPID(conn_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    prepared_.clear();
  }
  if (PQstatus(conn_) == CONNECTION_OK) Exec(kSessionSettings);
}

std::unique_ptr<Cursor> PgDb::Take(const char* sql) {
  Reconnect();
  return std::make_unique<PgCursor>(*this, sql);
}

void PgDb::Give(std::unique_ptr<Cursor> cursor) { cursor.reset(); }

Status PgDb::Exec(const std::string& sql) {
  if (sql != kSessionSettings) Reconnect();
  PGresult* r = PQexec(conn_, sql.c_str());
  ExecStatusType status = PQresultStatus(r);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    PQclear(r);
    return Status::Ok();
  }
  const char* code = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  Error e = PgError(conn_, code ? code : "", Trimmed(r ? PQresultErrorMessage(r) : PQerrorMessage(conn_)), "sql failed");
  PQclear(r);
  return {e};
}

bool PgDb::autocommit() const { return PQtransactionStatus(conn_) == PQTRANS_IDLE; }

Result<std::unique_ptr<Db>> PgDb::OpenReader() const {
  auto db = Open(uri_);
  if (!db.ok()) return db.error();
  std::unique_ptr<Db> reader(db.value());
  Status st = reader->Exec("SET default_transaction_read_only = on");
  if (!st.ok()) return st.error;
  return reader;
}

Result<int> PgDb::SchemaVersion() {
  Status st = Exec("CREATE TABLE IF NOT EXISTS antre_schema(version BIGINT NOT NULL)");
  if (!st.ok()) return st.error;
  Stmt q(*this, "SELECT version FROM antre_schema");
  if (q.Step()) return static_cast<int>(q.Int(0));
  if (!q.done()) return q.Fail("cannot read schema version");
  return 0;
}

Status PgDb::SetSchemaVersion(int version) {
  Status st = Exec("DELETE FROM antre_schema");
  if (!st.ok()) return st;
  return Exec("INSERT INTO antre_schema(version) VALUES(" + std::to_string(version) + ")");
}

Status PgDb::LockSite(const std::string& site) {
  Stmt q(*this, "SELECT id FROM sites WHERE id=? FOR UPDATE");
  q.Bind(1, site);
  if (!q.Run()) return {q.Fail("cannot lock site " + site)};
  return Status::Ok();
}

Status PgDb::AnnounceChange(const std::string& site) {
  Stmt q(*this, "SELECT pg_notify('antre_events', ?)");
  q.Bind(1, site);
  if (!q.Run()) return {q.Fail("cannot announce a change")};
  return Status::Ok();
}

namespace {

constexpr const char* kListen = "LISTEN antre_events";

class PgChangeFeed : public ChangeFeed {
 public:
  // Listens on `db` (already listening); leaves out what `own` (the store's main connection,
  // which outlives the feed) announces.
  PgChangeFeed(PgDb* db, const PgDb& own) : db_(db), own_(own) {}
  Status Wait(int timeout_ms, std::vector<std::string>* sites) override {
    // Reads on db() may have found the connection lost and reopened it (without LISTEN) or
    // left it broken: either way, listen again on the new session.
    db_->Reconnect();
    PGconn* conn = db_->handle();
    if (PQstatus(conn) != CONNECTION_OK) return {MakeError(ErrorCode::kStorageFailed, "change feed: no connection")};
    if (listening_ != db_->reconnects()) {
      Status st = db_->Exec(kListen);
      if (!st.ok()) return st;
      listening_ = db_->reconnects();
    }
    pollfd p{PQsocket(conn), POLLIN, 0};
    if (poll(&p, 1, timeout_ms) > 0 && PQconsumeInput(conn) == 0) {
      return {MakeError(ErrorCode::kStorageFailed, "change feed: " + Trimmed(PQerrorMessage(conn)))};
    }
    // This process's own batches publish their events themselves, after their commit.
    int own_pid = own_.backend_pid();
    while (PGnotify* n = PQnotifies(conn)) {
      if (n->be_pid != own_pid) sites->push_back(n->extra);
      PQfreemem(n);
    }
    return Status::Ok();
  }
  Db& db() override { return *db_; }

 private:
  std::unique_ptr<PgDb> db_;
  const PgDb& own_;
  uint64_t listening_ = 0;  // the session (reconnects()) the LISTEN was made on
};

}  // namespace

Result<std::unique_ptr<ChangeFeed>> PgDb::OpenChangeFeed() const {
  auto db = Open(uri_);
  if (!db.ok()) return db.error();
  std::unique_ptr<ChangeFeed> feed(new PgChangeFeed(db.value(), *this));
  Status st = db.value()->Exec(kListen);
  if (!st.ok()) return st.error;
  return feed;
}

Status PgDb::PurgeOldVersions() {
  if (!autocommit()) return Status::Ok();
  return Exec("VACUUM");
}

}  // namespace antre
