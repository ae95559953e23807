// API v1: every route, in one table, with the roles allowed to call it.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

#include "core/config.h"
#include "event_hub.h"
#include "rate_limiter.h"
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
  std::string web_root;             // static pages
  std::string db_path;              // for the disk-space figure in /health
  RateLimiter* limiter = nullptr;   // per-address brakes on public booking
};

// One route: who may call it. An empty role list means public.
struct RouteInfo {
  std::string method;
  std::string pattern;  // cpp-httplib regex
  std::vector<Role> roles;
};

// Registers every route on `server`; returns the table (for docs and the route sweep test).
std::vector<RouteInfo> RegisterApi(httplib::Server& server, ApiContext& ctx);

// The routes without registering them.
std::vector<RouteInfo> ApiRoutes();

// The JSON error body for an HTTP status cpp-httplib produced itself (404 route, 413 ...).
std::string ErrorBodyForStatus(int status);

}  // namespace antre
