// The transport's settings from the office's config, and its own error bodies. Kept out of
// transport.cpp so they build without Beast.
#include "core/config.h"
#include "http/transport.h"

namespace antre {

std::string DefaultErrorBody(int status) {
  const char* code = "bad_request";
  const char* message = "request failed";
  switch (status) {
    case 400: code = "invalid_input", message = "the request could not be read"; break;
    case 408: code = "timeout", message = "the request took too long to arrive"; break;
    case 413: code = "too_large", message = "the request body is too large"; break;
    case 431: code = "too_large", message = "the request headers are too large"; break;
    case 500: code = "internal", message = "the request failed"; break;
    case 503: code = "unavailable", message = "the server is busy; try again shortly"; break;
    default: code = status >= 500 ? "internal" : "bad_request"; break;
  }
  return std::string("{\"error\":{\"code\":\"") + code + "\",\"message\":\"" + message + "\"}}";
}

TransportLimits TransportLimitsFrom(const Limits& limits) {
  TransportLimits t;
  t.head_timeout_ms = limits.head_timeout_ms;
  t.min_body_bytes_per_second = limits.min_body_bytes_per_second;
  t.max_head_bytes = limits.max_head_bytes;
  t.max_body_bytes = limits.max_body_bytes;
  t.keep_alive_idle_ms = limits.keep_alive_seconds * 1000;
  t.max_connections = limits.max_connections;
  t.max_connections_per_address = limits.max_connections_per_address;
  t.trusted_proxies = limits.trusted_proxies;
  t.handler_threads = limits.worker_threads;
  t.max_queued_requests = limits.max_queued_requests;
  return t;
}

}  // namespace antre
