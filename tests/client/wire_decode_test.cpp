#include "codec/wire_decode.h"

#include <doctest/doctest.h>

#include "codec/domain_json.h"

using namespace antre;

namespace {

// 2026-11-28T11:41:05+07:00; whole seconds, as the wire carries.
constexpr UnixMs kIssued = 1795840865000;

TimeZone Wib() { return ParseTimeZone("Asia/Jakarta").value(); }

Ticket WaitingTicket() {
  Ticket t;
  t.id = "tk_abc123";
  t.number = "A007";
  t.service = "rekam";
  t.priority = Priority::kLansia;
  t.issued_at = kIssued;
  return t;
}

ServiceStatus Rekam(int waiting) {
  ServiceStatus s;
  s.service.id = "rekam";
  s.service.prefix = "A";
  s.service.name = {"Perekaman e-KTP", "e-KTP recording"};
  s.service.default_service_minutes = 5;
  s.waiting = waiting;
  s.ewt_minutes = waiting * 5;
  return s;
}

}  // namespace

TEST_CASE("DecodeTicket: a waiting ticket round-trips through EncodeTicket") {
  TicketView v{WaitingTicket(), 3, 15, ""};
  auto got = DecodeTicket(PrintJson(EncodeTicket(v, Wib()).get()));
  REQUIRE(got.ok());
  const Ticket& t = got.value().ticket;
  CHECK(t.id == "tk_abc123");
  CHECK(t.number == "A007");
  CHECK(t.service == "rekam");
  CHECK(t.priority == Priority::kLansia);
  CHECK(t.status == TicketStatus::kWaiting);
  CHECK(t.issued_at == kIssued);
  CHECK(t.day == "2026-11-28");
  CHECK_FALSE(t.counter.has_value());
  CHECK(got.value().position == 3);
  CHECK(got.value().ewt_minutes == 15);
}

TEST_CASE("DecodeTicket: a called ticket carries its counter and call time") {
  Ticket t = WaitingTicket();
  t.priority = Priority::kNone;
  t.status = TicketStatus::kCalled;
  t.counter = "2";
  t.called_at = kIssued + 600000;
  auto got = DecodeTicket(PrintJson(EncodeTicket({t, 0, 0, "Loket 2"}, Wib()).get()));
  REQUIRE(got.ok());
  CHECK(got.value().ticket.priority == Priority::kNone);
  CHECK(got.value().ticket.status == TicketStatus::kCalled);
  CHECK(got.value().ticket.counter.value_or("") == "2");
  CHECK(got.value().ticket.called_at == kIssued + 600000);
  CHECK(got.value().counter_name == "Loket 2");
  CHECK(got.value().position == 0);
}

TEST_CASE("DecodeTicket: malformed bodies give InvalidInput") {
  const char* bad[] = {
      "not json",
      "[]",
      R"({"number":"A1","service":"s","status":"waiting","issued_at":"2026-11-28T09:41:05+07:00"})",
      R"({"id":"x","number":"A1","service":"s","status":"flying","issued_at":"2026-11-28T09:41:05+07:00"})",
      R"({"id":"x","number":"A1","service":"s","status":"waiting","issued_at":"yesterday"})",
      R"({"id":"x","number":"A1","service":"s","status":"waiting","priority":"vip","issued_at":"2026-11-28T09:41:05Z"})",
      R"({"id":7,"number":"A1","service":"s","status":"waiting","issued_at":"2026-11-28T09:41:05Z"})",
  };
  for (const char* body : bad) {
    CAPTURE(body);
    auto got = DecodeTicket(std::string(body));
    CHECK_FALSE(got.ok());
    CHECK(got.error().code == ErrorCode::kInvalidInput);
  }
}

TEST_CASE("DecodeServiceStatuses: a list round-trips and a bad element is named") {
  JsonPtr list(cJSON_CreateArray());
  cJSON_AddItemToArray(list.get(), EncodeServiceStatus(Rekam(4), TimeZone{"Asia/Jakarta", 420}).release());
  ServiceStatus closed = Rekam(0);
  closed.service.id = "kk";
  closed.service.prefix = "B";
  closed.service.is_open = false;
  cJSON_AddItemToArray(list.get(), EncodeServiceStatus(closed, TimeZone{"Asia/Jakarta", 420}).release());
  auto got = DecodeServiceStatuses(PrintJson(list.get()));
  REQUIRE(got.ok());
  REQUIRE(got.value().size() == 2);
  CHECK(got.value()[0].service.name.id == "Perekaman e-KTP");
  CHECK(got.value()[0].service.name.en == "e-KTP recording");
  CHECK(got.value()[0].waiting == 4);
  CHECK(got.value()[0].ewt_minutes == 20);
  CHECK_FALSE(got.value()[1].service.is_open);

  auto bad = DecodeServiceStatuses(
      R"([{"id":"a","prefix":"A","name":{"id":"x"},"open":true,"waiting":0,"ewt_minutes":0},{"id":"b"}])");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("services[1]") != std::string::npos);
}

TEST_CASE("DecodeServiceStatuses: hours, next opening and quota round-trip; an older server means open") {
  ServiceStatus s = Rekam(2);
  s.service.hours.is_set = true;
  s.service.hours.days[1] = {{480, 900}};
  s.service.hours.days[5] = {{480, 690}, {780, 900}};
  s.service.daily_quota = 150;
  s.is_open_now = false;
  s.next_open = ParseIso("2026-11-30T08:00:00+07:00").value();
  s.remaining = 0;
  JsonPtr list(cJSON_CreateArray());
  cJSON_AddItemToArray(list.get(), EncodeServiceStatus(s, Wib()).release());
  auto got = DecodeServiceStatuses(PrintJson(list.get()));
  REQUIRE(got.ok());
  const ServiceStatus& g = got.value()[0];
  CHECK(g.service.hours == s.service.hours);
  CHECK(g.service.daily_quota == 150);
  CHECK_FALSE(g.is_open_now);
  CHECK(g.next_open == s.next_open);
  CHECK(g.remaining == 0);

  auto old = DecodeServiceStatuses(
      R"([{"id":"a","prefix":"A","name":{"id":"x"},"open":true,"waiting":0,"ewt_minutes":0},)"
      R"({"id":"b","prefix":"B","name":{"id":"y"},"open":false,"waiting":0,"ewt_minutes":0}])");
  REQUIRE(old.ok());
  CHECK(old.value()[0].is_open_now);
  CHECK_FALSE(old.value()[0].service.hours.is_set);
  CHECK_FALSE(old.value()[0].remaining.has_value());
  CHECK_FALSE(old.value()[1].is_open_now);
  auto bad = DecodeServiceStatuses(
      R"([{"id":"a","prefix":"A","name":{"id":"x"},"open":true,"waiting":0,"ewt_minutes":0,"hours":{"mon":"all day"}}])");
  CHECK_FALSE(bad.ok());
}

TEST_CASE("DecodeBoard: the snapshot round-trips through EncodeBoard") {
  BoardSnapshot b;
  b.site = "serang";
  b.site_name = "Disdukcapil Kota Serang";
  b.tz = Wib();
  CounterStatus busy;
  busy.counter = {"1", "Loket 1", {"rekam", "kk"}};
  busy.state = CounterState::kServing;
  Ticket called = WaitingTicket();
  called.status = TicketStatus::kCalled;
  called.counter = "1";
  called.called_at = kIssued + 60000;
  busy.current = called;
  CounterStatus paused;
  paused.counter = {"2", "Loket 2", {"kk"}};
  paused.state = CounterState::kPaused;
  b.counters = {busy, paused};
  b.recent_calls = {{41, "A007", "rekam", "1", "Loket 1", kIssued + 60000, true}};
  b.services = {Rekam(2)};
  b.stock_level = "low";
  b.last_event_id = 42;

  auto got = DecodeBoard(PrintJson(EncodeBoard(b).get()));
  REQUIRE(got.ok());
  const BoardSnapshot& d = got.value();
  CHECK(d.site == "serang");
  CHECK(d.site_name == "Disdukcapil Kota Serang");
  CHECK(d.tz.offset_minutes == 420);
  REQUIRE(d.counters.size() == 2);
  CHECK(d.counters[0].state == CounterState::kServing);
  CHECK(d.counters[0].counter.services == std::vector<std::string>{"rekam", "kk"});
  REQUIRE(d.counters[0].current.has_value());
  CHECK(d.counters[0].current->number == "A007");
  CHECK(d.counters[0].current->counter.value_or("") == "1");
  CHECK(d.counters[1].state == CounterState::kPaused);
  CHECK_FALSE(d.counters[1].current.has_value());
  REQUIRE(d.recent_calls.size() == 1);
  CHECK(d.recent_calls[0].event_id == 41);
  CHECK(d.recent_calls[0].at == kIssued + 60000);
  CHECK(d.recent_calls[0].is_recall);
  CHECK(d.recent_calls[0].counter_name == "Loket 1");
  REQUIRE(d.services.size() == 1);
  CHECK(d.services[0].waiting == 2);
  CHECK(d.stock_level == "low");
  CHECK(d.last_event_id == 42);
}

TEST_CASE("DecodeBoard: the stock is absent without a print service and checked when present") {
  BoardSnapshot b;
  b.site = "s";
  b.site_name = "S";
  b.tz = Wib();
  const std::string json = PrintJson(EncodeBoard(b).get());
  CHECK(json.find("stock") == std::string::npos);
  auto got = DecodeBoard(json);
  REQUIRE(got.ok());
  CHECK(got.value().stock_level.empty());

  const std::string head = R"({"site":"s","site_name":"S","time_zone":"UTC","last_event_id":0,)"
                           R"("counters":[],"recent_calls":[],"services":[],)";
  auto empty = DecodeBoard(head + R"("stock":{"level":"empty"}})");
  REQUIRE(empty.ok());
  CHECK(empty.value().stock_level == "empty");
  for (const char* bad : {R"("stock":"empty"})", R"("stock":{}})", R"("stock":{"level":3}})"}) {
    CAPTURE(bad);
    auto refused = DecodeBoard(head + bad);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("board.stock") != std::string::npos);
  }
}

TEST_CASE("DecodeBoard: a bad counter is reported with its path") {
  auto got = DecodeBoard(R"({"site":"s","site_name":"S","time_zone":"UTC","last_event_id":0,
      "counters":[{"id":"1","name":"L1","services":[],"state":"dancing","ticket":null}],
      "recent_calls":[],"services":[]})");
  REQUIRE_FALSE(got.ok());
  CHECK(got.error().message.find("board.counters[0]") != std::string::npos);
  CHECK_FALSE(
      DecodeBoard(R"({"site":"s","site_name":"S","time_zone":"Mars/Olympus","last_event_id":0,
      "counters":[],"recent_calls":[],"services":[]})")
          .ok());
}

TEST_CASE("DecodeApiError: known codes map back, unknown ones fall back") {
  Error e = DecodeApiError(EncodeError("not_found", "no ticket tk_1"), ErrorCode::kInvalidInput);
  CHECK(e.code == ErrorCode::kNotFound);
  CHECK(e.message == "no ticket tk_1");
  CHECK(DecodeApiError(EncodeError("rate_limited", "slow down"), ErrorCode::kInvalidInput).code ==
        ErrorCode::kRateLimited);

  Error unknown = DecodeApiError(EncodeError("teapot", "short and stout"), ErrorCode::kConflict);
  CHECK(unknown.code == ErrorCode::kConflict);
  CHECK(unknown.message.find("teapot") != std::string::npos);

  Error garbage = DecodeApiError("<html>502</html>", ErrorCode::kUnavailable);
  CHECK(garbage.code == ErrorCode::kUnavailable);
  CHECK(garbage.message.find("<html>") != std::string::npos);
}

TEST_CASE("ParseErrorCode: every code's wire name parses back to it") {
  for (int i = 1;; ++i) {
    auto code = static_cast<ErrorCode>(i);
    std::string name = ErrorCodeName(code);
    if (name == "unknown") break;
    ErrorCode parsed = ErrorCode::kNone;
    CAPTURE(name);
    CHECK(ParseErrorCode(name, &parsed));
    CHECK(parsed == code);
  }
  ErrorCode untouched = ErrorCode::kNone;
  CHECK_FALSE(ParseErrorCode("none", &untouched));
  CHECK_FALSE(ParseErrorCode("bogus", &untouched));
}
