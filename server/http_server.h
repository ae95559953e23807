// The HTTP front: the event-driven transport (http/transport.h, Boost.Beast) handing every
// request to Dispatch through the seam's own types (http/message.h).
#pragma once

#include <memory>
#include <string>

#include "api.h"
#include "http/transport.h"

namespace antre {

// How to listen.
struct HttpSettings {
  std::string bind = "0.0.0.0";
  int port = 8080;       // 0 picks a free port
  std::string web_root;  // static pages; empty serves none
  std::string tls_cert;  // PEM certificate chain; with tls_key, the server speaks HTTPS
  std::string tls_key;
};

class HttpServer {
 public:
  HttpServer(ApiContext& ctx, const HttpSettings& settings);
  ~HttpServer();

  // Binds the socket (and loads the TLS certificate). Returns the port, or InvalidInput if
  // the address/port is busy or invalid or the certificate cannot be read.
  Result<int> Bind();
  // Serves until Stop(); returns false if serving failed.
  bool Run();
  // True while serving.
  bool IsRunning() const;
  // Ends the event streams, then stops serving within about a second. Any thread, any time:
  // a Stop() before Run() makes Run() return at once.
  void Stop();

 private:
  ApiContext& ctx_;
  std::unique_ptr<Transport> transport_;
};

}  // namespace antre
