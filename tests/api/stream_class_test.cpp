// Event streams in two classes: device streams (a valid token) and public ones, each capped
// on its own, public ones also per client address; places come back when a stream ends.
#include <doctest/doctest.h>

#include "api_fixture.h"

using namespace antre;

namespace {

constexpr const char* kDisplayToken = "display-token-for-tests";
constexpr const char* kEvents = "/api/v1/sites/serang/events";

using Headers = std::vector<std::pair<std::string, std::string>>;

Headers BearerOf(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// The fixture's kiosk plus a display of the same site, and a staff session of petugas1.
struct StreamFixture : ApiFixture {
  std::string staff_token = "staff-token-for-tests";

  StreamFixture() {
    REQUIRE(f.store
                ->SyncDevices({DeviceConfig{"k1", "serang", Sha256Hex(kKioskToken), Role::kKiosk},
                               DeviceConfig{"d1", "serang", Sha256Hex(kDisplayToken), Role::kDisplay}})
                .ok());
    UserRecord u = f.store->FindUser("petugas1").value();
    REQUIRE(f.store->CreateSession(Sha256Hex(staff_token), u, f.clock.NowMs() + 60000).ok());
  }

  // GET the stream as if from `address` (the connection's peer), with extra headers.
  HttpResponse Open(const std::string& address, Headers headers = {}, const std::string& site = "serang") {
    HttpRequest req;
    req.method = "GET";
    req.path = "/api/v1/sites/" + site + "/events";
    req.headers = std::move(headers);
    req.remote_addr = address;
    HttpResponse res;
    Dispatch(ctx, req, res);
    return res;
  }
};

}  // namespace

TEST_CASE("Streams: a valid display, kiosk or staff token opens a device stream") {
  StreamFixture a;
  for (const std::string& token : {std::string(kDisplayToken), std::string(kKioskToken), a.staff_token}) {
    CAPTURE(token);
    HttpResponse res = a.Call("GET", kEvents, "", BearerOf(token));
    REQUIRE(res.stream);
    CHECK(res.status == 200);
    CHECK(a.hub.streams().device_streams() == 1);
    CHECK(a.hub.streams().public_streams() == 0);
  }
  HttpResponse anonymous = a.Call("GET", kEvents);
  REQUIRE(anonymous.stream);
  CHECK(a.hub.streams().public_streams() == 1);
  CHECK(a.hub.streams().device_streams() == 0);
}

TEST_CASE("Streams: a bad or expired token is refused with 401, never counted as public") {
  StreamFixture a;
  const Headers kBad[] = {BearerOf("not-a-token"), {{"Authorization", "Basic dXNlcjpwdw=="}}, BearerOf("")};
  for (const Headers& h : kBad) {
    CAPTURE(h[0].second);
    HttpResponse res = a.Call("GET", kEvents, "", h);
    CHECK(res.status == 401);
    CHECK_FALSE(res.stream);
    CHECK(Field(res.body, "code") == "unauthorized");
  }
  a.f.clock.Advance(60001);  // the staff session expires
  HttpResponse expired = a.Call("GET", kEvents, "", BearerOf(a.staff_token));
  CHECK(expired.status == 401);
  CHECK(a.hub.open_streams() == 0);
}

TEST_CASE("Streams: a kiosk or display follows only its own site; staff any site") {
  StreamFixture a;
  for (const char* token : {kKioskToken, kDisplayToken}) {
    CAPTURE(token);
    HttpResponse res = a.Open("10.0.0.5", BearerOf(token), "cilegon");
    CHECK(res.status == 403);
    CHECK(Field(res.body, "code") == "forbidden");
    CHECK_FALSE(res.stream);
  }
  CHECK(a.hub.open_streams() == 0);
  // Staff pass the class check for any site; the unknown site itself is the store's answer.
  CHECK(a.Open("10.0.0.5", BearerOf(a.staff_token), "cilegon").status != 403);
}

TEST_CASE("Streams: the public cap refuses with 503 and Retry-After while devices still get in") {
  StreamFixture a;
  a.ctx.limits.max_streams = 2;
  a.ctx.limits.max_device_streams = 1;
  HttpResponse p1 = a.Open("10.0.0.1"), p2 = a.Open("10.0.0.2");
  REQUIRE(p1.stream);
  REQUIRE(p2.stream);
  HttpResponse p3 = a.Open("10.0.0.3");
  CHECK(p3.status == 503);
  CHECK_FALSE(p3.stream);
  CHECK(Field(p3.body, "code") == "unavailable");
  CHECK(Field(p3.body, "message").find("publik") != std::string::npos);  // Indonesian by default
  CHECK(p3.Header("Retry-After") == "5");
  HttpResponse display = a.Open("10.0.0.3", BearerOf(kDisplayToken));
  REQUIRE(display.stream);
  CHECK(display.status == 200);
  // The device cap is its own: full now, and still no public place opens for it.
  HttpResponse kiosk = a.Open("10.0.0.4", BearerOf(kKioskToken));
  CHECK(kiosk.status == 503);
  CHECK(kiosk.Header("Retry-After") == "5");
  CHECK(a.hub.streams().device_streams() == 1);
  CHECK(a.hub.streams().public_streams() == 2);
}

TEST_CASE("Streams: the per-address cap refuses that address only") {
  StreamFixture a;
  a.ctx.limits.max_streams_per_address = 2;
  std::vector<HttpResponse> open;
  for (int i = 0; i < 2; ++i) open.push_back(a.Open("10.0.0.1"));
  for (const auto& r : open) REQUIRE(r.stream);
  HttpResponse third = a.Open("10.0.0.1");
  CHECK(third.status == 503);
  CHECK(Field(third.body, "message").find("alamat ini") != std::string::npos);
  CHECK(third.Header("Retry-After") == "5");
  CHECK(a.Open("10.0.0.2").stream);
  // Tokens are not counted against the address: a display behind the same NAT still connects.
  CHECK(a.Open("10.0.0.1", BearerOf(kDisplayToken)).stream);
  CHECK(a.hub.streams().streams_of("10.0.0.1") == 2);
}

TEST_CASE("Streams: behind a trusted proxy the forwarded address is the one capped") {
  StreamFixture a;
  a.ctx.limits.max_streams_per_address = 1;
  a.ctx.limits.trusted_proxies = {"127.0.0.1"};
  HttpResponse first = a.Open("127.0.0.1", {{"X-Forwarded-For", "203.0.113.7"}});
  REQUIRE(first.stream);
  CHECK(a.Open("127.0.0.1", {{"X-Forwarded-For", "198.51.100.1, 203.0.113.7"}}).status == 503);
  CHECK(a.Open("127.0.0.1", {{"X-Forwarded-For", "203.0.113.8"}}).stream);
  // From an untrusted peer the header is ignored: the peer itself is counted.
  HttpResponse direct = a.Open("10.9.9.9", {{"X-Forwarded-For", "203.0.113.7"}});
  REQUIRE(direct.stream);
  CHECK(a.hub.streams().streams_of("10.9.9.9") == 1);
  CHECK(a.hub.streams().streams_of("203.0.113.7") == 1);
}

TEST_CASE("Streams: places come back exactly once when the source is destroyed") {
  StreamFixture a;
  a.ctx.limits.max_streams = 1;
  a.ctx.limits.max_streams_per_address = 1;
  a.ctx.limits.max_device_streams = 1;
  HttpResponse pub = a.Open("10.0.0.1");
  HttpResponse dev = a.Open("10.0.0.1", BearerOf(kDisplayToken));
  REQUIRE(pub.stream);
  REQUIRE(dev.stream);
  CHECK(a.hub.open_streams() == 2);
  CHECK(a.Open("10.0.0.2").status == 503);
  std::shared_ptr<StreamSource> copy = pub.stream;  // the transport may hold another owner
  pub.stream.reset();
  CHECK(a.hub.streams().public_streams() == 1);
  copy.reset();
  dev.stream.reset();
  CHECK(a.hub.open_streams() == 0);
  CHECK(a.hub.streams().streams_of("10.0.0.1") == 0);
  HttpResponse again = a.Open("10.0.0.1");
  CHECK(again.stream);
  CHECK(a.Open("10.0.0.1", BearerOf(kDisplayToken)).stream);
  // HEAD opens and closes at once: nothing stays counted.
  HttpRequest head;
  head.method = "HEAD";
  head.path = kEvents;
  head.remote_addr = "10.0.0.3";
  HttpResponse res;
  a.ctx.limits.max_streams = 2;
  Dispatch(a.ctx, head, res);
  CHECK(res.status == 200);
  CHECK(a.hub.streams().public_streams() == 1);
}

TEST_CASE("StreamGate: a moved slot releases once; a released slot does nothing more") {
  StreamGate gate;
  StreamCaps caps{1, 1, 1};
  auto slot = gate.TryOpen(StreamKind::kPublic, "a", caps);
  REQUIRE(slot.ok());
  StreamSlot moved = std::move(slot.value());
  CHECK_FALSE(slot.value().is_held());
  CHECK(gate.public_streams() == 1);
  moved.Release();
  moved.Release();
  CHECK(gate.public_streams() == 0);
  CHECK(gate.streams_of("a") == 0);
  auto again = gate.TryOpen(StreamKind::kPublic, "a", caps);
  CHECK(again.ok());
  CHECK_FALSE(gate.TryOpen(StreamKind::kPublic, "b", caps).ok());
  CHECK(gate.TryOpen(StreamKind::kDevice, "", caps).ok());  // released at once: not kept
  CHECK(gate.device_streams() == 0);
}
