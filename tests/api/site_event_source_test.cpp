// The event stream as a StreamSource: hello, events from the hub's ring or the store, wakes.
#include <doctest/doctest.h>

#include <atomic>

#include "api_fixture.h"
#include "core/event_types.h"

using namespace antre;

namespace {

const char* kHello = "retry: 2000\n: connected\n\n";

std::string Issue(ApiFixture& a, const std::string& service = "rekam") {
  HttpResponse res =
      a.Call("POST", "/api/v1/sites/serang/tickets", "{\"service\":\"" + service + "\"}",
             {{"Authorization", std::string("Bearer ") + kKioskToken}});
  REQUIRE(res.status == 201);
  return Field(res.body, "id");
}

// Reads once; fails the test if the stream ended.
std::string ReadOnce(StreamSource& s) {
  std::string out;
  CHECK(s.Read(&out));
  return out;
}

}  // namespace

TEST_CASE(
    "SiteEventSource: hello first, then an issued ticket's event, and OnReady fires on publish") {
  ApiFixture a;
  HttpResponse res = a.Call("GET", "/api/v1/sites/serang/events");
  REQUIRE(res.stream);
  CHECK(res.status == 200);
  CHECK(res.content_type == "text/event-stream");
  CHECK(a.hub.open_streams() == 1);
  StreamSource& s = *res.stream;
  CHECK(ReadOnce(s) == kHello);
  CHECK(ReadOnce(s).empty());
  std::atomic<int> wakes{0};
  s.OnReady([&] { ++wakes; });
  CHECK(wakes == 0);
  Issue(a);
  CHECK(wakes == 1);
  std::string events = ReadOnce(s);
  CHECK(events.rfind("id: ", 0) == 0);
  CHECK(events.find("event: ticket.issued\ndata: ") != std::string::npos);
  CHECK(events.find("\"A001\"") != std::string::npos);
  CHECK(ReadOnce(s).empty());  // the cursor moved past it
  res.stream.reset();
  CHECK(a.hub.open_streams() == 0);
}

TEST_CASE("SiteEventSource: a cancelled wait is not woken") {
  ApiFixture a;
  HttpResponse res = a.Call("GET", "/api/v1/sites/serang/events");
  REQUIRE(res.stream);
  std::string hello = ReadOnce(*res.stream);
  std::atomic<int> wakes{0};
  res.stream->OnReady([&] { ++wakes; });
  res.stream->CancelWait();
  Issue(a);
  CHECK(wakes == 0);
  CHECK(ReadOnce(*res.stream).find("ticket.issued") != std::string::npos);
}

TEST_CASE(
    "SiteEventSource: ?ticket= keeps that ticket's events and its queue's, from the ring and from the store") {
  for (bool from_store : {false, true}) {
    CAPTURE(from_store);
    ApiFixture a;
    // Tickets issued before the hub was seeded are older than its ring: the store has them.
    if (from_store) a.f.store->SetEventListener(nullptr);
    std::string mine = Issue(a);  // A001, rekam
    Issue(a);                     // A002, rekam: the same queue, so it moves my place
    Issue(a, "kk");               // C001: another queue
    if (from_store) {
      a.hub.Seed("serang", a.f.store->LastEventId("serang").value());
      a.f.store->SetEventListener([&a](const std::vector<Event>& e) { a.hub.Publish(e); });
    }
    HttpResponse all = a.Call("GET", "/api/v1/sites/serang/events?last_event_id=0");
    HttpResponse one = a.Call("GET", "/api/v1/sites/serang/events?last_event_id=0&ticket=" + mine);
    REQUIRE(all.stream);
    REQUIRE(one.stream);
    CHECK(ReadOnce(*all.stream) == kHello);
    CHECK(ReadOnce(*one.stream) == kHello);
    std::string every = ReadOnce(*all.stream), only = ReadOnce(*one.stream);
    CHECK(every.find("\"A001\"") != std::string::npos);
    CHECK(every.find("\"C001\"") != std::string::npos);
    CHECK(only.find("\"A001\"") != std::string::npos);
    CHECK(only.find("\"A002\"") != std::string::npos);
    CHECK(only.find("\"C001\"") == std::string::npos);
  }
}

TEST_CASE("SiteEventSource: a transfer out of my queue reaches me; other kinds of event do not") {
  StreamFilter filter{"t-mine", "rekam"};
  Event called{1, "serang", event::kTicketCalled, "{\"number\":\"A002\",\"service\":\"rekam\"}", 0, "t-other"};
  Event moved_out{2, "serang", event::kTicketTransferred,
                  "{\"number\":\"A003\",\"service\":\"kk\",\"from_service\":\"rekam\"}", 0, "t-3"};
  Event elsewhere{3, "serang", event::kTicketCalled, "{\"number\":\"C001\",\"service\":\"kk\"}", 0, "t-4"};
  Event stock{4, "serang", event::kStockChanged, "{\"service\":\"rekam\"}", 0, ""};
  CHECK(filter.Matches(called.ticket, QueuesOf(called)));
  CHECK(filter.Matches(moved_out.ticket, QueuesOf(moved_out)));
  CHECK_FALSE(filter.Matches(elsewhere.ticket, QueuesOf(elsewhere)));
  CHECK_FALSE(filter.Matches(stock.ticket, QueuesOf(stock)));
  CHECK(filter.Matches("t-mine", ""));
  CHECK(StreamFilter{}.Matches("anything", ""));
}

TEST_CASE("SiteEventSource: ?ticket= of an unknown ticket is a 404") {
  ApiFixture a;
  HttpResponse res = a.Call("GET", "/api/v1/sites/serang/events?ticket=nosuchticket");
  CHECK(res.status == 404);
  CHECK_FALSE(res.stream);
}

TEST_CASE("SiteEventSource: a stopped hub ends the stream") {
  ApiFixture a;
  HttpResponse res = a.Call("GET", "/api/v1/sites/serang/events");
  REQUIRE(res.stream);
  ReadOnce(*res.stream);
  std::atomic<int> wakes{0};
  res.stream->OnReady([&] { ++wakes; });
  a.hub.Stop();
  CHECK(wakes == 1);
  std::string out;
  CHECK_FALSE(res.stream->Read(&out));
}

TEST_CASE(
    "SiteEventSource: bad resume ids and ticket filters are refused, and streams are capped") {
  ApiFixture a;
  const char* kBad[] = {"?last_event_id=abc", "?last_event_id=-1", "?last_event_id=1x",
                        "?ticket=",           "?ticket=a%20b",     "?ticket=a/b"};
  for (const char* query : kBad) {
    CAPTURE(query);
    HttpResponse res = a.Call("GET", std::string("/api/v1/sites/serang/events") + query);
    CHECK(res.status == 400);
    CHECK_FALSE(res.stream);
  }
  HttpResponse header = a.Call("GET", "/api/v1/sites/serang/events", "", {{"Last-Event-ID", "x"}});
  CHECK(header.status == 400);
  CHECK(a.hub.open_streams() == 0);
  a.ctx.limits.max_streams = 1;
  HttpResponse first = a.Call("GET", "/api/v1/sites/serang/events");
  HttpResponse second = a.Call("GET", "/api/v1/sites/serang/events");
  CHECK(first.stream);
  CHECK(second.status == 503);
  CHECK_FALSE(second.stream);
  // HEAD opens no stream.
  first.stream.reset();
  HttpResponse head = a.Call("HEAD", "/api/v1/sites/serang/events");
  CHECK(head.status == 200);
  CHECK_FALSE(head.stream);
  CHECK(a.hub.open_streams() == 0);
}
