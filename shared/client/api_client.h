// A blocking client for the Antre HTTP/JSON API v1 over libcurl. Never throws.
#pragma once

#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "core/views.h"

namespace antre {

// Prepares libcurl once per process; safe to call from any thread, any number of times.
void EnsureCurlReady();

// Time limits for one request.
struct ApiClientOptions {
  long connect_timeout_ms = 3000;
  long total_timeout_ms = 10000;
};

// A raw HTTP answer: status code and body.
struct HttpResponse {
  long status = 0;
  std::string body;
};

// The error of a non-2xx answer, the one mapping every client call uses: 5xx (or no answer
// the server wrote) is Unavailable; a 4xx gives the code the server named with its message,
// or one by status (401, 403, 404, 409, 413, 429; InvalidInput otherwise).
Error ErrorFromAnswer(long status, const std::string& body);

// A booking checked in at a kiosk: its ticket (ticket.booking holds the code).
struct CheckInResult {
  TicketView ticket;
  bool replayed = false;  // a 200: the ticket an earlier check-in made
};
// Reads the answer to a check-in: 201 a new ticket, 200 the same ticket again, else the
// server's refusal (too_early, too_late, conflict, not_found...). *refused_service (if not
// null) gets a refusal's "service" field, so the kiosk can offer a walk-in ticket for it.
Result<CheckInResult> ReadCheckInAnswer(long status, const std::string& body, std::string* refused_service);

// Calls the API of one server. Each call uses its own curl handle, so one ApiClient may be
// shared by threads as long as set_token() is not called concurrently with calls.
// Failures: Unavailable when the server cannot be reached, times out or answers 5xx; a 4xx
// answer gives the code the server named (NotFound, Unauthorized...) with its message; a
// body that cannot be read gives InvalidInput.
class ApiClient {
 public:
  // Targets base_url (e.g. "http://127.0.0.1:8080"); token, if not empty, is sent as Bearer.
  explicit ApiClient(std::string base_url, std::string token = "", ApiClientOptions options = {});

  // Replaces the bearer token sent with every later call (empty sends none).
  void set_token(std::string token) { token_ = std::move(token); }
  const std::string& base_url() const { return base_url_; }

  // GET /api/v1/health; returns the "status" field ("ok").
  Result<std::string> Health();
  // GET /api/v1/sites/{site}/services; NotFound for an unknown site.
  Result<std::vector<ServiceStatus>> ListServices(const std::string& site);
  // POST /api/v1/sites/{site}/tickets with the kiosk token; the same idempotency_key (if not
  // empty) returns the same ticket. ServiceClosed, NotFound or Unauthorized as the server says.
  Result<TicketView> IssueTicket(const std::string& site, const std::string& service,
                                 Priority priority, const std::string& idempotency_key);
  // GET /api/v1/tickets/{id}; NotFound for an unknown id.
  Result<TicketView> GetTicket(const std::string& id);
  // GET /api/v1/sites/{site}/board; NotFound for an unknown site.
  Result<BoardSnapshot> GetBoard(const std::string& site);
  // POST /api/v1/sites/{site}/bookings/{code}/check-in with the kiosk token (see
  // ReadCheckInAnswer for the answers).
  Result<CheckInResult> CheckIn(const std::string& site, const std::string& code, std::string* refused_service);
  // GET /api/v1/sites/{site}/stock: the public blank-card level (available, low, empty).
  Result<std::string> StockLevel(const std::string& site);
  // POST /api/v1/sites/{site}/{kind}/status ("kiosk" or "display") with a device's check-in
  // body and the client's token; Unauthorized when the server refuses the token.
  Status ReportDeviceStatus(const std::string& site, const std::string& kind, const std::string& body_json);
  // GET /api/v1/sites/{site}/surveys/{number}: "not_served", "open" or "answered".
  Result<std::string> SurveyState(const std::string& site, const std::string& number);
  // POST /api/v1/sites/{site}/surveys with {"number", "u1".."u9"}; AlreadyAnswered etc.
  Status SubmitSurvey(const std::string& site, const std::string& body_json);

  // Sends any request (path starts with "/api/v1/"); body, if not empty, is sent as JSON.
  // Returns the status and body of any HTTP answer; Unavailable only if none arrived.
  Result<HttpResponse> Send(const std::string& method, const std::string& path,
                            const std::string& body,
                            const std::vector<std::string>& extra_headers = {});

 private:
  // Send() plus the error mapping: 2xx passes the body through, others become an Error.
  Result<std::string> Call(const std::string& method, const std::string& path,
                           const std::string& body,
                           const std::vector<std::string>& extra_headers = {});

  std::string base_url_;
  std::string token_;
  ApiClientOptions options_;
};

// Percent-encodes a path segment so ids and site names cannot change the URL's shape.
std::string EscapePathSegment(const std::string& text);

}  // namespace antre
