// Store: the audit view merges the audit log with counter actions from the event log.
#include "store_fixture.h"

using namespace antre;

namespace {

std::vector<std::string> Actions(const std::vector<AuditEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.actor + " " + e.action + " " + e.target);
  return out;
}

}  // namespace

TEST_CASE("Store: the audit view lists logins, counter actions and cancels, newest first") {
  StoreFixture f;
  REQUIRE(f.store->Audit("petugas1", "login", "", "").ok());
  f.clock.Advance(1000);
  TicketView a = f.Issue("rekam");
  TicketView b = f.Issue("rekam");
  f.Act("1", CounterAction::kNext);
  f.clock.Advance(1000);
  f.Act("1", CounterAction::kPause);
  f.clock.Advance(1000);
  REQUIRE(f.store->CancelTicket("serang", b.ticket.id, "double ticket", "admin").ok());
  ServiceEdit close_kk;
  close_kk.is_open = false;
  REQUIRE(f.store->UpdateService("serang", "kk", close_kk, "admin").ok());
  f.clock.Advance(1000);
  const UnixMs transfer_at = f.clock.NowMs();
  f.Issue("rekam");
  f.Act("3", CounterAction::kNext);
  f.Act("3", CounterAction::kTransfer, "kk");
  AuditQuery moved;
  moved.limit = 1;
  auto transfer = f.store->AuditLog(moved).value();
  REQUIRE(transfer.size() == 1);
  CHECK(transfer[0].action == "ticket.transferred");
  CHECK(transfer[0].detail == "rekam -> kk, Loket 3");

  AuditQuery early;
  early.to = transfer_at;  // exclusive: the lines before the transfer
  auto all = f.store->AuditLog(early);
  REQUIRE(all.ok());
  CHECK(Actions(all.value()) == std::vector<std::string>{"admin service.update serang/kk", "admin ticket.cancel A002",
                                                         "petugas1 counter.paused ", "petugas1 ticket.called A001",
                                                         "petugas1 login "});
  REQUIRE(all.value().size() == 5);
  CHECK(all.value()[2].detail == "Loket 1");
  CHECK(all.value()[3].source == "event");
  CHECK(all.value()[4].source == "audit");
  CHECK(a.ticket.number == "A001");

  AuditQuery mine = early;
  mine.actor = "petugas1";
  CHECK(Actions(f.store->AuditLog(mine).value()) ==
        std::vector<std::string>{"petugas1 counter.paused ", "petugas1 ticket.called A001", "petugas1 login "});
  mine.actor = "nobody";
  CHECK(f.store->AuditLog(mine).value().empty());
}

TEST_CASE("Store: the audit view filters by time and pages without gaps or repeats") {
  StoreFixture f;
  const UnixMs start = f.clock.NowMs();
  for (int i = 0; i < 5; ++i) {
    REQUIRE(f.store->Audit("admin", "login", std::to_string(i), "").ok());
    f.Issue("rekam");
    f.Act("3", CounterAction::kNext);  // done (from the second round) and called, at the login's millisecond
    f.clock.Advance(60000);
  }
  AuditQuery range;
  range.from = start + 60000;
  range.to = start + 3 * 60000;  // exclusive: minutes 1 and 2
  auto listed = f.store->AuditLog(range);
  REQUIRE_MESSAGE(listed.ok(), listed.error().message);
  CHECK(Actions(f.store->AuditLog(range).value()) ==
        std::vector<std::string>{"petugas1 ticket.called A003", "petugas1 ticket.done A002", "admin login 2",
                                 "petugas1 ticket.called A002", "petugas1 ticket.done A001", "admin login 1"});

  AuditQuery page;
  page.limit = 3;
  std::vector<std::string> seen;
  for (int guard = 0; guard < 10; ++guard) {
    auto rows = f.store->AuditLog(page).value();
    for (const auto& r : Actions(rows)) seen.push_back(r);
    if (static_cast<int>(rows.size()) < page.limit) break;
    page.has_before = true;
    page.before_at = rows.back().at;
    page.before_source = rows.back().source;
    page.before_id = rows.back().id;
  }
  CHECK(seen.size() == 14);  // 5 logins, 5 calls, 4 finishes
  CHECK(seen == Actions(f.store->AuditLog(AuditQuery{}).value()));
  CHECK(seen.front() == "petugas1 ticket.called A005");
  CHECK(seen.back() == "admin login 0");
}
