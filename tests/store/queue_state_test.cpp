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

TEST_CASE("Store: each site answers with its own time zone; an unknown site is not found") {
  StoreFixture f;
  REQUIRE(f.store->CreateSite(SiteSpec{"gowa", "Kantor Gowa", "Asia/Makassar", ""}, "admin").ok());
  CHECK(f.store->SiteZone("gowa").value().name == "Asia/Makassar");
  CHECK(f.store->SiteZone("gowa").value().offset_minutes == 480);
  CHECK(f.store->SiteZone("serang").value().offset_minutes == 420);
  CHECK(f.store->SiteZone("nowhere").error().code == ErrorCode::kNotFound);
}

TEST_CASE("Store: sites, services and counters created online join the state at once") {
  StoreFixture f;
  auto site = f.store->CreateSite(SiteSpec{"mpp", "Mal Pelayanan Publik", "Asia/Jakarta", "Jl. Veteran 1"}, "admin");
  REQUIRE(site.ok());
  CHECK(f.store->CheckState().ok());
  CHECK(f.store->CreateSite(SiteSpec{"mpp", "Lagi", "Asia/Jakarta", ""}, "admin").error().code == ErrorCode::kConflict);
  CHECK(f.store->CreateSite(SiteSpec{"x", "X", "Mars/Olympus", ""}, "admin").error().code == ErrorCode::kInvalidInput);

  Service ktp;
  ktp.id = "ktp";
  ktp.prefix = "K";
  ktp.name = {"e-KTP", ""};
  REQUIRE(f.store->CreateService("mpp", ktp, "admin").ok());
  Service same_prefix = ktp;
  same_prefix.id = "kia";
  CHECK(f.store->CreateService("mpp", same_prefix, "admin").error().code == ErrorCode::kConflict);
  // A prefix is unique within a site only: the demo office's "A" is free at the MPP.
  Service rekam = ktp;
  rekam.id = "rekam";
  rekam.prefix = "A";
  REQUIRE(f.store->CreateService("mpp", rekam, "admin").ok());
  REQUIRE(f.store->CreateCounter("mpp", Counter{"m1", "Loket MPP 1", {"ktp", "rekam"}}, "admin").ok());
  CHECK(f.store->CreateCounter("mpp", Counter{"m2", "Loket MPP 2", {"paspor"}}, "admin").error().code ==
        ErrorCode::kInvalidInput);
  CHECK(f.store->CheckState().ok());

  auto issued = f.store->IssueTicket("mpp", "ktp", Priority::kNone, IdempotencyKey{});
  REQUIRE(issued.ok());
  CHECK(issued.value().ticket.ticket.number == "K001");
  CHECK(f.store->CheckState().ok());
  auto called = f.store->ActOnCounter("mpp", "m1", CounterAction::kNext, "", "admin", IdempotencyKey{});
  REQUIRE(called.ok());
  REQUIRE(called.value().ticket);
  CHECK(called.value().ticket->ticket.number == "K001");
  CHECK(f.store->CheckState().ok());

  // Closed, a site issues nothing; its tickets stay. Reopened, it issues again.
  REQUIRE(f.store->UpdateSite("mpp", SiteEdit{std::nullopt, std::nullopt, false}, "admin").ok());
  CHECK(f.store->IssueTicket("mpp", "ktp", Priority::kNone, IdempotencyKey{}).error().code == ErrorCode::kServiceClosed);
  REQUIRE(f.store->UpdateSite("mpp", SiteEdit{std::string("MPP"), std::nullopt, true}, "admin").ok());
  CHECK(f.store->IssueTicket("mpp", "ktp", Priority::kNone, IdempotencyKey{}).ok());
  CHECK(f.store->CheckState().ok());

  f.Reopen();
  CHECK(f.store->CheckState().ok());
  auto sites = f.store->ListSites();
  REQUIRE(sites.ok());
  REQUIRE(sites.value().size() == 2);
  CHECK(sites.value()[0].id == "mpp");
  CHECK(sites.value()[0].name == "MPP");
  CHECK(sites.value()[0].address == "Jl. Veteran 1");
  CHECK(sites.value()[0].services.size() == 2);
  CHECK(sites.value()[0].services[0].name.en == "e-KTP");
}
