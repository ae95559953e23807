#include "test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include "pg_db.h"
#include "sqlite_db.h"

namespace antre {
namespace {

// The URI with its database name (the path after the host part) replaced.
std::string WithDatabase(const std::string& uri, const std::string& name) {
  size_t scheme = uri.find("://");
  size_t slash = uri.find('/', scheme + 3);
  size_t end = uri.find('?', slash);
  if (slash == std::string::npos) return uri + "/" + name;
  return uri.substr(0, slash + 1) + name + (end == std::string::npos ? "" : uri.substr(end));
}

}  // namespace

TestDatabase::TestDatabase() {
  const char* pg = std::getenv("ANTRE_TEST_PG");
  if (pg == nullptr || *pg == '\0') {
    location_ = dir_.File("antre.db");
    return;
  }
  static std::atomic<int> counter{0};
  postgres_ = true;
  admin_uri_ = pg;
  name_ = "antre_t" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  auto admin = PgDb::Open(admin_uri_);
  if (!admin.ok()) throw std::runtime_error(admin.error().message);
  std::unique_ptr<Db> owned(admin.value());
  Status st = owned->Exec("CREATE DATABASE " + name_);
  if (!st.ok()) throw std::runtime_error(st.error.message);
  location_ = WithDatabase(admin_uri_, name_);
}

TestDatabase::~TestDatabase() {
  if (!postgres_) return;
  auto admin = PgDb::Open(admin_uri_);
  if (!admin.ok()) return;
  std::unique_ptr<Db> owned(admin.value());
  owned->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

std::unique_ptr<Db> TestDatabase::OpenRaw() const {
  if (postgres_) {
    auto db = PgDb::Open(location_);
    return db.ok() ? std::unique_ptr<Db>(db.value()) : nullptr;
  }
  auto db = SqliteDb::Open(location_);
  return db.ok() ? std::unique_ptr<Db>(db.value()) : nullptr;
}

}  // namespace antre
