// Event streams through the transport: bytes pushed from another thread, heartbeats, the end
// of a stream, and a client that goes away.
#include <memory>

#include "http_test_support.h"

using namespace antre;

namespace {

// Serves "/events" from a TestSource the test can reach through `current`.
struct StreamFixture {
  explicit StreamFixture(std::chrono::milliseconds heartbeat, TransportSettings s = TestSettings())
      : server(s, [this, heartbeat](const HttpRequest&, HttpResponse& res) {
          auto source = std::make_shared<TestSource>(probe, heartbeat);
          {
            std::lock_guard<std::mutex> lock(mu);
            current = source;
          }
          res.content_type = "text/event-stream";
          res.SetHeader("X-Stream", "1");
          res.stream = source;
        }) {}

  std::shared_ptr<TestSource> Source() {
    auto start = TestClock::now();
    while (MsSince(start) < 2000) {
      {
        std::lock_guard<std::mutex> lock(mu);
        if (auto s = current.lock()) return s;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return nullptr;
  }

  std::shared_ptr<TestSource::Probe> probe = std::make_shared<TestSource::Probe>();
  std::mutex mu;
  std::weak_ptr<TestSource> current;
  TestServer server;
};

}  // namespace

TEST_CASE("Stream: bytes pushed from another thread arrive at once; the end closes the body") {
  StreamFixture f(std::chrono::milliseconds(10000));
  RawConn c(f.server.port());
  REQUIRE(c.Send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string head = c.ReadUntil("\r\n\r\n");
  CHECK(head.find("HTTP/1.1 200 OK\r\n") == 0);
  CHECK(head.find("Content-Type: text/event-stream\r\n") != std::string::npos);
  CHECK(head.find("Cache-Control: no-store\r\n") != std::string::npos);
  CHECK(head.find("X-Accel-Buffering: no\r\n") != std::string::npos);
  CHECK(head.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
  CHECK(head.find("X-Stream: 1\r\n") != std::string::npos);
  auto source = f.Source();
  REQUIRE(static_cast<bool>(source));
  TestClock::time_point pushed;
  std::thread pusher([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pushed = TestClock::now();
    source->Push("data: hello\n\n");
  });
  std::string got = c.ReadUntil("data: hello\n\n", 2000);
  pusher.join();
  CHECK(got.find("d\r\ndata: hello\n\n\r\n") != std::string::npos);  // one chunk of 13 bytes
  CHECK(MsSince(pushed) < 100);
  CHECK(f.probe->on_readies >= 1);
  source->End();
  source.reset();
  CHECK(c.WaitClosed(1000));
  std::string all = c.received();
  CHECK(all.substr(all.size() - 5) == "0\r\n\r\n");
  auto start = TestClock::now();
  while (!f.probe->is_destroyed && MsSince(start) < 1000) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(f.probe->is_destroyed);
}

TEST_CASE("Stream: an idle stream gets a heartbeat comment") {
  StreamFixture f(std::chrono::milliseconds(100));
  RawConn c(f.server.port());
  REQUIRE(c.Send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto start = TestClock::now();
  std::string got = c.ReadUntil(": ping\n\n", 2000);
  CHECK(got.find("8\r\n: ping\n\n\r\n") != std::string::npos);
  CHECK(MsSince(start) < 1000);
  // Each heartbeat drops the pending wait first.
  CHECK(f.probe->cancel_waits >= 1);
  auto source = f.Source();
  REQUIRE(static_cast<bool>(source));
  source->Push("data: after\n\n");
  CHECK(c.ReadUntil("data: after").find("data: after") != std::string::npos);
}

TEST_CASE("Stream: a client that goes away is dropped without waiting for a heartbeat") {
  StreamFixture f(std::chrono::milliseconds(10000));
  {
    RawConn c(f.server.port());
    REQUIRE(c.Send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n"));
    REQUIRE(c.ReadUntil("\r\n\r\n").find("HTTP/1.1 200") == 0);
    REQUIRE(static_cast<bool>(f.Source()));
    CHECK(f.server.transport().open_connections() == 1);
  }
  auto start = TestClock::now();
  while ((!f.probe->is_destroyed || f.server.transport().open_connections() > 0) && MsSince(start) < 2000) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(MsSince(start) < 1000);
  CHECK(f.probe->cancel_waits >= 1);
  CHECK(f.probe->is_destroyed);
  CHECK(f.server.transport().open_connections() == 0);
}

TEST_CASE("Stream: an HTTP/1.0 client gets the raw body, ended by the close") {
  StreamFixture f(std::chrono::milliseconds(10000));
  RawConn c(f.server.port());
  REQUIRE(c.Send("GET /events HTTP/1.0\r\n\r\n"));
  std::string head = c.ReadUntil("\r\n\r\n");
  CHECK(head.find("HTTP/1.0 200 OK\r\n") == 0);
  CHECK(head.find("Transfer-Encoding") == std::string::npos);
  auto source = f.Source();
  REQUIRE(static_cast<bool>(source));
  source->Push("data: one\n\n");
  source->End();
  source.reset();
  CHECK(c.WaitClosed(1000));
  std::string all = c.received();
  CHECK(all.substr(all.size() - 11) == "data: one\n\n");
}
