// Raw-socket load for the transport benchmarks (issue 14): idle keep-alive connections,
// slow-header attackers, and a test office whose limits admit them. Every wait is bounded.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench_util.h"

namespace antre::bench {

// Raises this process's open-file limit (inherited by servers it starts) towards `n`; returns
// the soft limit in force afterwards.
long RaiseFdLimit(long n);

// The always-open test office with `limits` set in its "limits" object (replaced or added),
// written into `dir`; returns the config's path.
std::string OfficeWithLimits(const Scratch& dir, const std::string& name, const std::map<std::string, int>& limits);

// Starts a server with the first of `configs` (limits to set) that the binary accepts: an
// older or stricter server caps or rejects some keys. *used is the index of the one used.
// Throws if none starts.
std::unique_ptr<Server> StartWithLimits(const Scratch& dir, const std::string& db,
                                        const std::vector<std::map<std::string, int>>& configs, size_t* used);

// `n` connections that each made one keep-alive GET /api/v1/health and were answered, then
// sit idle; closed when this object goes away. Throws if not all were answered within
// `budget_ms` (an overloaded server must not hang the benchmark).
class IdleConnections {
 public:
  IdleConnections(int port, int n, int budget_ms);
  ~IdleConnections();
  IdleConnections(const IdleConnections&) = delete;
  IdleConnections& operator=(const IdleConnections&) = delete;
  // How many the server has not closed yet.
  int StillOpen() const;

 private:
  std::vector<int> fds_;
};

// `n` slowloris clients: each sends a request line, then one header line every `period_ms`,
// never the blank line; those the server closes are replaced. Runs on its own thread until
// destroyed.
class SlowHeaders {
 public:
  SlowHeaders(int port, int n, int period_ms);
  ~SlowHeaders();
  SlowHeaders(const SlowHeaders&) = delete;
  SlowHeaders& operator=(const SlowHeaders&) = delete;
  // Connections the server closed (and that were replaced) so far.
  int closed() const { return closed_; }
  // Attackers that are connected now.
  int open() const { return open_; }

 private:
  struct State;
  std::unique_ptr<State> state_;
  std::atomic<int> closed_{0}, open_{0};
};

}  // namespace antre::bench
