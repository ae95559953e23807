// Today's queues are kept in memory by the writer; this holds them to the database: after
// every one of thousands of random operations, the incremental queues equal a fresh rebuild.
#include <random>
#include <set>

#include "core/event_types.h"

#include "store_fixture.h"

using namespace antre;

TEST_CASE("Store: in-memory queues equal a rebuild after thousands of random operations") {
  StoreFixture f;
  std::mt19937 rng(20261204);
  const char* services[] = {"rekam", "kk"};
  const Priority priorities[] = {Priority::kNone, Priority::kNone, Priority::kLansia};
  const char* counters[] = {"1", "2", "3"};
  std::vector<std::string> issued;
  int ops = 0, failed = 0;
  for (int step = 0; step < 2000; ++step) {
    f.clock.Advance(1000 + static_cast<UnixMs>(rng() % 60000));
    int op = static_cast<int>(rng() % 20);
    const char* counter = counters[rng() % 3];
    bool ok = true;
    if (op < 7) {
      auto r = f.store->IssueTicket("serang", services[rng() % 2], priorities[rng() % 3],
                                    IdempotencyKey{"k", rng() % 8 == 0 && !issued.empty() ? "same" : ""});
      ok = r.ok();
      if (ok) issued.push_back(r.value().ticket.ticket.id);
    } else if (op < 16) {
      static const CounterAction kActions[] = {CounterAction::kNext,   CounterAction::kNext,   CounterAction::kRecall,
                                               CounterAction::kNoShow, CounterAction::kFinish, CounterAction::kTransfer,
                                               CounterAction::kCall,   CounterAction::kPause,  CounterAction::kResume};
      CounterAction action = kActions[op - 7];
      std::string arg;
      if (action == CounterAction::kTransfer) arg = services[rng() % 2];
      if (action == CounterAction::kCall) arg = (rng() % 2 ? "A" : "C") + std::string("00") + std::to_string(rng() % 9 + 1);
      ok = f.store->ActOnCounter("serang", counter, action, arg, "petugas1", IdempotencyKey{}).ok();
    } else if (op < 18 && !issued.empty()) {
      const std::string& id = issued[rng() % issued.size()];
      ok = op == 16 ? f.store->CancelTicket("serang", id, "test", "supervisor").ok()
                    : f.store->MoveTicket("serang", id, services[rng() % 2], "supervisor").ok();
    } else if (op == 18 && rng() % 10 == 0) {
      f.clock.Advance(24 * 3600 * 1000);  // a new day: what waits expires
      ok = f.store->RollOverIfNewDay().ok();
    }
    ++ops;
    failed += ok ? 0 : 1;  // refusals (nothing to recall, not waiting ...) must leave no trace either
    Status same = f.store->CheckState();
    REQUIRE_MESSAGE(same.ok(), "after step ", step, ": ", same.error.message);
  }
  // Both kinds happened: changes that commit and refusals that roll back.
  CHECK(failed > 100);
  CHECK(ops - failed > 1000);
  // Every event the store wrote is one of the catalogue's, and they cover the queue's changes.
  std::set<std::string> types;
  for (const Event& e : f.published) types.insert(e.type);
  for (const std::string& t : types) CHECK_MESSAGE(event::IsKnown(t), t);
  CHECK(types.count(event::kTicketTransferred) == 1);
  CHECK(types.count(event::kTicketExpired) == 1);
  // And the queues survive a restart equal.
  f.Reopen();
  CHECK(f.store->CheckState().ok());
}

TEST_CASE("Store: a ticket's place in line comes from the in-memory queue and follows every change") {
  StoreFixture f;
  TicketView a = f.Issue("rekam");
  TicketView b = f.Issue("rekam");
  TicketView p = f.Issue("rekam", Priority::kLansia);
  CHECK(f.store->GetTicket(p.ticket.id).value().position == 1);
  CHECK(f.store->GetTicket(a.ticket.id).value().position == 2);
  CHECK(f.store->GetTicket(b.ticket.id).value().position == 3);
  f.Act("1", CounterAction::kNext);  // calls the priority ticket
  CHECK(f.store->GetTicket(a.ticket.id).value().position == 1);
  REQUIRE(f.store->CancelTicket("serang", a.ticket.id, "left", "supervisor").ok());
  CHECK(f.store->GetTicket(b.ticket.id).value().position == 1);
  CHECK(f.store->GetTicket(a.ticket.id).value().position == 0);
  CHECK(f.store->ServiceStatuses("serang").value()[0].waiting == 1);
}
