// Helpers for the transport fault tests: raw sockets that misbehave on purpose, a copy of the
// test office with raised limits, and readings of the server process from outside.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "../support/temp_dir.h"

namespace antre::faults {

// A blocking TCP connection to 127.0.0.1:port with a receive timeout; -1 if it failed.
int ConnectLoopback(int port, int recv_timeout_ms = 5000);
// Sends all of `bytes`; false if the peer is gone.
bool SendAll(int fd, const std::string& bytes);
// True if the peer has closed (or reset) the connection, without waiting.
bool IsClosedByPeer(int fd);
// Sends one request with Connection: close and reads the whole answer until EOF (at most
// `max_bytes`, then it stops reading); "" if nothing came.
std::string RoundTrip(int port, const std::string& request, size_t max_bytes = 64 << 20);

// The always-open test office with `limits` set (replacing or adding keys of its "limits"
// object), written to `dir`/`name`; returns its path. Fails the test if it cannot.
std::string OfficeWithLimits(const TempDir& dir, const std::string& name, const std::map<std::string, int>& limits);

// Resident set size of a process in MiB, or -1.
double RssMiB(pid_t pid);
// Raises this process's open-file limit (inherited by servers it starts) to at least `n`;
// returns the soft limit in force afterwards.
long RaiseFdLimit(long n);

// Milliseconds a fresh connection needs for GET /api/v1/health, or -1 if it failed.
long TimedHealth(int port);
// A kiosk's ticket for "rekam" on a fresh connection; returns the HTTP status or -1.
int IssueTicket(int port);

// Waits up to `ms` for `pid` to exit, without reaping it (so its owner can still reap it);
// true if it exited, with *exited_cleanly telling whether it exited with status 0.
bool ExitsWithin(pid_t pid, int ms, bool* exited_cleanly);

// The median of `v` (sorted in place); 0 if empty.
long Median(std::vector<long>* v);

}  // namespace antre::faults
