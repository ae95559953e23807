#include <doctest/doctest.h>

#include "pg_db.h"
#include "sqlite_db.h"
#include "store_rows.h"
#include "store_fixture.h"

using namespace antre;

TEST_CASE("Store: numbers count per prefix and day, and survive a restart") {
  StoreFixture f;
  CHECK(f.Issue("rekam").ticket.number == "A001");
  CHECK(f.Issue("rekam").ticket.number == "A002");
  CHECK(f.Issue("kk").ticket.number == "C001");
  f.Reopen();
  CHECK(f.Issue("rekam").ticket.number == "A003");
}

TEST_CASE("Store: issuing refuses unknown and closed services without using a number") {
  StoreFixture f;
  auto unknown = f.store->IssueTicket("serang", "paspor", Priority::kNone, {});
  CHECK(unknown.error().code == ErrorCode::kNotFound);
  auto closed = f.store->IssueTicket("serang", "info", Priority::kNone, {});
  CHECK(closed.error().code == ErrorCode::kServiceClosed);
  CHECK(f.store->IssueTicket("kantor-lain", "rekam", Priority::kNone, {}).error().code == ErrorCode::kNotFound);
  CHECK(f.Issue("rekam").ticket.number == "A001");
}

TEST_CASE("Store: the same idempotency key returns the first ticket and no second one") {
  StoreFixture f;
  TicketView first = f.Issue("rekam", Priority::kNone, "tap-1");
  auto again = f.store->IssueTicket("serang", "rekam", Priority::kNone, IdempotencyKey{"kiosk", "tap-1"});
  REQUIRE(again.ok());
  CHECK(again.value().replayed);
  CHECK(again.value().ticket.ticket.id == first.ticket.id);
  CHECK(f.Issue("rekam").ticket.number == "A002");
  auto other_scope = f.store->IssueTicket("serang", "rekam", Priority::kNone, IdempotencyKey{"kiosk-2", "tap-1"});
  CHECK(other_scope.value().ticket.ticket.number == "A003");
}

TEST_CASE("Store: next finishes the current ticket and calls by priority then age") {
  StoreFixture f;
  TicketView a1 = f.Issue("rekam");
  f.clock.Advance(1000);
  TicketView a2 = f.Issue("rekam", Priority::kLansia);
  CHECK(a1.position == 1);
  CHECK(a2.position == 1);  // priority goes first
  CHECK(f.store->GetTicket(a1.ticket.id).value().position == 2);

  auto call1 = f.Act("1", CounterAction::kNext);
  REQUIRE(call1.ticket);
  CHECK(call1.ticket->ticket.number == "A002");
  CHECK(call1.ticket->counter_name == "Loket 1");
  auto call2 = f.Act("1", CounterAction::kNext);
  CHECK(call2.ticket->ticket.number == "A001");
  CHECK(f.store->GetTicket(a2.ticket.id).value().ticket.status == TicketStatus::kDone);
  CHECK_FALSE(f.Act("1", CounterAction::kNext).ticket);  // nothing waits: no ticket (204)
  CHECK(f.store->GetTicket(a1.ticket.id).value().ticket.status == TicketStatus::kDone);
}

TEST_CASE("Store: a counter only calls the services it serves") {
  StoreFixture f;
  f.Issue("kk");
  CHECK_FALSE(f.Act("1", CounterAction::kNext).ticket);
  CHECK(f.Act("2", CounterAction::kNext).ticket->ticket.number == "C001");
}

TEST_CASE("Store: recall, no-show, finish need a current ticket and change it") {
  StoreFixture f;
  for (auto action : {CounterAction::kRecall, CounterAction::kNoShow, CounterAction::kFinish}) {
    auto r = f.store->ActOnCounter("serang", "1", action, "", "petugas1", {});
    CHECK(r.error().code == ErrorCode::kConflict);
  }
  f.Issue("rekam");
  f.Issue("rekam");
  f.Act("1", CounterAction::kNext);
  CHECK(f.Act("1", CounterAction::kRecall).ticket->ticket.recalls == 1);
  CHECK(f.Act("1", CounterAction::kNoShow).ticket->ticket.status == TicketStatus::kNoShow);
  f.Act("1", CounterAction::kNext);
  CHECK(f.Act("1", CounterAction::kFinish).ticket->ticket.status == TicketStatus::kDone);
  auto counters = f.store->CounterStatuses("serang").value();
  CHECK(counters[0].state == CounterState::kIdle);
  CHECK_FALSE(counters[0].current);
}

TEST_CASE("Store: transfer sends the ticket back to waiting with number and issue time kept") {
  StoreFixture f;
  TicketView t = f.Issue("rekam");
  f.clock.Advance(60000);
  f.Issue("kk");
  f.Act("1", CounterAction::kNext);
  auto moved = f.Act("1", CounterAction::kTransfer, "kk");
  REQUIRE(moved.ticket);
  CHECK(moved.ticket->ticket.number == t.ticket.number);
  CHECK(moved.ticket->ticket.service == "kk");
  CHECK(moved.ticket->ticket.status == TicketStatus::kWaiting);
  CHECK(moved.ticket->ticket.issued_at == t.ticket.issued_at);
  CHECK(moved.ticket->position == 1);  // older than C001, so first
  CHECK(f.Act("2", CounterAction::kNext).ticket->ticket.number == "A001");
  auto bad = f.store->ActOnCounter("serang", "2", CounterAction::kTransfer, "paspor", "x", {});
  CHECK(bad.error().code == ErrorCode::kNotFound);
}

TEST_CASE("Store: call a number only if it waits today; pause stops calls until resume") {
  StoreFixture f;
  f.Issue("rekam");
  f.Issue("rekam");
  CHECK(f.Act("3", CounterAction::kCall, "A002").ticket->ticket.number == "A002");
  CHECK(f.store->ActOnCounter("serang", "1", CounterAction::kCall, "A002", "x", {}).error().code == ErrorCode::kConflict);
  CHECK(f.store->ActOnCounter("serang", "1", CounterAction::kCall, "A999", "x", {}).error().code == ErrorCode::kNotFound);
  f.Act("1", CounterAction::kPause);
  CHECK(f.store->ActOnCounter("serang", "1", CounterAction::kNext, "", "x", {}).error().code ==
        ErrorCode::kCounterPaused);
  f.Act("1", CounterAction::kResume);
  CHECK(f.Act("1", CounterAction::kNext).ticket->ticket.number == "A001");
}

TEST_CASE("Store: a ticket is held by one counter; a counter holds one ticket") {
  StoreFixture f;
  f.Issue("rekam");
  CHECK(f.Act("1", CounterAction::kNext).ticket->ticket.number == "A001");
  CHECK_FALSE(f.Act("3", CounterAction::kNext).ticket);  // A001 is held by Loket 1
  f.Issue("rekam");
  CHECK(f.Act("3", CounterAction::kNext).ticket->ticket.number == "A002");
  int serving = 0;
  auto counters = f.store->CounterStatuses("serang").value();
  for (const auto& c : counters) serving += c.current ? 1 : 0;
  CHECK(serving == 2);
}

TEST_CASE("Store: local midnight expires waiting tickets once and restarts numbering") {
  StoreFixture f;
  TicketView waiting = f.Issue("rekam");
  f.Issue("rekam");
  f.Act("1", CounterAction::kNext);  // A001 called, A002 waits
  f.published.clear();
  f.clock.SetIso("2026-11-28T23:59:59+07:00");
  REQUIRE(f.store->RollOverIfNewDay().ok());
  CHECK(f.published.empty());
  f.clock.SetIso("2026-11-29T00:00:01+07:00");
  REQUIRE(f.store->RollOverIfNewDay().ok());
  REQUIRE(f.store->RollOverIfNewDay().ok());
  REQUIRE(f.published.size() == 1);
  CHECK(f.published[0].type == "ticket.expired");
  CHECK(f.published[0].data.find("A002") != std::string::npos);
  CHECK(f.store->GetTicket(waiting.ticket.id).value().ticket.status == TicketStatus::kCalled);  // held, not expired
  CHECK(f.store->GetTicket("t2").value().ticket.status == TicketStatus::kExpired);
  CHECK(f.Issue("rekam").ticket.number == "A001");
  CHECK(f.Issue("kk").ticket.number == "C001");
}

TEST_CASE("Store: events replay after an id within the local day, and the board lists calls") {
  StoreFixture f;
  f.Issue("rekam");
  f.Issue("rekam");
  f.Act("1", CounterAction::kNext);
  f.Act("1", CounterAction::kRecall);
  auto all = f.store->EventsAfter("serang", 0, 100).value();
  REQUIRE(all.size() == 4);
  CHECK(all[2].type == "ticket.called");
  CHECK(all[3].type == "ticket.recalled");
  auto later = f.store->EventsAfter("serang", all[1].id, 100).value();
  CHECK(later.size() == 2);
  BoardSnapshot b = f.store->Board("serang").value();
  CHECK(b.last_event_id == all[3].id);
  REQUIRE(b.recent_calls.size() == 2);
  CHECK(b.recent_calls[0].is_recall);
  CHECK(b.recent_calls[1].number == "A001");
  CHECK(b.services[0].waiting == 1);
  CHECK(b.stock_level.empty());  // this office has no print service, so no stock to show
  f.clock.SetIso("2026-11-29T09:00:00+07:00");
  CHECK(f.store->EventsAfter("serang", 0, 100).value().empty());
}

TEST_CASE("Store: a database from a newer version is refused with a clear message") {
  StoreFixture f;
  f.store.reset();
  {
    std::unique_ptr<Db> owned = f.database.OpenRaw();
    REQUIRE(owned);
    REQUIRE(owned->SetSchemaVersion(99).ok());
  }
  auto again = Store::Open(f.database.location(), f.clock, [] { return std::string("x"); });
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().message.find("newer") != std::string::npos);
}

TEST_CASE("Store: sessions resolve until they expire or are revoked; kiosks by token hash") {
  StoreFixture f;
  UserRecord u = f.store->FindUser("petugas1").value();
  CHECK(u.role == Role::kOfficer);
  CHECK(f.store->FindUser("nobody").error().code == ErrorCode::kNotFound);
  REQUIRE(f.store->CreateSession("hash-a", u, f.clock.NowMs() + 60000).ok());
  REQUIRE(f.store->CreateSession("hash-b", u, f.clock.NowMs() + 60000).ok());
  CHECK(f.store->ResolveToken("hash-a").value().name == "petugas1");
  REQUIRE(f.store->RevokeSession("hash-a").ok());
  CHECK(f.store->ResolveToken("hash-a").error().code == ErrorCode::kUnauthorized);
  f.clock.Advance(60001);
  CHECK(f.store->ResolveToken("hash-b").error().code == ErrorCode::kUnauthorized);

  REQUIRE(f.store->SyncDevices({DeviceConfig{"kiosk-1", "serang", "hash-k"}}).ok());
  CHECK(f.store->ResolveToken("hash-k").value().role == Role::kKiosk);
  CHECK(f.store->ResolveToken("hash-k").value().site == "serang");
  CHECK(f.store->ResolveToken("nope").error().code == ErrorCode::kUnauthorized);
}

TEST_CASE("Store: a resolved token is kept briefly, but no change of this process waits for it") {
  StoreFixture f;
  UserRecord u = f.store->FindUser("petugas1").value();
  REQUIRE(f.store->CreateSession("hash-a", u, f.clock.NowMs() + 1000).ok());
  REQUIRE(f.store->ResolveToken("hash-a").ok());  // now kept in memory
  f.clock.Advance(1000);                            // the session's end, sooner than the cache's
  CHECK(f.store->ResolveToken("hash-a").error().code == ErrorCode::kUnauthorized);

  REQUIRE(f.store->CreateSession("hash-b", u, f.clock.NowMs() + 60000).ok());
  REQUIRE(f.store->ResolveToken("hash-b").value().sites.empty());
  REQUIRE(f.store->UpdateUser("petugas1", std::nullopt, std::nullopt, std::nullopt, "admin",
                              std::vector<std::string>{"serang"}).ok());
  CHECK(f.store->ResolveToken("hash-b").value().sites == std::vector<std::string>{"serang"});
  REQUIRE(f.store->UpdateUser("petugas1", std::nullopt, true, std::nullopt, "admin").ok());
  CHECK(f.store->ResolveToken("hash-b").error().code == ErrorCode::kUnauthorized);

  REQUIRE(f.store->SyncDevices({DeviceConfig{"kiosk-1", "serang", "hash-k"}}).ok());
  REQUIRE(f.store->ResolveToken("hash-k").ok());
  REQUIRE(f.store->SyncDevices({}).ok());  // the kiosk left the config
  CHECK(f.store->ResolveToken("hash-k").error().code == ErrorCode::kUnauthorized);

  // A change made by another process on a shared database (here: straight into the
  // database) applies once the kept answer is older than kTokenCacheMs.
  REQUIRE(f.store->SyncDevices({DeviceConfig{"kiosk-2", "serang", "hash-2"}}).ok());
  REQUIRE(f.store->ResolveToken("hash-2").ok());
  {
    std::unique_ptr<Db> other = f.database.OpenRaw();
    REQUIRE(other);
    REQUIRE(other->Exec("UPDATE devices SET token_hash='removed:kiosk-2' WHERE id='kiosk-2'").ok());
  }
  CHECK(f.store->ResolveToken("hash-2").ok());
  f.clock.Advance(Store::kTokenCacheMs);
  CHECK(f.store->ResolveToken("hash-2").error().code == ErrorCode::kUnauthorized);
}

TEST_CASE("Store: the daily quota counts walk-in numbers by prefix, so a transfer moves no place") {
  StoreFixture f;
  ServiceEdit two, one;
  two.daily_quota = 2;
  one.daily_quota = 1;
  REQUIRE(f.store->UpdateService("serang", "rekam", two, "admin").ok());
  REQUIRE(f.store->UpdateService("serang", "kk", one, "admin").ok());
  f.Issue("rekam");
  f.Act("1", CounterAction::kNext);
  f.Act("1", CounterAction::kTransfer, "kk");  // A001 now waits for kk
  auto remaining = [&](const std::string& id) {
    auto statuses = f.store->ServiceStatuses("serang");
    REQUIRE(statuses.ok());
    for (const auto& s : statuses.value()) {
      if (s.service.id == id) return s.remaining.value_or(-1);
    }
    return -2;
  };
  CHECK(remaining("rekam") == 1);
  CHECK(remaining("kk") == 1);
  f.published.clear();
  f.Issue("rekam");
  auto full = f.store->IssueTicket("serang", "rekam", Priority::kNone, {});
  CHECK(full.error().code == ErrorCode::kQuotaReached);
  CHECK(f.Issue("kk").ticket.number == "C001");
  CHECK(f.store->IssueTicket("serang", "kk", Priority::kNone, {}).error().code == ErrorCode::kQuotaReached);
  int quota_events = 0;
  for (const Event& e : f.published) quota_events += e.type == "service.quota_reached" ? 1 : 0;
  CHECK(quota_events == 2);  // one per service, when its last place went
  f.clock.Advance(24LL * 3600 * 1000);  // a new local day
  CHECK(remaining("rekam") == 2);
}

TEST_CASE("Store: hours are stored, survive a restart, and close the service outside them") {
  StoreFixture f;  // the fixture's clock: Saturday 08:00 WIB
  ServiceEdit weekdays;
  weekdays.hours = OpeningHours{};
  weekdays.hours->is_set = true;
  for (int d = 1; d <= 5; ++d) weekdays.hours->days[d] = {{480, 900}};
  REQUIRE(f.store->UpdateService("serang", "rekam", weekdays, "admin").ok());
  f.Reopen();
  auto closed = f.store->IssueTicket("serang", "rekam", Priority::kNone, {});
  CHECK(closed.error().code == ErrorCode::kServiceClosed);
  f.clock.Advance(2LL * 24 * 3600 * 1000);  // Monday 08:00
  CHECK(f.Issue("rekam").ticket.number == "A001");
  ServiceEdit bad;
  bad.hours = OpeningHours{};
  bad.hours->is_set = true;
  bad.hours->days[2] = {{900, 480}};
  CHECK(f.store->UpdateService("serang", "rekam", bad, "admin").error().code == ErrorCode::kInvalidInput);
  bad.hours.reset();
  bad.daily_quota = -1;
  CHECK(f.store->UpdateService("serang", "rekam", bad, "admin").error().code == ErrorCode::kInvalidInput);
}

TEST_CASE("Store: a report reads the event log through events_by_day, a day at a time") {
  StoreFixture f;
  f.Issue("rekam");
  if (!f.database.postgres()) {  // SQLite's plan; PostgreSQL plans by its statistics
    std::unique_ptr<Db> owned = f.database.OpenRaw();
    REQUIRE(owned);
    Stmt plan(*owned, ("EXPLAIN QUERY PLAN " + ReportEventsSql()).c_str());
    std::string text;
    while (plan.Step()) text += plan.Text(3) + "\n";
    CAPTURE(text);
    CHECK(text.find("USING INDEX events_by_day (site=? AND day>? AND day<?)") != std::string::npos);
    CHECK(text.find("SCAN events") == std::string::npos);
    // Sorting by id happens per day ("right part"), never over the whole range.
    CHECK(text.find("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY") != std::string::npos);
  }

  auto report = f.store->BuildReport("serang", ParseDate("2026-11-28").value(), ParseDate("2026-11-28").value(),
                                     ReportGroup::kService);
  REQUIRE_MESSAGE(report.ok(), report.error().message);
  CHECK(report.value().total.issued == 1);
  CHECK(f.store->BuildReport("serang", ParseDate("2026-11-29").value(), ParseDate("2026-11-28").value(),
                             ReportGroup::kService)
            .error()
            .code == ErrorCode::kInvalidInput);
}

TEST_CASE("Store: the live tickets and the waiting are read by their indexes, never by scanning history") {
  StoreFixture f;
  f.Issue("rekam");
  if (f.database.postgres()) return;  // SQLite's plans; PostgreSQL plans by its statistics
  std::unique_ptr<Db> owned = f.database.OpenRaw();
  REQUIRE(owned);
  auto plan_of = [&](const std::string& sql) {
    Stmt plan(*owned, ("EXPLAIN QUERY PLAN " + sql).c_str());
    std::string text;
    while (plan.Step()) text += plan.Text(3) + "\n";
    return text;
  };
  std::string live = plan_of(LiveTicketsSql());
  CAPTURE(live);
  CHECK(live.find("SCAN tickets") == std::string::npos);
  CHECK(live.find("USING INDEX sqlite_autoindex_tickets_2 (site=? AND day=?)") != std::string::npos);
  CHECK(live.find("USING INDEX tickets_waiting (site=?)") != std::string::npos);
  CHECK(live.find("USING INDEX tickets_called (site=?)") != std::string::npos);
  std::string waiting = plan_of(WaitingTicketsSql());
  CAPTURE(waiting);
  CHECK(waiting.find("USING INDEX tickets_waiting (site=?)") != std::string::npos);
  // The partial indexes hold only their status: the waiting ticket is in the waiting index
  // alone, not among the finished (dbstat is compiled into Debian's SQLite).
  auto cells = [&](const char* index) {
    Stmt q(*owned, "SELECT COALESCE(SUM(ncell), 0) FROM dbstat WHERE name=? AND pagetype='leaf'");
    q.Bind(1, std::string(index));
    REQUIRE(q.Step());
    return q.Int(0);
  };
  CHECK(cells("tickets_waiting") == 1);
  CHECK(cells("tickets_called") == 0);
  CHECK(cells("tickets_done") == 0);
}

TEST_CASE("PostgreSQL dialect: placeholders are numbered outside quotes, and DDL gets its types") {
  CHECK(NumberPlaceholders("SELECT a FROM t WHERE b=? AND c=? LIMIT ?") == "SELECT a FROM t WHERE b=$1 AND c=$2 LIMIT $3");
  CHECK(NumberPlaceholders("SELECT '?', \"a?\" FROM t WHERE x=? AND y='it''s ?'") ==
        "SELECT '?', \"a?\" FROM t WHERE x=$1 AND y='it''s ?'");
  CHECK(NumberPlaceholders("WHERE a=?1 OR (b=?2 AND a<>?1) LIMIT ?3") == "WHERE a=$1 OR (b=$2 AND a<>$1) LIMIT $3");
  CHECK(PostgresDdl("CREATE TABLE e(id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, n TEXT)") ==
        "CREATE TABLE e(id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, n TEXT)");
  CHECK(PostgresDdl("CREATE TABLE t(seq INTEGER PRIMARY KEY, v INTEGERS)") ==
        "CREATE TABLE t(seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v INTEGERS)");
  CHECK(IsPostgresUri("postgresql:///antre?host=/run/postgresql"));
  CHECK(IsPostgresUri("postgres://u@db.lan/antre"));
  CHECK_FALSE(IsPostgresUri("/var/lib/antre/antre.db"));
  CHECK_FALSE(IsPostgresUri("postgresql.db"));
}
