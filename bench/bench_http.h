// Small HTTP helpers for antre-bench on top of cpp-httplib.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>

namespace antre::bench {

// A keep-alive client with Nagle off and generous timeouts.
std::unique_ptr<httplib::Client> NewClient(int port);
// Logs in; returns the bearer token or throws.
std::string Login(httplib::Client& cli, const std::string& user, const std::string& password);
// {"Authorization": "Bearer <token>"} plus an Idempotency-Key when given.
httplib::Headers Auth(const std::string& token, const std::string& key = "");
// A top-level string field of a flat JSON body; "" if missing.
std::string Field(const std::string& body, const std::string& key);

}  // namespace antre::bench
