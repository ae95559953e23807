// The HTTP/1.1 transport (issue 14): an event-driven server on Boost.Beast + Asio that feeds
// HttpRequest to a handler and writes its HttpResponse back. Each connection is a coroutine on
// 1–2 io threads (an idle connection or open event stream costs a few KB, no thread); handlers
// run on a pool of their own threads, since they block on SQLite, unless a FastHandler takes
// the request on the io thread and answers it later from another thread. Every phase of a
// connection has a deadline, and the number of connections is capped overall and per client
// address, so slow or numerous clients cannot starve the others. No Boost type appears here:
// this header stays C++17 for the rest of the server; transport.cpp is the only Beast/Asio
// translation unit.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/message.h"

namespace antre {

struct Limits;

// What a client may cost. The defaults suit a public server.
struct TransportLimits {
  // The whole request head must arrive within this (from the accept or the TLS handshake, or
  // from the first byte of the next request on a kept-alive connection); else the connection
  // is closed. The TLS handshake has the same deadline.
  int head_timeout_ms = 10000;
  // The body must arrive by the head deadline (but at least min(head_timeout_ms, 2 s) after
  // the head) plus body size / this rate. A response may take head_timeout_ms plus its size /
  // this rate to be written. Slower clients are closed.
  int min_body_bytes_per_second = 2048;
  int max_head_bytes = 16384;  // request line + headers; 431 above
  int max_body_bytes = 65536;  // 413 above
  int keep_alive_idle_ms = 30000;  // an idle kept-alive connection is closed after this
  int max_connections = 20000;  // open at once; beyond it new connections are closed at once
  // Open at once from one client address (loopback counts too). Beyond it new connections are
  // closed at once; for requests forwarded by a trusted proxy, 503.
  int max_connections_per_address = 512;
  // Proxies whose X-Forwarded-For (its last hop) is believed. Their own connections are exempt
  // from the per-address cap; the forwarded address is counted instead.
  std::vector<std::string> trusted_proxies;
  int handler_threads = 16;
  int max_queued_requests = 1024;  // requests waiting for a handler thread; 503 above
};

// Where to listen and how.
struct TransportSettings {
  std::string bind = "0.0.0.0";
  int port = 8080;  // 0 picks a free port
  std::string tls_cert, tls_key;  // PEM files; both empty = plain HTTP
  int io_threads = 2;             // threads that run the connections (1 or 2 is plenty)
  TransportLimits limits;
};

// Answers one request; called on a handler thread, may block. Exceptions become a 500.
using RequestHandler = std::function<void(const HttpRequest&, HttpResponse&)>;
// Delivers the answer of a request taken by a FastHandler; callable once, from any thread.
// The transport builds it on the connection's io thread; it must not block, and an exception
// it throws becomes a 500.
using Reply = std::function<void(Answer)>;
// Tries to take a request on the io thread that read it, without a handler thread: returns
// false (having done nothing) to leave it to the RequestHandler, or true once it has taken it
// and will call `reply` exactly once, now or later from another thread. It must not block
// and must not throw. The request stays valid until the answer is built. For the hot writes
// (a kiosk's ticket) that wait for a group commit: a handler thread would sleep through it.
using FastHandler = std::function<bool(const HttpRequest&, Reply)>;
// The JSON body of an error the transport answers itself (400, 413, 431, 500, 503). Called on
// an io thread: it must not block. A client that misses a deadline is closed without an
// answer (as nginx does).
using ErrorBody = std::function<std::string(int status)>;

// The transport's own error body: {"error":{"code":"...","message":"..."}}.
std::string DefaultErrorBody(int status);
// The transport limits an office configured (config.json "limits").
TransportLimits TransportLimitsFrom(const Limits& limits);

class Transport {
 public:
  // An empty error_body uses DefaultErrorBody.
  Transport(TransportSettings settings, RequestHandler handler, ErrorBody error_body = {});
  // Stops and waits for Run() to have returned if it is running on another thread.
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // Opens the listening socket (and loads the TLS certificate). Returns the port, or
  // InvalidInput for a busy or invalid address or an unreadable certificate. A busy port is
  // always an error (no SO_REUSEPORT).
  Result<int> Bind();
  // Serves until Stop() (binding first if Bind() was not called). Returns false if it could
  // not bind. Call at most once.
  bool Run();
  // True while Run() serves and Stop() has not been called.
  bool IsRunning() const;
  // Stops gracefully, within about 1 s: no new connections, idle, half-sent and streaming
  // connections closed, in-flight handlers finish and their answers are sent. Any thread, any
  // time; before Run() it makes Run() return at once.
  void Stop();
  // Connections open now (including those still in the TLS handshake).
  int open_connections() const;
  // Sets the handler tried before the RequestHandler for every request; call before Run().
  void SetFastHandler(FastHandler fast);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace antre
