// EventStream against a scripted fake server on a local socket: dead links, resume ids, HTTP
// errors and Stop() timing, which the real server cannot be made to misbehave for.
#include "client/event_stream.h"

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>

using namespace antre;
using namespace std::chrono_literals;

namespace {

constexpr const char* kOkHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n";

// Accepts connections and runs a script on each; the script's return closes the connection.
class FakeSseServer {
 public:
  using Script = std::function<void(FakeSseServer& server, int conn, int index)>;

  explicit FakeSseServer(Script script) : script_(std::move(script)) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    REQUIRE(bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(listen_fd_, 8) == 0);
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    accept_ = std::thread([this] { AcceptLoop(); });
  }

  ~FakeSseServer() {
    stop_ = true;
    accept_.join();
    for (auto& t : connections_) t.join();
    close(listen_fd_);
  }

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connection_count() const { return count_.load(); }
  std::string request(size_t i) {
    std::lock_guard<std::mutex> lock(mu_);
    return i < requests_.size() ? requests_[i] : "";
  }
  // Keeps a connection open (silent) until the server is destroyed or `limit` passes.
  void Hold(std::chrono::milliseconds limit) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (!stop_ && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(10ms);
  }
  static void Send(int conn, const std::string& text) {
    (void)!write(conn, text.data(), text.size());
  }

 private:
  void AcceptLoop() {
    while (!stop_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int conn = accept(listen_fd_, nullptr, nullptr);
      if (conn < 0) continue;
      int index = count_.fetch_add(1);
      connections_.emplace_back([this, conn, index] {
        std::string req;
        char buf[2048];
        while (req.find("\r\n\r\n") == std::string::npos) {
          ssize_t n = read(conn, buf, sizeof buf);
          if (n <= 0) break;
          req.append(buf, static_cast<size_t>(n));
        }
        {
          std::lock_guard<std::mutex> lock(mu_);
          requests_.push_back(req);
        }
        script_(*this, conn, index);
        close(conn);
      });
    }
  }

  Script script_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> count_{0};
  std::thread accept_;
  std::vector<std::thread> connections_;  // touched by the accept thread only, until join
  std::mutex mu_;
  std::vector<std::string> requests_;
};

bool WaitFor(const std::function<bool()>& cond, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return cond();
}

EventStreamOptions Fast() {
  EventStreamOptions o;
  o.initial_backoff_ms = 100;
  o.max_backoff_ms = 400;
  return o;
}

}  // namespace

TEST_CASE("EventStream: delivers events split across writes and resumes with Last-Event-ID") {
  FakeSseServer server([](FakeSseServer& s, int conn, int index) {
    FakeSseServer::Send(conn, kOkHead);
    if (index == 0) {
      FakeSseServer::Send(conn, ": hi\r\nid: 7\r\nevent: ticket.called\r\nda");
      std::this_thread::sleep_for(30ms);
      FakeSseServer::Send(conn, "ta: {\"number\":\"A001\"}\r\n\r\nid: 8\r\ndata: half");
      return;  // closes mid-event: the half event must not be delivered
    }
    FakeSseServer::Send(conn, "id: 8\ndata: whole\n\n");
    s.Hold(5s);
  });
  EventStream stream(server.base_url(), "serang", Fast());
  stream.Start();
  auto first = stream.WaitForEvents(3s);
  REQUIRE(first.size() == 1);
  CHECK(first[0].id == "7");
  CHECK(first[0].type == "ticket.called");
  CHECK(first[0].data == "{\"number\":\"A001\"}");
  auto second = stream.WaitForEvents(3s);
  REQUIRE(second.size() == 1);
  CHECK(second[0].data == "whole");
  CHECK(server.request(1).find("Last-Event-ID: 7\r\n") != std::string::npos);
  CHECK(server.request(0).find("GET /api/v1/sites/serang/events ") == 0);
  CHECK(stream.live_count() == 2);
  CHECK(stream.TakeResyncNeeded());
  CHECK_FALSE(stream.TakeResyncNeeded());
  CHECK(stream.heartbeats_seen() == 1);
  CHECK(stream.last_event_id() == "8");
  CHECK(stream.ms_since_last_byte() >= 0);
  CHECK(stream.ms_since_last_byte() < 2000);
}

TEST_CASE("EventStream: a silent link is declared dead and reconnected") {
  FakeSseServer server([](FakeSseServer& s, int conn, int) {
    FakeSseServer::Send(conn, kOkHead);
    s.Hold(10s);
  });
  EventStreamOptions options = Fast();
  options.dead_after_ms = 700;
  EventStream stream(server.base_url(), "serang", options);
  stream.Start();
  REQUIRE(WaitFor([&] { return stream.state() == StreamState::kLive; }, 2s));
  CHECK(WaitFor([&] { return server.connection_count() >= 2; }, 4s));
  CHECK(stream.last_error().find("no data") != std::string::npos);
}

TEST_CASE("EventStream: an HTTP error keeps it reconnecting with the reason") {
  FakeSseServer server([](FakeSseServer&, int conn, int) {
    FakeSseServer::Send(conn,
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 54\r\n\r\n"
                        "{\"error\":{\"code\":\"not_found\",\"message\":\"no site x\"}}  ");
  });
  EventStream stream(server.base_url(), "x", Fast());
  stream.Start();
  REQUIRE(WaitFor([&] { return server.connection_count() >= 2; }, 3s));
  CHECK(stream.state() != StreamState::kLive);
  CHECK(stream.live_count() == 0);
  CHECK(stream.last_error().find("HTTP 404") != std::string::npos);
  CHECK(stream.last_error().find("no site x") != std::string::npos);
}

TEST_CASE("EventStream: Stop returns quickly from a quiet live connection and from backoff") {
  FakeSseServer server([](FakeSseServer& s, int conn, int) {
    FakeSseServer::Send(conn, kOkHead);
    s.Hold(10s);
  });
  EventStream stream(server.base_url(), "serang");
  stream.Start();
  REQUIRE(WaitFor([&] { return stream.state() == StreamState::kLive; }, 2s));
  auto t0 = std::chrono::steady_clock::now();
  stream.Stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 1500ms);
  CHECK(stream.state() == StreamState::kStopped);

  EventStreamOptions slow;
  slow.initial_backoff_ms = 8000;
  EventStream refused("http://127.0.0.1:1", "serang", slow);
  refused.Start();
  REQUIRE(WaitFor([&] { return refused.state() == StreamState::kReconnecting; }, 2s));
  CHECK(refused.ms_since_last_byte() == -1);
  t0 = std::chrono::steady_clock::now();
  refused.Stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 1500ms);
}

TEST_CASE("EventStream: a device's token goes in Authorization on every connect; none without") {
  FakeSseServer server([](FakeSseServer& s, int conn, int index) {
    FakeSseServer::Send(conn, kOkHead);
    FakeSseServer::Send(conn, "id: " + std::to_string(index + 1) + "\ndata: x\n\n");
    if (index > 0) s.Hold(5s);
  });
  EventStreamOptions options = Fast();
  options.bearer_token = "display-secret";
  EventStream device(server.base_url(), "serang", options);
  device.Start();
  REQUIRE(WaitFor([&] { return !server.request(1).empty(); }, 3s));
  device.Stop();
  CHECK(server.request(0).find("Authorization: Bearer display-secret\r\n") != std::string::npos);
  CHECK(server.request(1).find("Authorization: Bearer display-secret\r\n") != std::string::npos);
  CHECK(server.request(1).find("Last-Event-ID: 1\r\n") != std::string::npos);

  FakeSseServer plain([](FakeSseServer& s, int conn, int) {
    FakeSseServer::Send(conn, kOkHead);
    s.Hold(5s);
  });
  EventStream anonymous(plain.base_url(), "serang", Fast());
  anonymous.Start();
  REQUIRE(WaitFor([&] { return !plain.request(0).empty(); }, 3s));
  anonymous.Stop();
  CHECK(plain.request(0).find("Authorization") == std::string::npos);
}
