#include "spawn.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace antre::test {

TempDir::TempDir() {
  char tmpl[] = "/tmp/antre-test-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

ServerProcess::~ServerProcess() { Kill(); }

bool ServerProcess::Start(const std::string& binary, const std::vector<std::string>& args,
                          std::chrono::milliseconds timeout, std::string* error) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    *error = "pipe2 failed";
    return false;
  }
  // argv is built before fork: the child of a threaded process may only make async-signal-
  // safe calls until exec.
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) {
    *error = "fork failed";
    return false;
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(fds[1], STDOUT_FILENO);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  pid_ = pid;
  port_ = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    output_.clear();
    is_closed_ = false;
  }
  drain_ = std::thread([this, fd = fds[0]] { Drain(fd); });

  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_for(lock, timeout, [this] { return port_ != 0 || is_closed_; });
  if (port_ != 0) return true;
  *error = (is_closed_ ? "server exited before listening; output: "
                       : "server did not say it listens; output: ") +
           output_;
  lock.unlock();
  Kill();
  return false;
}

void ServerProcess::Drain(int fd) {
  static const std::string kMarker = "listening on http://127.0.0.1:";
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    std::lock_guard<std::mutex> lock(mu_);
    output_.append(buf, static_cast<size_t>(n));
    size_t at = output_.find(kMarker);
    if (port_ == 0 && at != std::string::npos && output_.find('\n', at) != std::string::npos) {
      port_ = std::atoi(output_.c_str() + at + kMarker.size());
      changed_.notify_all();
    }
  }
  close(fd);
  std::lock_guard<std::mutex> lock(mu_);
  is_closed_ = true;
  changed_.notify_all();
}

void ServerProcess::Kill() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  if (drain_.joinable()) drain_.join();
}

std::string ServerProcess::output() const {
  std::lock_guard<std::mutex> lock(mu_);
  return output_;
}

int PickFreePort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(s);
  return port;
}

}  // namespace antre::test
