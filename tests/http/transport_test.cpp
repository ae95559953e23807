// The transport's plain HTTP behaviour with toy handlers: keep-alive, bodies, HEAD, HTTP/1.0,
// the errors it answers itself, the log line, binding.
#include <fcntl.h>
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "../support/temp_dir.h"
#include "core/config.h"
#include "http/request_target.h"
#include "http_test_support.h"

using namespace antre;

namespace {

// "/echo": says what it saw. "/throw": throws. "/slow": sleeps 300 ms.
void EchoHandler(const HttpRequest& req, HttpResponse& res) {
  if (req.path == "/throw") throw std::runtime_error("boom");
  if (req.path == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(300));
  res.SetContent(req.method + " " + req.path + " q=" + req.Query("q") + " h=" + req.Header("x-test") +
                     " from=" + req.remote_addr + " body=" + req.body,
                 "text/plain");
  res.SetHeader("X-Handled", "yes");
}

int CountOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("Transport: two GETs on one kept-alive connection, with path and query decoded") {
  TestServer server(TestSettings(), EchoHandler);
  RawConn c(server.port());
  REQUIRE(c.is_connected());
  REQUIRE(c.Send("GET /echo%20me?q=a%2Bb+c&other=1 HTTP/1.1\r\nHost: x\r\nX-Test: one\r\n\r\n"));
  std::string first = c.ReadUntil("body=");
  CHECK(first.find("HTTP/1.1 200 OK") == 0);
  CHECK(first.find("GET /echo me q=a+b c h=one from=127.0.0.1 body=") != std::string::npos);
  CHECK(first.find("X-Handled: yes") != std::string::npos);
  CHECK(first.find("Content-Type: text/plain") != std::string::npos);
  REQUIRE(c.Send("GET /echo?q=2 HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string both = c.ReadUntil("q=2 ");
  CHECK(CountOf(both, "HTTP/1.1 200 OK") == 2);
  CHECK_FALSE(c.is_closed());
  CHECK(server.transport().open_connections() == 1);
}

TEST_CASE("Transport: a POST body reaches the handler and comes back") {
  TestServer server(TestSettings(), EchoHandler);
  httplib::Client cli("127.0.0.1", server.port());
  auto res = cli.Post("/echo", std::string(5000, 'b'), "application/octet-stream");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->body == "POST /echo q= h= from=127.0.0.1 body=" + std::string(5000, 'b'));
}

TEST_CASE("Transport: a body over max_body_bytes gets 413 JSON, and the handler never runs") {
  TransportSettings s = TestSettings();
  s.limits.max_body_bytes = 1024;
  std::atomic<int> calls{0};
  TestServer server(s, [&](const HttpRequest& req, HttpResponse& res) {
    ++calls;
    EchoHandler(req, res);
  });
  httplib::Client cli("127.0.0.1", server.port());
  auto big = cli.Post("/echo", std::string(100 * 1024, 'x'), "text/plain");
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(big->body == "{\"error\":{\"code\":\"too_large\",\"message\":\"the request body is too large\"}}");
  CHECK(big->get_header_value("Content-Type") == "application/json; charset=utf-8");
  SUBCASE("chunked, so only noticed while reading") {
    RawConn c(server.port());
    REQUIRE(c.Send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" +
                   std::string(0x800, 'y') + "\r\n"));
    CHECK(c.ReadUntil("}}").find("HTTP/1.1 413") == 0);
    CHECK(c.WaitClosed(2000));
  }
  auto fits = cli.Post("/echo", std::string(1024, 'x'), "text/plain");
  REQUIRE(fits);
  CHECK(fits->status == 200);
  CHECK(calls == 1);
}

TEST_CASE("Transport: errors it answers itself: 431, 400, 500, and 503 when handlers are full") {
  TransportSettings s = TestSettings();
  s.limits.max_head_bytes = 2048;
  s.limits.handler_threads = 1;
  s.limits.max_queued_requests = 0;
  std::atomic<bool> is_slow_running{false};
  TestServer server(s, [&](const HttpRequest& req, HttpResponse& res) {
    if (req.path == "/slow") is_slow_running = true;
    EchoHandler(req, res);
  });
  {
    RawConn c(server.port());
    REQUIRE(c.Send("GET /echo HTTP/1.1\r\nX-Big: " + std::string(4096, 'h') + "\r\n\r\n"));
    std::string got = c.ReadUntil("}}");
    CHECK(got.find("HTTP/1.1 431") == 0);
    CHECK(got.find("\"code\":\"too_large\"") != std::string::npos);
  }
  {
    RawConn c(server.port());
    REQUIRE(c.Send("NOT HTTP AT ALL\r\n\r\n"));
    CHECK(c.ReadUntil("}}").find("HTTP/1.1 400") == 0);
    CHECK(c.WaitClosed(2000));
  }
  httplib::Client cli("127.0.0.1", server.port());
  auto thrown = cli.Get("/throw");
  REQUIRE(thrown);
  CHECK(thrown->status == 500);
  CHECK(thrown->body.find("\"code\":\"internal\"") != std::string::npos);
  // One handler thread, no queue: while /slow runs, another request is refused.
  std::thread slow([&] {
    httplib::Client c2("127.0.0.1", server.port());
    auto r = c2.Get("/slow");
    CHECK((r && r->status == 200));
  });
  auto start = TestClock::now();
  while (!is_slow_running && MsSince(start) < 2000) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  auto busy = cli.Get("/echo");
  slow.join();
  REQUIRE(busy);
  CHECK(busy->status == 503);
  CHECK(busy->body.find("\"code\":\"unavailable\"") != std::string::npos);
  auto again = cli.Get("/echo");
  REQUIRE(again);
  CHECK(again->status == 200);
}

TEST_CASE("Transport: HEAD has the length but no body; HTTP/1.0 gets 1.0 and a close") {
  TestServer server(TestSettings(), EchoHandler);
  RawConn c(server.port());
  REQUIRE(c.Send("HEAD /echo HTTP/1.1\r\nHost: x\r\n\r\nGET /echo?q=after HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string got = c.ReadUntil("q=after");
  size_t second = got.find("HTTP/1.1 200", 1);
  REQUIRE(second != std::string::npos);
  std::string head = got.substr(0, second);
  std::string length = std::to_string(std::string("HEAD /echo q= h= from=127.0.0.1 body=").size());
  CHECK(head.find("Content-Length: " + length + "\r\n") != std::string::npos);
  CHECK(head.size() == head.find("\r\n\r\n") + 4);  // nothing after the head
  RawConn old(server.port());
  REQUIRE(old.Send("GET /echo HTTP/1.0\r\n\r\n"));
  CHECK(old.WaitClosed(2000));
  CHECK(old.received().find("HTTP/1.0 200 OK") == 0);
  CHECK(old.received().find("body=") != std::string::npos);
}

TEST_CASE("Transport: one log line per request, with the path but never the query") {
  TempDir dir;
  std::string log_path = dir.File("stderr.txt");
  int saved = dup(2);
  int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  {
    TestServer server(TestSettings(), EchoHandler);
    std::fflush(stderr);
    dup2(fd, 2);
    httplib::Client cli("127.0.0.1", server.port());
    auto res = cli.Get("/echo?nik=3201234567890123", {{"Authorization", "Bearer secret-token"}});
    CHECK(res);
  }  // the line is written after the answer: Stop (which waits for it) before looking
  std::fflush(stderr);
  dup2(saved, 2);
  close(fd);
  close(saved);
  std::ifstream in(log_path);
  std::stringstream text;
  text << in.rdbuf();
  std::string log = text.str();
  CHECK(log.rfind("http GET /echo 200 ", 0) == 0);
  CHECK(log.find("ms\n") != std::string::npos);
  CHECK(log.find("3201234567890123") == std::string::npos);
  CHECK(log.find("secret-token") == std::string::npos);
}

TEST_CASE("Transport: a fast handler answers later from another thread; the io thread builds the answer") {
  std::mutex mu;
  std::vector<std::thread> repliers;
  std::thread::id replied_on, built_on;
  FastHandler fast = [&](const HttpRequest& req, Reply reply) {
    if (req.path != "/later" && req.path != "/later-throw") return false;  // to the pool
    const bool throws = req.path == "/later-throw";
    std::lock_guard<std::mutex> lock(mu);
    repliers.emplace_back([&, throws, reply] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (!throws) {
        std::lock_guard<std::mutex> inner(mu);
        replied_on = std::this_thread::get_id();
      }
      reply([&, throws] {
        if (throws) throw std::runtime_error("cannot build");
        std::lock_guard<std::mutex> inner(mu);
        built_on = std::this_thread::get_id();
        HttpResponse res;
        res.SetContent("built later", "text/plain");
        return res;
      });
    });
    return true;
  };
  {
    TestServer server(TestSettings(), EchoHandler, fast);
    httplib::Client cli("127.0.0.1", server.port());
    auto later = cli.Get("/later");
    REQUIRE(later);
    CHECK(later->status == 200);
    CHECK(later->body == "built later");
    auto broken = cli.Get("/later-throw");
    REQUIRE(broken);
    CHECK(broken->status == 500);
    CHECK(broken->get_header_value("Content-Type").find("application/json") == 0);
    CHECK(broken->body.find("\"error\"") != std::string::npos);
    auto pooled = cli.Get("/echo");  // the fast handler left it: the pool's handler answers
    REQUIRE(pooled);
    CHECK(pooled->body.find("GET /echo") == 0);
  }
  for (auto& t : repliers) t.join();
  CHECK(repliers.size() == 2);
  CHECK(built_on != std::thread::id());
  CHECK(built_on != replied_on);
  CHECK(built_on != std::this_thread::get_id());
}

TEST_CASE("Transport: a busy port is an error, not a second listener") {
  TestServer server(TestSettings(), EchoHandler);
  TransportSettings s = TestSettings();
  s.port = server.port();
  Transport second(s, EchoHandler);
  auto bound = second.Bind();
  REQUIRE_FALSE(bound.ok());
  CHECK(bound.error().message.find("cannot listen on 127.0.0.1:" + std::to_string(server.port())) == 0);
  s.bind = "not-an-address";
  s.port = 0;
  Transport third(s, EchoHandler);
  CHECK_FALSE(third.Bind().ok());
}

TEST_CASE("Transport: Stop() before Run() makes Run() return at once") {
  Transport t(TestSettings(), EchoHandler);
  REQUIRE(t.Bind().ok());
  t.Stop();
  auto start = TestClock::now();
  CHECK(t.Run());
  CHECK(MsSince(start) < 200);
  CHECK_FALSE(t.IsRunning());
}

TEST_CASE("RequestTarget: paths and queries decode; X-Forwarded-For gives its last hop") {
  struct Row {
    std::string target, path, query_a;
  };
  const Row rows[] = {
      {"/a/b", "/a/b", ""},
      {"/a%2Fb%20c+d?a=1+2%3D", "/a/b c+d", "1 2="},
      {"/x?b=2&a=&a=3", "/x", ""},
      {"/bad%zz%4?a=%", "/bad%zz%4", "%"},
      {"http://host:8080/p?a=9", "/p", "9"},
      {"http://host?a=8", "/", "8"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.target);
    std::string path;
    std::multimap<std::string, std::string> query;
    REQUIRE(SplitTarget(row.target, &path, &query));
    CHECK(path == row.path);
    auto a = query.find("a");
    CHECK((a == query.end() ? std::string() : a->second) == row.query_a);
  }
  std::string path;
  std::multimap<std::string, std::string> query;
  CHECK_FALSE(SplitTarget("*", &path, &query));
  CHECK_FALSE(SplitTarget("", &path, &query));
  REQUIRE(SplitTarget("/x?b=2&a=&a=3", &path, &query));
  CHECK(query.count("a") == 2);
  CHECK(LastForwardedHop("203.0.113.5") == "203.0.113.5");
  CHECK(LastForwardedHop("1.1.1.1, 203.0.113.5 ") == "203.0.113.5");
  CHECK(LastForwardedHop(" , ") == "");
}

TEST_CASE("TransportLimitsFrom: the office's limits become the transport's") {
  Limits l;
  l.head_timeout_ms = 1234;
  l.min_body_bytes_per_second = 999;
  l.max_head_bytes = 4096;
  l.max_body_bytes = 2048;
  l.keep_alive_seconds = 7;
  l.max_connections = 50;
  l.max_connections_per_address = 5;
  l.max_queued_requests = 3;
  l.worker_threads = 9;
  l.trusted_proxies = {"10.0.0.1"};
  TransportLimits t = TransportLimitsFrom(l);
  CHECK(t.head_timeout_ms == 1234);
  CHECK(t.min_body_bytes_per_second == 999);
  CHECK(t.max_head_bytes == 4096);
  CHECK(t.max_body_bytes == 2048);
  CHECK(t.keep_alive_idle_ms == 7000);
  CHECK(t.max_connections == 50);
  CHECK(t.max_connections_per_address == 5);
  CHECK(t.max_queued_requests == 3);
  CHECK(t.handler_threads == 9);
  CHECK(t.trusted_proxies == std::vector<std::string>{"10.0.0.1"});
  CHECK(DefaultErrorBody(503) == "{\"error\":{\"code\":\"unavailable\",\"message\":\"the server is busy; try again shortly\"}}");
}
