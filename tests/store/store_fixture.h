// A Store on a fresh database (a temp file, or PostgreSQL under ctest's store_pg entry) with a
// fake clock and the demo office's shape.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "../support/fake_clock.h"
#include "../support/temp_dir.h"
#include "../support/test_database.h"
#include "store.h"

namespace antre {

// Two services (rekam A, kk C) and three counters: 1 rekam, 2 kk, 3 both.
Config SmallOffice();

struct StoreFixture {
  TestDatabase database;
  TempDir& dir = database.dir();
  FakeClock clock{ParseIso("2026-11-28T08:00:00+07:00").value()};
  int next_id = 0;
  std::unique_ptr<Store> store;
  std::vector<Event> published;

  StoreFixture() { Reopen(); }
  // Closes and reopens the same database file, as after a restart.
  void Reopen();
  // Issues a walk-in ticket and returns it; fails the test on error.
  TicketView Issue(const std::string& service, Priority priority = Priority::kNone, const std::string& key = "");
  // Runs a counter action; fails the test on error.
  ActionOutcome Act(const std::string& counter, CounterAction action, const std::string& arg = "");
};

}  // namespace antre
