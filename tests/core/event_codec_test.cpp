// Every event family's encoder and decoder agree, and the wire shape stays what clients read.
#include <doctest/doctest.h>

#include "codec/event_codec.h"

using namespace antre;

namespace {

TimeZone Wib() {
  TimeZone tz;
  tz.name = "Asia/Jakarta";
  tz.offset_minutes = 7 * 60;
  return tz;
}

}  // namespace

TEST_CASE("EventCodec: a ticket event round-trips, transfers carry where the ticket came from") {
  Ticket t;
  t.number = "A012";
  t.service = "cetak";
  t.priority = Priority::kLansia;
  t.status = TicketStatus::kCalled;
  t.counter = "3";
  TicketEventData d = TicketEventOf(t, "Loket 3", 1764468000000);
  d.from_service = "rekam";
  d.from_counter = "2";
  std::string json = EncodeTicketEvent(d, Wib());
  CHECK(json.find("\"number\":\"A012\",\"service\":\"cetak\",\"priority\":\"lansia\",\"status\":\"called\"") == 1);
  auto back = DecodeEventData(json);
  REQUIRE(back.ok());
  const TicketEventData& r = back.value().ticket;
  CHECK(r.number == "A012");
  CHECK(r.service == "cetak");
  CHECK(r.priority == Priority::kLansia);
  CHECK(r.status == "called");
  CHECK(r.counter == "3");
  CHECK(r.counter_name == "Loket 3");
  CHECK(r.from_service == "rekam");
  CHECK(r.from_counter == "2");
  CHECK(r.at == 1764468000000);
}

TEST_CASE("EventCodec: a ticket no counter holds says null, and names no origin") {
  Ticket t;
  t.number = "C001";
  t.service = "kk";
  std::string json = EncodeTicketEvent(TicketEventOf(t, "", 0), Wib());
  CHECK(json.find("\"counter\":null,\"counter_name\":null") != std::string::npos);
  CHECK(json.find("from_service") == std::string::npos);
  auto back = DecodeEventData(json);
  REQUIRE(back.ok());
  CHECK(back.value().ticket.counter.empty());
  CHECK(back.value().ticket.priority == Priority::kNone);
}

TEST_CASE("EventCodec: counter, announcement, stock, print and quota events round-trip") {
  auto counter = DecodeEventData(EncodeCounterEvent(CounterEventData{"4", "Loket \"4\"", 1764468000000}, Wib()));
  REQUIRE(counter.ok());
  CHECK(counter.value().ticket.counter == "4");
  CHECK(counter.value().ticket.counter_name == "Loket \"4\"");  // quoted properly, never glued
  CHECK(counter.value().ticket.at == 1764468000000);

  CHECK(EncodeAnnouncementRemoved(17) == "{\"id\":\"17\"}");
  CHECK(DecodeEventData(EncodeAnnouncementRemoved(17)).value().id == "17");
  CHECK(DecodeEventData(EncodeStockLevel("low")).value().level == "low");

  auto backlog = DecodeEventData(EncodePrintEvent(PrintEventData{"E003", "cetak"}));
  CHECK(backlog.value().ticket.number == "E003");
  CHECK(backlog.value().ticket.service == "cetak");
  CHECK(EncodePrintEvent(PrintEventData{"E003", ""}) == "{\"number\":\"E003\"}");

  CHECK(EncodeQuotaReached(QuotaEventData{"rekam", 5}) == "{\"service\":\"rekam\",\"daily_quota\":5}");
  CHECK(DecodeEventData(EncodeQuotaReached(QuotaEventData{"rekam", 5})).value().daily_quota == 5);
}

TEST_CASE("EventCodec: data that is not a JSON object is refused") {
  CHECK_FALSE(DecodeEventData("[1,2]").ok());
  CHECK_FALSE(DecodeEventData("{\"number\":").ok());
  CHECK(DecodeEventData("{}").ok());
}
