// Operations on a database file outside serving: online backup, restore, and the lock that
// keeps two servers (or a restore) off the same database.
#pragma once

#include <string>

#include "core/result.h"

namespace antre {

// Holds an exclusive lock on "<db>.lock" for the life of the object.
class DbLock {
 public:
  // Conflict if another process holds it (a server is running on this database).
  static Result<DbLock*> Acquire(const std::string& db_path);
  ~DbLock();
  DbLock(const DbLock&) = delete;
  DbLock& operator=(const DbLock&) = delete;

 private:
  explicit DbLock(int fd) : fd_(fd) {}
  int fd_;
};

// Copies a live database to `target` with SQLite's online backup API: consistent even while
// the server is writing. StorageFailed with the reason otherwise.
Status BackupDatabase(const std::string& db_path, const std::string& target);

// Replaces `db_path` with the backup at `source` after checking it is an intact Antre
// database. Conflict if a server is running on db_path.
Status RestoreDatabase(const std::string& source, const std::string& db_path);

// Free bytes on the filesystem holding `path`, or -1 if unknown.
long long FreeDiskBytes(const std::string& path);

}  // namespace antre
