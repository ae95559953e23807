// API v1: every route, in one table, with the roles allowed to call it, and the one
// dispatcher every transport hands its requests to.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/config.h"
#include "event_hub.h"
#include "auth.h"
#include "http/message.h"
#include "pow_challenge.h"
#include "rate_limiter.h"
#include "static_files.h"
#include "store.h"
#include "test_clock.h"

namespace antre {

// What the routes need; owned by main.
struct ApiContext {
  Store* store = nullptr;
  EventHub* hub = nullptr;
  Limits limits;
  ServerClock* clock = nullptr;
  bool test_clock_enabled = false;  // exposes POST /api/v1/test/clock
  std::string web_root;             // static pages; empty serves none
  std::shared_ptr<StaticFiles> files = std::make_shared<StaticFiles>();  // and their gzip cache
  std::string db_path;              // for the disk-space figure in /health (SQLite only)
  std::string db_engine = "sqlite";  // "sqlite" or "postgresql", in the staff /health
  RateLimiter* limiter = nullptr;   // per-address brakes on public booking
  std::shared_ptr<LoginThrottle> login_throttle = std::make_shared<LoginThrottle>();  // password guessing
  std::shared_ptr<LookupThrottle> lookup_throttle = std::make_shared<LookupThrottle>();  // NIK guessing
  // Booking challenges; main signs them with the database's key so every process agrees.
  std::shared_ptr<PowChallenges> pow = std::make_shared<PowChallenges>(RandomHex(32));
};

// One route: who may call it. An empty role list means public.
struct RouteInfo {
  std::string method;
  std::string pattern;  // a ":name" segment matches [A-Za-z0-9_.-]{1,64}
  std::vector<Role> roles;
};

// Answers one request: the first route of the table whose method and pattern match (HEAD
// runs GET routes), authorized by its roles; else, for GET and HEAD, a file under
// ctx.web_root; else a JSON 404. A handler that throws gives a JSON 500, and any error status
// left without a body gets ErrorBodyForStatus. A HEAD answer has no body and carries the
// Content-Length header a GET would have had.
void Dispatch(ApiContext& ctx, const HttpRequest& req, HttpResponse& res);
// The transport's fast path (FastHandler), on its io thread: takes a request only for an
// asynchronous route (a kiosk's ticket) whose caller's token was resolved lately, and answers
// it through `reply` once its write is on disk; false leaves the request to Dispatch.
bool DispatchFast(ApiContext& ctx, const HttpRequest& req, std::function<void(Answer)> reply);

// The routes Dispatch serves for `ctx` (the test clock route only when enabled).
std::vector<RouteInfo> RegisterApi(const ApiContext& ctx);

// The routes of a production server (for docs, `antre-server routes` and the route sweep).
std::vector<RouteInfo> ApiRoutes();

// The JSON error body for an HTTP status that has no body of its own (404 route, 413 ...).
std::string ErrorBodyForStatus(int status);

}  // namespace antre
