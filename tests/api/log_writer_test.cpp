// The server's log writer: lines in order from any thread, written by its own thread, and a
// reader that stops reading costs lines, never a logging thread's time.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include "log_writer.h"

namespace antre {
namespace {

// Reads what is in the pipe now (non-blocking).
std::string Drain(int fd) {
  std::string out;
  char buf[4096];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

struct Pipe {
  int fds[2] = {-1, -1};
  Pipe() {
    REQUIRE(::pipe(fds) == 0);
    REQUIRE(::fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
  }
  ~Pipe() {
    ::close(fds[0]);
    ::close(fds[1]);
  }
};

TEST_CASE("LogWriter: lines from several threads arrive whole and, per thread, in order") {
  Pipe p;
  std::string got;
  {
    LogWriter log(p.fds[1]);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&log, t] {
        for (int i = 0; i < 200; ++i) log.Line("t" + std::to_string(t) + " " + std::to_string(i));
      });
    }
    for (auto& th : threads) th.join();
    log.Flush();
    got = Drain(p.fds[0]);
  }
  std::vector<int> next(4, 0);
  size_t lines = 0;
  for (size_t at = 0; at < got.size();) {
    size_t end = got.find('\n', at);
    REQUIRE(end != std::string::npos);
    std::string line = got.substr(at, end - at);
    at = end + 1;
    ++lines;
    int t = line[1] - '0';
    REQUIRE(t >= 0);
    REQUIRE(t < 4);
    CHECK(line == "t" + std::to_string(t) + " " + std::to_string(next[t]));
    ++next[t];
  }
  CHECK(lines == 800);
}

TEST_CASE("LogWriter: a reader that stops reading costs lines, not the logging thread; it is told how many") {
  Pipe p;
  const std::string line(1000, 'x');
  LogWriter log(p.fds[1], 8 * 1024);
  // Nobody reads: once the pipe (64 KB) is full the writer thread blocks in write(), and lines
  // past the 8 KB buffer are dropped. Line() itself returns every time.
  for (int i = 0; i < 500; ++i) log.Line(line);
  // The reader comes back and reads until every line is accounted for, written or dropped.
  std::string got;
  size_t whole = 0, dropped = 0;
  for (int i = 0; i < 400 && whole + dropped < 500; ++i) {
    got += Drain(p.fds[0]);
    whole = 0;
    for (size_t at = got.find(line); at != std::string::npos; at = got.find(line, at + line.size())) ++whole;
    dropped = 0;
    for (size_t at = got.find("log: "); at != std::string::npos; at = got.find("log: ", at + 1)) {
      dropped += std::stoul(got.substr(at + 5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(got.find(" line(s) dropped, the log was not being read") != std::string::npos);
  CHECK(dropped > 0);
  CHECK(whole > 0);
  CHECK(whole + dropped == 500);  // each line written whole or counted, none lost silently
}

}  // namespace
}  // namespace antre
