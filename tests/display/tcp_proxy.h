// A local TCP relay between a client and a server, which a test can cut like a network.
#pragma once

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace antre {

// Listens on 127.0.0.1:<port()> and relays each connection to 127.0.0.1:<target_port>.
class TcpProxy {
 public:
  explicit TcpProxy(int target_port);
  ~TcpProxy();
  int port() const { return port_; }
  // Closes every open connection now (both sides see the link drop).
  void CutAll();
  // While down, new connections are closed as soon as they are accepted.
  void SetDown(bool is_down) { is_down_ = is_down; }

 private:
  void AcceptLoop();
  void Relay(int client, int server);

  int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<bool> is_down_{false};
  std::thread acceptor_;
  std::mutex mu_;
  std::vector<int> open_fds_;
  std::vector<std::thread> relays_;
};

}  // namespace antre
