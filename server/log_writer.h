// Lines for a log (the server's stderr), written by a thread of their own. The thread that
// logs, such as the group commit's leader publishing a batch's events, only appends to a
// buffer and goes on, so a slow or stuck reader of the log (journald under load, a full
// pipe) cannot hold up the tickets. Lines keep their order. Past `cap` bytes waiting, new
// lines are dropped, and a line saying how many is written once the reader catches up.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace antre {

class LogWriter {
 public:
  explicit LogWriter(int fd = 2, size_t cap = size_t{4} << 20);
  // Writes what is still waiting, then stops.
  ~LogWriter();
  LogWriter(const LogWriter&) = delete;
  LogWriter& operator=(const LogWriter&) = delete;

  // Appends `text` and a newline; never waits for the write.
  void Line(const std::string& text);
  // Returns once every line appended before the call is written (or given up on).
  void Flush();

 private:
  void Loop();

  const int fd_;
  const size_t cap_;
  std::mutex mu_;
  std::condition_variable wake_;     // lines are waiting, or stop
  std::condition_variable written_;  // a write finished
  std::string waiting_;
  size_t dropped_ = 0;
  bool stop_ = false;
  unsigned long long appended_ = 0;  // lines appended so far, for Flush
  unsigned long long done_ = 0;      // lines written or dropped, as of the last write
  std::thread thread_;
};

}  // namespace antre
