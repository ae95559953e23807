// The HTTP front: cpp-httplib tuned as STACK.md measured (nodelay, sized pool, deep backlog,
// no SO_REUSEPORT, JSON errors, one log line per request), handing every request to Dispatch
// through the seam's own types (http/message.h).
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

#include "api.h"

namespace antre {

// How to listen.
struct HttpSettings {
  std::string bind = "0.0.0.0";
  int port = 8080;  // 0 picks a free port
  std::string web_root;  // static pages; empty serves none
};

class HttpServer {
 public:
  HttpServer(ApiContext& ctx, const HttpSettings& settings);
  ~HttpServer();

  // Binds the socket. Returns the port, or InvalidInput if the address/port is busy or invalid.
  Result<int> Bind();
  // Serves until Stop(); returns false if serving failed.
  bool Run();
  // True once the accept loop runs (a Stop() before that would be lost).
  bool IsRunning() const;
  // Wakes event streams first (so workers can be joined), then stops serving.
  void Stop();

 private:
  class Tuned;
  ApiContext& ctx_;
  HttpSettings settings_;
  std::unique_ptr<Tuned> server_;
  int bound_port_ = -1;
};

}  // namespace antre
