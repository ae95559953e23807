// Runs the real antre-server as a child process for black-box tests.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace antre::test {

// A temporary directory removed (with its contents) when this object dies.
class TempDir {
 public:
  // Creates /tmp/antre-test-XXXXXX; aborts the test run if it cannot.
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A child server process. It is killed (SIGKILL) when this object dies, and also when the
// test process dies, so no server outlives a crashed test.
class ServerProcess {
 public:
  ServerProcess() = default;
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Starts `binary args...` and waits up to `timeout` for the line
  // "listening on http://127.0.0.1:PORT" on its stdout; false with *error set otherwise.
  bool Start(const std::string& binary, const std::vector<std::string>& args,
             std::chrono::milliseconds timeout, std::string* error);
  // Sends SIGKILL and reaps the child; does nothing if it is not running.
  void Kill();

  bool is_running() const { return pid_ > 0; }
  int port() const { return port_; }
  // "http://127.0.0.1:PORT".
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Everything the child printed on stdout so far, for failure messages.
  std::string output() const;

 private:
  void Drain(int fd);

  pid_t pid_ = -1;
  int port_ = 0;
  std::thread drain_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::string output_;
  bool is_closed_ = false;  // the child closed its stdout
};

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then closed).
int PickFreePort();

}  // namespace antre::test
