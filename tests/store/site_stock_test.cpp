// Store: counters closed and reopened online, and blank cards moved between sites.
#include <algorithm>

#include "core/event_types.h"
#include "group_commit.h"
#include "store_fixture.h"

namespace antre {
namespace {

bool Lists(const Result<std::vector<CounterStatus>>& counters, const std::string& id) {
  REQUIRE(counters.ok());
  const auto& v = counters.value();
  return std::any_of(v.begin(), v.end(), [&](const CounterStatus& c) { return c.counter.id == id; });
}

int Count(StoreFixture& f, const std::string& site) {
  auto n = f.store->StockCount(site);
  REQUIRE(n.ok());
  return n.value();
}

// Stock events published for `site` since `from` (an index into f.published).
int StockEvents(const StoreFixture& f, size_t from, const std::string& site) {
  return static_cast<int>(std::count_if(f.published.begin() + static_cast<std::ptrdiff_t>(from), f.published.end(),
                                        [&](const Event& e) { return e.site == site && e.type == event::kStockChanged; }));
}

}  // namespace

TEST_CASE("Store: a closed counter calls nothing and leaves the lists; reopened, it works again") {
  StoreFixture f;
  f.Issue("rekam");
  f.Act("1", CounterAction::kNext);
  // Serving a ticket, it cannot be closed: the ticket would be stranded.
  CHECK(f.store->UpdateCounter("serang", "1", std::nullopt, std::nullopt, "admin", false).error().code ==
        ErrorCode::kConflict);
  f.Act("1", CounterAction::kFinish);
  REQUIRE(f.store->OpenCounter("serang", "1", "petugas1").ok());
  auto closed = f.store->UpdateCounter("serang", "1", std::nullopt, std::nullopt, "admin", false);
  REQUIRE(closed.ok());
  CHECK_FALSE(closed.value().is_open);
  CHECK(f.store->CheckState().ok());

  f.Issue("rekam");
  CHECK(f.store->ActOnCounter("serang", "1", CounterAction::kNext, "", "petugas1", IdempotencyKey{}).error().code ==
        ErrorCode::kConflict);
  CHECK(f.store->OpenCounter("serang", "1", "petugas1").error.code == ErrorCode::kConflict);
  CHECK_FALSE(Lists(f.store->CounterStatuses("serang"), "1"));
  CHECK(Lists(f.store->CounterStatuses("serang", /*with_closed=*/true), "1"));
  auto board = f.store->Board("serang");
  REQUIRE(board.ok());
  CHECK(std::none_of(board.value().counters.begin(), board.value().counters.end(),
                     [](const CounterStatus& c) { return c.counter.id == "1"; }));
  // Its history stays: the earlier call and finish are still in the day's events.
  auto events = f.store->EventsAfter("serang", 0, 1000);
  REQUIRE(events.ok());
  CHECK(std::count_if(events.value().begin(), events.value().end(),
                      [](const Event& e) { return e.type == event::kTicketDone; }) == 1);
  // Counter 3 still serves rekam, so the wait is estimated from one counter, not two.
  auto services = f.store->ServiceStatuses("serang");
  REQUIRE(services.ok());
  CHECK(services.value()[0].counters_open == 1);

  // Closed survives a restart; closing freed the officer, so reopened it is nobody's.
  f.Reopen();
  CHECK_FALSE(Lists(f.store->CounterStatuses("serang"), "1"));
  REQUIRE(f.store->UpdateCounter("serang", "1", std::nullopt, std::nullopt, "admin", true).ok());
  CHECK(f.store->CounterHolder("serang", "1").value().empty());
  CHECK(Lists(f.store->CounterStatuses("serang"), "1"));
  CHECK(f.Act("1", CounterAction::kNext).ticket->ticket.number == "A002");
  CHECK(f.store->CheckState().ok());
}

TEST_CASE("Store: a transfer moves blank cards between two sites as two stock moves, once") {
  StoreFixture f;
  REQUIRE(f.store->CreateSite(SiteSpec{"mpp", "Mal Pelayanan Publik", "Asia/Jakarta", ""}, "admin").ok());
  REQUIRE(f.store->MoveStock("serang", 10, "received", "", "boss").ok());
  size_t before = f.published.size();

  auto moved = f.store->TransferStock("serang", "mpp", 4, "MPP kehabisan", "boss", IdempotencyKey{"t", "k1"});
  REQUIRE(moved.ok());
  CHECK(moved.value().from_count == 6);
  CHECK(moved.value().to_count == 4);
  CHECK(moved.value().transfer.kind == "transfer_out");
  CHECK(moved.value().transfer.other_site == "mpp");
  CHECK(Count(f, "serang") == 6);
  CHECK(Count(f, "mpp") == 4);
  CHECK(StockEvents(f, before, "serang") == 1);
  CHECK(StockEvents(f, before, "mpp") == 1);

  // The same key again: the first transfer's answer, nothing moved twice.
  auto again = f.store->TransferStock("serang", "mpp", 4, "MPP kehabisan", "boss", IdempotencyKey{"t", "k1"});
  REQUIRE(again.ok());
  CHECK(again.value().replayed);
  CHECK(again.value().transfer.id == moved.value().transfer.id);
  CHECK(Count(f, "serang") == 6);
  CHECK(Count(f, "mpp") == 4);

  // Never below zero, and nothing half-done: both ledgers stay as they were.
  CHECK(f.store->TransferStock("serang", "mpp", 7, "", "boss", IdempotencyKey{}).error().code == ErrorCode::kConflict);
  CHECK(Count(f, "serang") == 6);
  CHECK(Count(f, "mpp") == 4);
  CHECK(f.store->TransferStock("serang", "serang", 1, "", "boss", IdempotencyKey{}).error().code ==
        ErrorCode::kInvalidInput);
  CHECK(f.store->TransferStock("serang", "mpp", 0, "", "boss", IdempotencyKey{}).error().code ==
        ErrorCode::kInvalidInput);
  CHECK(f.store->TransferStock("serang", "nowhere", 1, "", "boss", IdempotencyKey{}).error().code ==
        ErrorCode::kNotFound);
  CHECK(f.store->TransferStock("nowhere", "mpp", 1, "", "boss", IdempotencyKey{}).error().code == ErrorCode::kNotFound);

  // Back the other way; each site lists its own side, newest first, naming the other site.
  REQUIRE(f.store->TransferStock("mpp", "serang", 1, "", "boss", IdempotencyKey{}).ok());
  auto serang = f.store->StockTransfers("serang", 50);
  REQUIRE(serang.ok());
  REQUIRE(serang.value().size() == 2);
  CHECK(serang.value()[0].kind == "transfer_in");
  CHECK(serang.value()[0].other_site == "mpp");
  CHECK(serang.value()[0].count == 1);
  CHECK(serang.value()[1].kind == "transfer_out");
  CHECK(serang.value()[1].count == 4);
  CHECK(serang.value()[1].reason == "MPP kehabisan");
  auto mpp = f.store->StockTransfers("mpp", 50);
  REQUIRE(mpp.ok());
  REQUIRE(mpp.value().size() == 2);
  CHECK(mpp.value()[1].kind == "transfer_in");
  CHECK(mpp.value()[1].other_site == "serang");
  CHECK(Count(f, "serang") == 7);
  CHECK(Count(f, "mpp") == 3);

  auto audit = f.store->AuditLog(AuditQuery{});
  REQUIRE(audit.ok());
  CHECK(std::count_if(audit.value().begin(), audit.value().end(),
                      [](const AuditEntry& a) { return a.action == "stock.transfer"; }) == 2);
  CHECK(f.store->CheckState().ok());
}

TEST_CASE("GroupCommit: a request of two sites hands both to before_batch, sorted, once each") {
  TestDatabase database;
  std::unique_ptr<Db> db = database.OpenRaw();
  REQUIRE(db);
  std::mutex mu;
  std::vector<std::vector<std::string>> locked;
  GroupCommitter::Hooks hooks;
  hooks.before_batch = [&](const std::vector<std::string>& sites) {
    locked.push_back(sites);
    return Status::Ok();
  };
  GroupCommitter writer(*db, mu, hooks);
  writer.Start();
  CHECK(writer.Run<Status>([] { return Status::Ok(); }, "serang", "mpp").ok());
  CHECK(writer.Run<Status>([] { return Status::Ok(); }, "mpp").ok());
  writer.Stop();
  REQUIRE(locked.size() == 2);
  CHECK(locked[0] == std::vector<std::string>{"mpp", "serang"});
  CHECK(locked[1] == std::vector<std::string>{"mpp"});
}

}  // namespace antre
