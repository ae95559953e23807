// The transport seam: the request and response every handler sees. No HTTP library appears
// here, so handlers are tested without a socket and the transport (server/http/) can change
// without touching them.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace antre {

// One parsed HTTP request.
struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path without the query string, e.g. "/api/v1/health"
  std::multimap<std::string, std::string> query;            // decoded query parameters
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent
  std::string body;
  std::string remote_addr;  // the peer's IP address as the socket sees it

  // The first header of that name (case-insensitive), or "".
  std::string Header(const std::string& name) const;
  bool HasHeader(const std::string& name) const;
  // The first query parameter of that name, or "".
  std::string Query(const std::string& name) const;
  bool HasQuery(const std::string& name) const;
};

// The body of an open event stream (text/event-stream), pulled by the transport. A source is
// used by one connection at a time; OnReady's callback may come from any thread.
class StreamSource {
 public:
  virtual ~StreamSource() = default;
  // Appends the bytes that are ready to send to *out (possibly none). Returns false when the
  // stream has ended; what was appended is still sent.
  virtual bool Read(std::string* out) = 0;
  // Asks to be told once, by calling `wake` (from any thread, at most once), when Read may have
  // more. Called by the transport after a Read that appended nothing.
  virtual void OnReady(std::function<void()> wake) = 0;
  // Drops a pending OnReady callback (the connection is closing); `wake` is not called after.
  virtual void CancelWait() = 0;
  // How long the transport may wait with nothing to send before it writes a heartbeat comment.
  virtual std::chrono::milliseconds heartbeat() const = 0;
};

// What a handler answers.
struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<StreamSource> stream;  // set: the body is this stream, not `body`

  // Replaces a header of that name (case-insensitive) or adds it.
  void SetHeader(const std::string& name, const std::string& value);
  // The header's value, or "".
  std::string Header(const std::string& name) const;
  void SetContent(std::string content, std::string type) {
    body = std::move(content);
    content_type = std::move(type);
  }
};

// Builds an answer later, on the thread its receiver chooses (the transport: the io thread of
// the request's connection), so that the thread which finished the work need not.
using Answer = std::function<HttpResponse()>;

}  // namespace antre
