// Fault: slow and broken clients (open event streams up to the limit, half-sent requests, idle
// connections, a client trickling one byte a second) must not block a plain request from
// someone else. The bound is generous (2 s); it checks "not blocked", not speed.
#include <arpa/inet.h>
#include <doctest/doctest.h>

#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

// A raw TCP connection to the server, closed when the object goes away.
class RawConn {
 public:
  explicit RawConn(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    is_connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConn() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawConn(const RawConn&) = delete;
  RawConn& operator=(const RawConn&) = delete;
  bool is_connected() const { return is_connected_; }
  bool Send(const std::string& bytes) { return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == (ssize_t)bytes.size(); }
  // Reads until `marker` is seen or the socket times out; returns what was read.
  std::string ReadUntil(const std::string& marker) {
    std::string got;
    char buf[1024];
    while (got.find(marker) == std::string::npos) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      got.append(buf, static_cast<size_t>(n));
    }
    return got;
  }

 private:
  int fd_ = -1;
  bool is_connected_ = false;
};

std::string StreamRequest() {
  return "GET /api/v1/sites/serang/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
}

// Milliseconds a fresh client needs for GET /api/v1/health; -1 if it failed.
long TimedHealth(int port, int* status) {
  httplib::Client cli("127.0.0.1", port);
  cli.set_connection_timeout(10, 0);
  cli.set_read_timeout(15, 0);
  auto start = std::chrono::steady_clock::now();
  auto res = cli.Get("/api/v1/health");
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  *status = res ? res->status : -1;
  return res ? static_cast<long>(ms) : -1;
}

// Opens every stream the demo allows, `half_sent` + `idle` broken connections and a trickling
// client, then checks that a plain GET and a kiosk's ticket still get through.
void CheckNotBlocked(int half_sent, int idle) {
  TempDir dir;
  ServerProcess server(dir.File("slow.db"));
  const int kMaxStreams = 64;  // demo limits.max_streams
  const int kHalfSent = half_sent, kIdle = idle;

  std::vector<std::unique_ptr<RawConn>> streams;
  for (int i = 0; i < kMaxStreams; ++i) {
    auto c = std::make_unique<RawConn>(server.port());
    REQUIRE(c->is_connected());
    REQUIRE(c->Send(StreamRequest()));
    std::string head = c->ReadUntil("\r\n\r\n");
    REQUIRE_MESSAGE(head.rfind("HTTP/1.1 200", 0) == 0, "stream ", i, ": ", head);
    streams.push_back(std::move(c));
  }
  // One more stream is refused with the JSON error, not left hanging.
  {
    std::string answer;
    // Once in a loaded CI run the first refusal came back empty (closed without an answer, in
    // well under the 5 s timeout); not reproduced since. A second refusal must then answer.
    for (int attempt = 0; attempt < 2 && answer.empty(); ++attempt) {
      RawConn extra(server.port());
      REQUIRE(extra.Send(StreamRequest()));
      answer = extra.ReadUntil("}}");
      if (answer.empty()) MESSAGE("refused stream ", attempt, ": closed without an answer, errno ", errno);
    }
    CHECK(answer.rfind("HTTP/1.1 503", 0) == 0);
    CHECK(answer.find("\"code\":\"unavailable\"") != std::string::npos);
  }

  std::vector<std::unique_ptr<RawConn>> broken;
  for (int i = 0; i < kHalfSent; ++i) {
    auto c = std::make_unique<RawConn>(server.port());
    REQUIRE(c->is_connected());
    // Headers complete, body promised but only partly sent.
    REQUIRE(c->Send("POST /api/v1/sites/serang/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    "Authorization: Bearer demo-kiosk-token\r\nContent-Length: 100\r\n\r\n{\"serv"));
    broken.push_back(std::move(c));
  }
  for (int i = 0; i < kIdle; ++i) {
    auto c = std::make_unique<RawConn>(server.port());
    REQUIRE(c->is_connected());
    broken.push_back(std::move(c));
  }
  // A slowloris client trickling its request line one byte at a time.
  std::atomic<bool> stop{false};
  std::thread trickle([&] {
    RawConn c(server.port());
    const std::string line = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    for (size_t i = 0; !stop && c.Send(std::string(1, line[i % line.size()])); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  for (int round = 0; round < 3; ++round) {
    int status = 0;
    long ms = TimedHealth(server.port(), &status);
    CHECK(status == 200);
    CHECK_MESSAGE(ms >= 0, "round ", round);
    CHECK_MESSAGE(ms < 2000, "GET /api/v1/health took ", ms, " ms in round ", round);
  }
  // A kiosk can still issue a ticket, and the streams still receive its event.
  auto cli = server.Client();
  auto issued = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"rekam\"}",
                          "application/json");
  REQUIRE(issued);
  CHECK(issued->status == 201);
  std::string seen = streams.front()->ReadUntil("ticket.issued");
  CHECK(seen.find("ticket.issued") != std::string::npos);

  stop = true;
  trickle.join();
}

}  // namespace

// The demo has limits.worker_threads = 16 threads beyond the streams: 7 + 7 + 1 broken
// connections leave one free.
TEST_CASE("Faults: streams at the limit, half-sent requests and idle connections do not block a GET") {
  CheckNotBlocked(7, 7);
}

// More broken connections than worker threads: the pool grows instead of making a GET wait
// for one of them to time out.
TEST_CASE("Faults: more broken connections than worker threads do not block a GET") {
  CheckNotBlocked(40, 40);
}
