// Settings of a whole installation, as read from the config file.
#pragma once

#include <string>
#include <vector>

#include "model.h"

namespace antre {

// Who may do what.
enum class Role { kOfficer, kSupervisor, kAdmin, kKiosk, kDisplay, kOperator };

const char* RoleName(Role role);
bool ParseRole(const std::string& text, Role* out);
// Officer, supervisor, admin or operator: a person, not a device.
bool IsStaffRole(Role role);

// A staff account. The password is only ever held as a salted slow hash.
struct UserConfig {
  std::string username;
  Role role = Role::kOfficer;
  std::string password_hash;  // "pbkdf2-sha256$iterations$salt-hex$hash-hex"
  std::vector<std::string> sites;  // the sites they may work; empty = every site
};

// A kiosk (issues tickets) or a wall display (only checks in) of one site, with its own token.
struct DeviceConfig {
  std::string id;
  std::string site;
  std::string token;
  Role role = Role::kKiosk;  // kKiosk or kDisplay
};

// Server limits that an office may tune.
struct Limits {
  int max_body_bytes = 64 * 1024;
  int max_streams = 64;                // open public event streams (no token) at once
  int max_streams_per_address = 16;    // open public event streams from one client address
  int max_device_streams = 256;        // open streams of kiosks, displays and staff pages
  int worker_threads = 16;     // for plain requests, on top of the streams
  int session_hours = 12;      // staff token lifetime
  int heartbeat_seconds = 15;
  // The HTTP transport's defences against slow or numerous clients (server/http/transport.h).
  int head_timeout_ms = 10000;            // the whole request head must arrive within this
  int min_body_bytes_per_second = 2048;   // body deadline = head deadline + size / this rate
  int max_head_bytes = 16384;             // request line + headers (431 above)
  int keep_alive_seconds = 30;            // an idle kept-alive connection is closed after this
  int max_connections = 20000;            // open connections at once
  int max_connections_per_address = 512;  // open connections from one client address
  int max_queued_requests = 1024;         // requests waiting for a worker thread (503 above)
  // Reverse proxies (e.g. nginx) whose X-Forwarded-For is believed; from anyone else the
  // header is ignored, so a client cannot dodge per-address limits by forging it.
  std::vector<std::string> trusted_proxies;
};

// The whole config file.
struct Config {
  std::vector<Site> sites;
  std::vector<UserConfig> users;
  std::vector<DeviceConfig> devices;
  Limits limits;
};

}  // namespace antre
