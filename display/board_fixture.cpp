#include "board_fixture.h"

namespace antre {

namespace {

Service MakeService(const char* id, const char* prefix, const char* name_id, const char* name_en) {
  Service s;
  s.id = id;
  s.prefix = prefix;
  s.name = {name_id, name_en};
  return s;
}

}  // namespace

BoardSnapshot DemoBoardSnapshot(UnixMs now, int counters) {
  BoardSnapshot b;
  b.site = "serang";
  b.site_name = "Disdukcapil Kota Serang";
  b.tz = {"Asia/Jakarta", 420};
  const Service services[] = {
      MakeService("rekam", "A", "Perekaman e-KTP", "e-KTP Recording"),
      MakeService("cetak", "B", "Pencetakan e-KTP", "e-KTP Printing"),
      MakeService("kk", "C", "Kartu Keluarga", "Family Card (KK)"),
      MakeService("akta", "D", "Akta Kelahiran/Kematian", "Birth/Death Certificate"),
      MakeService("ikd", "E", "Aktivasi IKD", "Digital ID (IKD) Activation"),
      MakeService("info", "F", "Informasi & Pengaduan", "Information & Complaints"),
  };
  const int waiting[] = {14, 6, 9, 3, 2, 0};
  for (int i = 0; i < 6; ++i) b.services.push_back({services[i], waiting[i], waiting[i] * 4});

  struct CounterRow {
    const char* id;
    std::vector<std::string> services;
    CounterState state;
    const char* current;
  };
  const CounterRow rows[] = {
      {"1", {"rekam"}, CounterState::kServing, "A011"},
      {"2", {"rekam"}, CounterState::kPaused, ""},
      {"3", {"cetak"}, CounterState::kServing, "B027"},
      {"4", {"kk", "akta"}, CounterState::kServing, "C105"},
      {"5", {"ikd", "info"}, CounterState::kIdle, ""},
      {"6", {"rekam", "cetak", "kk", "akta", "ikd", "info"}, CounterState::kServing, "A012"},
      // A bigger office: Loket 7 and up serve one service each; Loket 9 is on a break and
      // Loket 14 idle, so every kind of tile shows at every count.
      {"7", {"rekam"}, CounterState::kServing, "A008"},
      {"8", {"cetak"}, CounterState::kServing, "B025"},
      {"9", {"kk"}, CounterState::kPaused, ""},
      {"10", {"akta"}, CounterState::kServing, "D013"},
      {"11", {"ikd"}, CounterState::kServing, "E007"},
      {"12", {"info"}, CounterState::kServing, "F002"},
      {"13", {"rekam"}, CounterState::kServing, "A009"},
      {"14", {"cetak"}, CounterState::kIdle, ""},
      {"15", {"kk"}, CounterState::kServing, "C104"},
      {"16", {"rekam"}, CounterState::kServing, "A007"},
  };
  for (const CounterRow& row : rows) {
    if (static_cast<int>(b.counters.size()) >= counters) break;
    CounterStatus c;
    c.counter.id = row.id;
    c.counter.name = std::string("Loket ") + row.id;
    c.counter.services = row.services;
    c.state = row.state;
    if (row.current[0] != '\0') {
      Ticket t;
      t.number = row.current;
      t.status = TicketStatus::kCalled;
      t.counter = row.id;
      c.current = t;
    }
    b.counters.push_back(c);
  }

  struct CallRow {
    const char* number;
    const char* service;
    const char* counter;
    int seconds_ago;
    bool is_recall;
  };
  const CallRow calls[] = {
      {"A012", "rekam", "6", 5, false},   {"C105", "kk", "4", 70, false},
      {"B027", "cetak", "3", 130, false}, {"A011", "rekam", "1", 190, true},
      {"A011", "rekam", "1", 260, false}, {"E008", "ikd", "5", 330, false},
      {"D014", "akta", "4", 400, false},  {"A010", "rekam", "2", 520, false},
      {"B026", "cetak", "3", 600, false}, {"F003", "info", "5", 700, false},
  };
  int64_t id = 120;
  for (const CallRow& row : calls) {
    b.recent_calls.push_back({id, row.number, row.service, row.counter,
                              std::string("Loket ") + row.counter, now - row.seconds_ago * 1000LL,
                              row.is_recall});
    id -= 3;
  }
  b.stock_level = "available";
  b.last_event_id = 120;
  return b;
}

}  // namespace antre
