#include "store_fixture.h"

namespace antre {

Config SmallOffice() {
  Config c;
  Site s;
  s.id = "serang";
  s.name = "Kantor";
  s.tz = ParseTimeZone("Asia/Jakarta").value();
  s.services = {Service{"rekam", "A", {"Perekaman", "Recording"}, true, 10},
                Service{"kk", "C", {"Kartu Keluarga", "Family card"}, true, 10},
                Service{"info", "F", {"Informasi", "Information"}, false, 5}};
  s.counters = {Counter{"1", "Loket 1", {"rekam"}}, Counter{"2", "Loket 2", {"kk"}},
                Counter{"3", "Loket 3", {"rekam", "kk"}}};
  c.sites.push_back(s);
  c.users.push_back(UserConfig{"petugas1", Role::kOfficer, "pbkdf2-sha256$1$00$00", {}});
  return c;
}

void StoreFixture::Reopen() {
  store.reset();
  auto opened = Store::Open(database.location(), clock, [this] { return "t" + std::to_string(++next_id); });
  REQUIRE_MESSAGE(opened.ok(), opened.error().message);
  store = std::move(opened.value());
  Status seeded = store->SeedIfEmpty(SmallOffice());
  REQUIRE_MESSAGE(seeded.ok(), seeded.error.message);
  store->SetEventListener([this](const std::vector<Event>& e) { published.insert(published.end(), e.begin(), e.end()); });
}

TicketView StoreFixture::Issue(const std::string& service, Priority priority, const std::string& key) {
  auto r = store->IssueTicket("serang", service, priority, IdempotencyKey{"kiosk", key});
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  return r.value().ticket;
}

ActionOutcome StoreFixture::Act(const std::string& counter, CounterAction action, const std::string& arg) {
  auto r = store->ActOnCounter("serang", counter, action, arg, "petugas1", IdempotencyKey{});
  REQUIRE_MESSAGE(r.ok(), r.error().message);
  return r.value();
}

}  // namespace antre
