#include "log_writer.h"

#include <unistd.h>

#include <cerrno>

namespace antre {
namespace {

// Writes all of `text`, retrying after signals and short writes; false if the fd fails.
bool WriteAll(int fd, const std::string& text) {
  size_t at = 0;
  while (at < text.size()) {
    ssize_t n = ::write(fd, text.data() + at, text.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    at += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

LogWriter::LogWriter(int fd, size_t cap) : fd_(fd), cap_(cap), thread_([this] { Loop(); }) {}

LogWriter::~LogWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void LogWriter::Line(const std::string& text) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++appended_;
    if (waiting_.size() + text.size() + 1 > cap_) {
      ++dropped_;
      return;
    }
    waiting_ += text;
    waiting_ += '\n';
  }
  wake_.notify_one();
}

void LogWriter::Flush() {
  std::unique_lock<std::mutex> lock(mu_);
  const unsigned long long target = appended_;
  written_.wait(lock, [&] { return done_ >= target || stop_; });
}

void LogWriter::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [&] { return !waiting_.empty() || dropped_ > 0 || stop_; });
    if (waiting_.empty() && dropped_ == 0 && stop_) break;
    std::string batch;
    batch.swap(waiting_);
    if (dropped_ > 0) {
      batch += "log: " + std::to_string(dropped_) + " line(s) dropped, the log was not being read\n";
      dropped_ = 0;
    }
    const unsigned long long upto = appended_;
    lock.unlock();
    WriteAll(fd_, batch);  // a failing log cannot be reported anywhere; the lines are gone
    lock.lock();
    done_ = upto;
    written_.notify_all();
  }
}

}  // namespace antre
