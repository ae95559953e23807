// Event sequences -> board state: calls, recalls, done, pause, waiting counts, filters, replays.
#include "display/board_state.h"

#include <doctest/doctest.h>

#include "display/board_fixture.h"

using namespace antre;

namespace {

constexpr UnixMs kNow = 1'795'000'000'000;  // 2026-11-17

std::string TicketData(const char* number, const char* service, const char* counter,
                       const char* at = "2026-11-17T10:00:00+07:00") {
  std::string c = counter ? std::string("\"") + counter + "\"" : "null";
  std::string name = counter ? std::string("\"Loket ") + counter + "\"" : "null";
  return std::string("{\"number\":\"") + number + "\",\"service\":\"" + service +
         "\",\"priority\":null,\"status\":\"called\",\"counter\":" + c +
         ",\"counter_name\":" + name + ",\"at\":\"" + at + "\"}";
}

std::string CounterData(const char* counter) {
  return std::string("{\"counter\":\"") + counter + "\",\"counter_name\":\"Loket " + counter +
         "\",\"at\":\"2026-11-17T10:00:00+07:00\"}";
}

const CounterTile& Tile(const BoardState& b, const std::string& id) {
  for (const auto& t : b.counters()) {
    if (t.id == id) return t;
  }
  FAIL("no tile " << id);
  return b.counters().front();
}

int Waiting(const BoardState& b, const std::string& service) {
  for (const auto& s : b.services()) {
    if (s.id == service) return s.waiting;
  }
  return -1;
}

}  // namespace

TEST_CASE("BoardState: a snapshot fills tiles, recent calls and waiting counts") {
  BoardState board;
  CHECK_FALSE(board.has_snapshot());
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  CHECK(board.has_snapshot());
  CHECK(board.site_name() == "Disdukcapil Kota Serang");
  CHECK(board.counters().size() == 6);
  CHECK(Tile(board, "1").current == "A011");
  CHECK(Tile(board, "2").is_paused);
  REQUIRE(board.newest_call() != nullptr);
  CHECK(board.newest_call()->number == "A012");
  CHECK(board.newest_call_arrived_at() == 0);  // no animation for what was already there
  CHECK(Waiting(board, "rekam") == 14);
  CHECK(board.last_event_id() == 120);
}

TEST_CASE("BoardState: a call becomes the newest call, fills the tile and leaves the queue") {
  BoardOptions options;
  options.max_recent_calls = 10;
  BoardState board(options);
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  uint64_t v = board.version();
  EventOutcome out =
      board.ApplyEvent(121, "ticket.called", TicketData("B028", "cetak", "3"), kNow + 5);
  CHECK(out.is_changed);
  REQUIRE(out.announce);
  CHECK(out.announce->number == "B028");
  CHECK(out.announce->counter == "3");
  CHECK(out.announce->event_id == 121);
  CHECK(board.version() > v);
  CHECK(board.newest_call()->number == "B028");
  CHECK(board.newest_call_arrived_at() == kNow + 5);
  CHECK(Tile(board, "3").current == "B028");
  CHECK(Waiting(board, "cetak") == 5);
  CHECK(board.recent_calls().size() == 10);  // still capped
}

TEST_CASE("BoardState: recall, done, no-show, pause and resume") {
  BoardState board;
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  SUBCASE("recall is announced again and listed as its own entry") {
    EventOutcome out =
        board.ApplyEvent(121, "ticket.recalled", TicketData("C105", "kk", "4"), kNow);
    REQUIRE(out.announce);
    CHECK(out.announce->is_recall);
    CHECK(board.newest_call()->number == "C105");
    CHECK(board.newest_call()->is_recall);
    CHECK(Waiting(board, "kk") == 9);  // a recall takes nobody out of the queue
  }
  SUBCASE("done and no-show clear the tile only for the ticket it holds") {
    board.ApplyEvent(121, "ticket.done", TicketData("A999", "rekam", "1"), kNow);
    CHECK(Tile(board, "1").current == "A011");
    CHECK_FALSE(
        board.ApplyEvent(122, "ticket.done", TicketData("A011", "rekam", "1"), kNow).announce);
    CHECK(Tile(board, "1").current.empty());
    board.ApplyEvent(123, "ticket.no_show", TicketData("B027", "cetak", "3"), kNow);
    CHECK(Tile(board, "3").current.empty());
  }
  SUBCASE("pause shows Istirahat, resume ends it") {
    CHECK(board.ApplyEvent(121, "counter.paused", CounterData("1"), kNow).is_changed);
    CHECK(Tile(board, "1").is_paused);
    CHECK(Tile(board, "1").current == "A011");  // a paused counter keeps its ticket
    board.ApplyEvent(122, "counter.resumed", CounterData("2"), kNow);
    CHECK_FALSE(Tile(board, "2").is_paused);
  }
}

TEST_CASE("BoardState: issued, transferred and expired move waiting counts") {
  BoardState board;
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  board.ApplyEvent(121, "ticket.issued", TicketData("F004", "info", nullptr), kNow);
  CHECK(Waiting(board, "info") == 1);
  std::string transfer =
      R"({"number":"C105","service":"akta","priority":null,"status":"waiting","counter":null,)"
      R"("counter_name":null,"from_service":"kk","from_counter":"4","at":"2026-11-17T10:00:00+07:00"})";
  board.ApplyEvent(122, "ticket.transferred", transfer, kNow);
  CHECK(Tile(board, "4").current.empty());
  CHECK(Waiting(board, "akta") == 4);
  CHECK(board.recent_calls()[1].service == "akta");  // C105's earlier call shows its new service
  board.ApplyEvent(123, "ticket.expired", TicketData("F004", "info", nullptr), kNow);
  CHECK(Waiting(board, "info") == 0);
  board.ApplyEvent(124, "ticket.expired", TicketData("F001", "info", nullptr), kNow);
  CHECK(Waiting(board, "info") == 0);  // never below zero
}

TEST_CASE("BoardState: replayed ids are ignored; unknown types and bad data change nothing") {
  BoardState board;
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  CHECK(board.ApplyEvent(121, "ticket.called", TicketData("A013", "rekam", "1"), kNow).announce);
  EventOutcome again =
      board.ApplyEvent(121, "ticket.called", TicketData("A013", "rekam", "1"), kNow);
  CHECK(again.is_duplicate);
  CHECK_FALSE(again.announce);
  CHECK(
      board.ApplyEvent(100, "ticket.called", TicketData("A001", "rekam", "1"), kNow).is_duplicate);
  CHECK(Waiting(board, "rekam") == 13);
  uint64_t v = board.version();
  CHECK_FALSE(board.ApplyEvent(122, "site.renamed", "{}", kNow).is_changed);
  CHECK_FALSE(board.ApplyEvent(123, "ticket.called", "not json", kNow).is_changed);
  CHECK(board.version() == v);
}

TEST_CASE("BoardState: a late snapshot keeps events that arrived after it was taken") {
  BoardState board;
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  board.ApplyEvent(121, "ticket.called", TicketData("A013", "rekam", "1"), kNow);
  board.ApplyEvent(122, "ticket.called", TicketData("B028", "cetak", "3"), kNow);
  BoardSnapshot at_121 = DemoBoardSnapshot(kNow);  // the server's view just after event 121
  at_121.last_event_id = 121;
  at_121.counters[0].current->number = "A013";
  at_121.recent_calls.insert(at_121.recent_calls.begin(),
                             {121, "A013", "rekam", "1", "Loket 1", kNow, false});
  board.ApplySnapshot(at_121, kNow);
  CHECK(board.last_event_id() == 122);
  CHECK(board.newest_call()->number == "B028");
  CHECK(Tile(board, "1").current == "A013");
  CHECK(Tile(board, "3").current == "B028");
}

TEST_CASE("BoardState: events already inside a newer snapshot are still worth announcing") {
  BoardState board;
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  BoardSnapshot newer = DemoBoardSnapshot(kNow);
  newer.last_event_id = 125;
  newer.recent_calls.insert(newer.recent_calls.begin(),
                            {124, "A013", "rekam", "1", "Loket 1", kNow, false});
  board.ApplySnapshot(newer, kNow);
  EventOutcome out = board.ApplyEvent(124, "ticket.called", TicketData("A013", "rekam", "1"), kNow);
  CHECK_FALSE(out.is_changed);  // the snapshot already had it
  REQUIRE(out.announce);
  CHECK(out.announce->number == "A013");
  CHECK(board.recent_calls().front().number == "A013");
  CHECK(board.recent_calls()[1].number == "A012");  // not listed twice
}

TEST_CASE("BoardState: --counters shows only that zone's tiles, calls, services and voice") {
  BoardOptions options;
  options.counters = {"1", "2"};
  BoardState board(options);
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  CHECK(board.counters().size() == 2);
  REQUIRE(board.services().size() == 1);
  CHECK(board.services()[0].id == "rekam");
  for (const CallRecord& call : board.recent_calls())
    CHECK((call.counter == "1" || call.counter == "2"));
  CHECK(board.newest_call()->number == "A011");
  EventOutcome other =
      board.ApplyEvent(121, "ticket.called", TicketData("A013", "rekam", "6"), kNow);
  CHECK_FALSE(other.announce);
  CHECK(Waiting(board, "rekam") == 13);  // but the shared queue did shrink
  CHECK(board.ApplyEvent(122, "ticket.called", TicketData("A014", "rekam", "2"), kNow).announce);
}

TEST_CASE("BoardState: the reconnecting mark appears only after a few seconds without link") {
  BoardState board;
  board.SetLinkLive(false, kNow);
  CHECK_FALSE(board.ShowsReconnecting(kNow + 2999));
  CHECK(board.ms_until_reconnect_mark(kNow + 1000) == 2000);
  CHECK(board.ShowsReconnecting(kNow + 3000));
  uint64_t v = board.version();
  board.SetLinkLive(true, kNow + 4000);
  CHECK_FALSE(board.ShowsReconnecting(kNow + 4000));
  CHECK(board.version() > v);
  CHECK(board.ms_until_reconnect_mark(kNow + 4000) == -1);
}

TEST_CASE("BoardState: ticker holds the standing message and server announcements") {
  BoardState board;
  REQUIRE(board.ticker().size() == 1);
  CHECK(board.ticker()[0].text.id == "Layanan administrasi kependudukan GRATIS");
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  board.ApplyEvent(
      121, "announcement.published",
      R"({"id":"n1","text":{"id":"Blangko e-KTP tersedia","en":"e-KTP blanks available"}})", kNow);
  board.ApplyEvent(122, "announcement.published", R"({"id":"n2","text":"Istirahat 12.00-13.00"})",
                   kNow);
  REQUIRE(board.ticker().size() == 3);
  CHECK(board.ticker()[1].text.en == "e-KTP blanks available");
  CHECK(board.ticker()[2].text.en == "Istirahat 12.00-13.00");
  board.ApplyEvent(123, "announcement.removed", R"({"id":"n1"})", kNow);
  REQUIRE(board.ticker().size() == 2);
  CHECK(board.ticker()[1].key == "n2");
}

TEST_CASE("BoardState: a snapshot read while calls happened keeps the tiles of those calls") {
  // The server reads counters, then (separately) the newest event id: a call committed in
  // between is counted in last_event_id but missing from the counter it went to.
  BoardState board;
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  SUBCASE("the call arrived before the snapshot") {
    board.ApplyEvent(121, "ticket.called", TicketData("A013", "rekam", "5"), kNow);
    BoardSnapshot torn = DemoBoardSnapshot(kNow);  // counter 5 still idle, but id 121 counted
    torn.last_event_id = 121;
    board.ApplySnapshot(torn, kNow, /*concurrent_after_id=*/120);
    CHECK(Tile(board, "5").current == "A013");
  }
  SUBCASE("the call and its finish arrive after the snapshot") {
    BoardSnapshot torn = DemoBoardSnapshot(kNow);
    torn.last_event_id = 123;
    board.ApplySnapshot(torn, kNow, 120);
    board.ApplyEvent(121, "ticket.called", TicketData("A013", "rekam", "5"), kNow);
    CHECK(Tile(board, "5").current == "A013");
    board.ApplyEvent(122, "ticket.done", TicketData("A013", "rekam", "5"), kNow);
    board.ApplyEvent(123, "counter.paused", CounterData("5"), kNow);
    CHECK(Tile(board, "5").current.empty());
    CHECK(Tile(board, "5").is_paused);
    CHECK(Waiting(board, "rekam") == 14);  // counts are the snapshot's: not taken twice
  }
  SUBCASE("events from before the snapshot was asked for are trusted to be in it") {
    board.ApplyEvent(121, "ticket.called", TicketData("A013", "rekam", "5"), kNow);
    board.ApplyEvent(122, "ticket.done", TicketData("A013", "rekam", "5"), kNow);
    BoardSnapshot later = DemoBoardSnapshot(kNow);
    later.last_event_id = 122;
    board.ApplySnapshot(later, kNow, 122);
    CHECK(Tile(board, "5").current.empty());
  }
}

TEST_CASE("BoardState: stock.changed moves the blank-card level without a re-read") {
  BoardState board;
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  CHECK(board.card_stock() == CardStock::kAvailable);
  const uint64_t before = board.version();
  EventOutcome low = board.ApplyEvent(121, "stock.changed", R"({"level":"low"})", kNow);
  CHECK(low.is_changed);
  CHECK_FALSE(low.announce.has_value());
  CHECK(board.card_stock() == CardStock::kLow);
  CHECK(board.version() > before);
  board.ApplyEvent(122, "stock.changed", R"({"level":"empty"})", kNow);
  CHECK(board.card_stock() == CardStock::kEmpty);

  SUBCASE("same level, unknown level, bad data and replays change nothing") {
    const uint64_t v = board.version();
    CHECK_FALSE(board.ApplyEvent(123, "stock.changed", R"({"level":"empty"})", kNow).is_changed);
    CHECK_FALSE(board.ApplyEvent(124, "stock.changed", R"({"level":"sideways"})", kNow).is_changed);
    CHECK_FALSE(board.ApplyEvent(125, "stock.changed", R"({})", kNow).is_changed);
    CHECK_FALSE(board.ApplyEvent(126, "stock.changed", "not json", kNow).is_changed);
    CHECK(board.ApplyEvent(121, "stock.changed", R"({"level":"low"})", kNow).is_duplicate);
    CHECK(board.card_stock() == CardStock::kEmpty);
    CHECK(board.version() == v);
  }
  SUBCASE("cards arrive") {
    CHECK(board.ApplyEvent(123, "stock.changed", R"({"level":"available"})", kNow).is_changed);
    CHECK(board.card_stock() == CardStock::kAvailable);
  }
}

TEST_CASE("BoardState: no print service, no stock shown, whatever the events say") {
  BoardSnapshot snapshot = DemoBoardSnapshot(kNow);
  snapshot.stock_level = "";
  BoardState board;
  board.ApplySnapshot(snapshot, kNow);
  CHECK(board.card_stock() == CardStock::kNone);
  CHECK_FALSE(board.ApplyEvent(121, "stock.changed", R"({"level":"empty"})", kNow).is_changed);
  CHECK(board.card_stock() == CardStock::kNone);
}

TEST_CASE("BoardState: a stock change that arrived before an older snapshot survives it") {
  BoardState board;
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow);
  board.ApplyEvent(125, "stock.changed", R"({"level":"empty"})", kNow);
  // A re-read taken at event 120 (still "available") lands after event 125.
  board.ApplySnapshot(DemoBoardSnapshot(kNow), kNow, 125);
  CHECK(board.card_stock() == CardStock::kEmpty);
  CHECK(board.last_event_id() == 125);
}
