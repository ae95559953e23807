// Small HTTP helpers for antre-bench on top of cpp-httplib.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

namespace antre::bench {

// A keep-alive client with Nagle off and generous timeouts.
std::unique_ptr<httplib::Client> NewClient(int port);
// Logs in; returns the bearer token or throws.
std::string Login(httplib::Client& cli, const std::string& user, const std::string& password);
// {"Authorization": "Bearer <token>"} plus an Idempotency-Key when given.
httplib::Headers Auth(const std::string& token, const std::string& key = "");
// A top-level string field of a flat JSON body; "" if missing.
std::string Field(const std::string& body, const std::string& key);
// Eight kiosk threads issue `count` tickets of `service` ("" = round the six services), keys
// numbered from `first`; returns tickets/s, adds each latency to *lat (if given), throws
// unless every one was issued.
double IssueMany(int port, int first, int count, const std::string& service, std::vector<double>* lat);

}  // namespace antre::bench
