#include "maintenance.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

namespace antre {
namespace {

Status CopyDatabase(sqlite3* from, sqlite3* to) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (b == nullptr) return {MakeError(ErrorCode::kStorageFailed, std::string("backup: ") + sqlite3_errmsg(to))};
  int rc;
  // Small steps with a pause let the server keep committing while a large file is copied.
  while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    sqlite3_sleep(rc == SQLITE_OK ? 0 : 20);
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return {MakeError(ErrorCode::kStorageFailed, std::string("backup: ") + sqlite3_errstr(rc))};
  return Status::Ok();
}

struct Handle {
  sqlite3* db = nullptr;
  ~Handle() { sqlite3_close(db); }
};

}  // namespace

Result<DbLock*> DbLock::Acquire(const std::string& db_path) {
  std::string path = db_path + ".lock";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return MakeError(ErrorCode::kStorageFailed, "cannot open lock file " + path);
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return MakeError(ErrorCode::kConflict, "another antre-server is using " + db_path);
  }
  return new DbLock(fd);
}

DbLock::~DbLock() {
  flock(fd_, LOCK_UN);
  close(fd_);
}

Status BackupDatabase(const std::string& db_path, const std::string& target) {
  Handle from, to;
  if (sqlite3_open_v2(db_path.c_str(), &from.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    return {MakeError(ErrorCode::kStorageFailed, "cannot open " + db_path)};
  }
  sqlite3_busy_timeout(from.db, 5000);
  std::remove(target.c_str());
  if (sqlite3_open(target.c_str(), &to.db) != SQLITE_OK) {
    return {MakeError(ErrorCode::kStorageFailed, "cannot create " + target)};
  }
  Status st = CopyDatabase(from.db, to.db);
  if (!st.ok()) return st;
  // A backup is one self-contained file: no WAL beside it.
  sqlite3_exec(to.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  return Status::Ok();
}

Status RestoreDatabase(const std::string& source, const std::string& db_path) {
  auto lock = DbLock::Acquire(db_path);
  if (!lock.ok()) {
    return {MakeError(lock.error().code, lock.error().message + ": stop the server before restoring")};
  }
  std::unique_ptr<DbLock> held(lock.value());
  Handle from;
  if (sqlite3_open_v2(source.c_str(), &from.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    return {MakeError(ErrorCode::kNotFound, "cannot open backup " + source)};
  }
  sqlite3_stmt* q = nullptr;
  std::string check;
  if (sqlite3_prepare_v2(from.db, "PRAGMA integrity_check", -1, &q, nullptr) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
    check = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
  }
  sqlite3_finalize(q);
  if (check != "ok") return {MakeError(ErrorCode::kInvalidInput, source + " is not an intact SQLite database")};
  if (sqlite3_prepare_v2(from.db, "SELECT COUNT(*) FROM sites", -1, &q, nullptr) != SQLITE_OK) {
    sqlite3_finalize(q);
    return {MakeError(ErrorCode::kInvalidInput, source + " is not an Antre database")};
  }
  sqlite3_finalize(q);
  Handle to;
  if (sqlite3_open(db_path.c_str(), &to.db) != SQLITE_OK) {
    return {MakeError(ErrorCode::kStorageFailed, "cannot open " + db_path)};
  }
  Status st = CopyDatabase(from.db, to.db);
  if (!st.ok()) return st;
  sqlite3_exec(to.db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
  return Status::Ok();
}

long long FreeDiskBytes(const std::string& path) {
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/') + 1);
  struct statvfs s;
  if (statvfs(dir.c_str(), &s) != 0) return -1;
  return static_cast<long long>(s.f_bavail) * static_cast<long long>(s.f_frsize);
}

}  // namespace antre
