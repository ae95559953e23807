// Where a store test keeps its database: a file in a temp folder, or, when ANTRE_TEST_PG names
// a PostgreSQL cluster (ctest's store_pg entry starts one), a fresh database of its own there,
// dropped at the end. The same tests then run against both engines.
#pragma once

#include <memory>
#include <string>

#include "sql.h"
#include "temp_dir.h"

namespace antre {

class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // What Store::Open takes: a file path or a postgresql:// URI.
  const std::string& location() const { return location_; }
  bool postgres() const { return postgres_; }
  // A connection of its own (for what a test does behind the store's back).
  std::unique_ptr<Db> OpenRaw() const;
  TempDir& dir() { return dir_; }

 private:
  TempDir dir_;
  bool postgres_ = false;
  std::string location_, admin_uri_, name_;
};

}  // namespace antre
