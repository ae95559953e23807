// Helpers for the transport tests: a Transport on a thread, a raw TCP client with deadlines,
// and a StreamSource the test feeds from its own thread.
#pragma once

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "http/transport.h"

namespace antre {

using TestClock = std::chrono::steady_clock;

inline long MsSince(TestClock::time_point start) {
  return static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(TestClock::now() - start).count());
}

// Loopback, port 0, small pools: what every test starts from.
inline TransportSettings TestSettings() {
  TransportSettings s;
  s.bind = "127.0.0.1";
  s.port = 0;
  s.io_threads = 2;
  s.limits.handler_threads = 4;
  return s;
}

// A Transport serving on its own thread; stopped and joined when the object goes away.
class TestServer {
 public:
  TestServer(TransportSettings settings, RequestHandler handler, FastHandler fast = nullptr)
      : transport_(std::move(settings), std::move(handler)) {
    if (fast) transport_.SetFastHandler(std::move(fast));
    auto bound = transport_.Bind();
    REQUIRE(bound.ok());
    port_ = bound.value();
    thread_ = std::thread([this] { run_result_ = transport_.Run(); });
    auto start = TestClock::now();
    while (!transport_.IsRunning() && MsSince(start) < 2000) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    REQUIRE(transport_.IsRunning());
  }
  ~TestServer() { StopAndJoin(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return port_; }
  Transport& transport() { return transport_; }
  bool run_result() const { return run_result_; }
  // Stops the transport; returns how long until Run() returned, in ms.
  long StopAndJoin() {
    if (!thread_.joinable()) return 0;
    auto start = TestClock::now();
    transport_.Stop();
    thread_.join();
    return MsSince(start);
  }

 private:
  Transport transport_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> run_result_{false};
};

// A raw TCP connection to 127.0.0.1, closed when the object goes away.
class RawConn {
 public:
  explicit RawConn(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    is_connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConn() { Close(); }
  RawConn(const RawConn&) = delete;
  RawConn& operator=(const RawConn&) = delete;

  bool is_connected() const { return is_connected_; }
  int fd() const { return fd_; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  bool Send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
  }
  // Reads until `marker` has arrived, the peer closes, or `timeout_ms` passes. Returns all read.
  std::string ReadUntil(const std::string& marker, int timeout_ms = 3000) {
    auto start = TestClock::now();
    while (got_.find(marker) == std::string::npos && !ReadSome(timeout_ms - static_cast<int>(MsSince(start)))) {
    }
    return got_;
  }
  // Waits until the peer closes (EOF or reset), dropping what arrives. True if it closed within
  // `timeout_ms`.
  bool WaitClosed(int timeout_ms) {
    auto start = TestClock::now();
    while (!is_closed_ && MsSince(start) < timeout_ms) ReadSome(timeout_ms - static_cast<int>(MsSince(start)));
    return is_closed_;
  }
  const std::string& received() const { return got_; }
  bool is_closed() const { return is_closed_; }

 private:
  // Returns true when nothing more can come (closed or out of time).
  bool ReadSome(int timeout_ms) {
    if (is_closed_ || timeout_ms <= 0) return true;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return true;
    char buf[4096];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      is_closed_ = true;
      return true;
    }
    got_.append(buf, static_cast<size_t>(n));
    return false;
  }

  int fd_ = -1;
  bool is_connected_ = false;
  bool is_closed_ = false;
  std::string got_;
};

// A stream the test feeds: Push/End may be called from any thread and wake the transport.
class TestSource : public StreamSource {
 public:
  struct Probe {
    std::atomic<int> cancel_waits{0};
    std::atomic<int> on_readies{0};
    std::atomic<bool> is_destroyed{false};
  };

  TestSource(std::shared_ptr<Probe> probe, std::chrono::milliseconds heartbeat)
      : probe_(std::move(probe)), heartbeat_(heartbeat) {}
  ~TestSource() override { probe_->is_destroyed = true; }

  bool Read(std::string* out) override {
    std::lock_guard<std::mutex> lock(mu_);
    out->append(pending_);
    pending_.clear();
    return !is_ended_;
  }
  void OnReady(std::function<void()> wake) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++probe_->on_readies;
    if (!pending_.empty() || is_ended_) {
      wake();
    } else {
      wake_ = std::move(wake);
    }
  }
  void CancelWait() override {
    std::lock_guard<std::mutex> lock(mu_);
    wake_ = nullptr;
    ++probe_->cancel_waits;
  }
  std::chrono::milliseconds heartbeat() const override { return heartbeat_; }

  // The wake is called under the lock, so it can never follow a CancelWait.
  void Push(const std::string& bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    pending_ += bytes;
    WakeLocked();
  }
  void End() {
    std::lock_guard<std::mutex> lock(mu_);
    is_ended_ = true;
    WakeLocked();
  }

 private:
  void WakeLocked() {
    if (!wake_) return;
    auto wake = std::move(wake_);
    wake_ = nullptr;
    wake();
  }

  std::shared_ptr<Probe> probe_;
  std::chrono::milliseconds heartbeat_;
  std::mutex mu_;
  std::string pending_;
  bool is_ended_ = false;
  std::function<void()> wake_;
};

}  // namespace antre
