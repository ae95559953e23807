// Runs nginx for a black-box test: unprivileged paths only (pid, logs and temp files under a
// prefix folder), in the foreground, one process (master_process off), killed when the object
// goes away or the test process dies.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>

namespace antre {

class NginxProcess {
 public:
  // Starts nginx with `site(port)` (server and upstream blocks) inside its http block, on a
  // free port it picks (trying again if the port was taken meanwhile); waits until it
  // accepts connections. Fails the test if nginx is not installed or does not start.
  NginxProcess(const std::string& prefix, const std::function<std::string(int port)>& site);
  ~NginxProcess();
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;

  int port() const { return port_; }
  // nginx's error log so far (for failure messages).
  std::string ErrorLog() const;

 private:
  // Starts nginx on `port`; true once it accepts connections, false if it exited.
  bool Start(int port, const std::function<std::string(int port)>& site);
  void Stop();

  std::string prefix_;
  pid_t pid_ = -1;
  int port_ = 0;
};

// The nginx binary the tests run: $ANTRE_NGINX if set, else /usr/sbin/nginx.
std::string NginxBinary();

}  // namespace antre
