// Shared pieces of antre-bench: a server child process, timing, percentiles, /proc readings.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace antre::bench {

using Clock = std::chrono::steady_clock;

// Milliseconds between two steady-clock points, as a double.
inline double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// The value at quantile q (0..1) of `v` (sorted in place); 0 for an empty vector.
double Percentile(std::vector<double>* v, double q);

// A private temp directory removed at exit of the object.
class Scratch {
 public:
  Scratch();
  ~Scratch();
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A running antre-server child, its stderr in `log` (default: the database path + ".log", which
// suits a file, not a postgresql:// URI). Throws std::runtime_error if it does not start.
class Server {
 public:
  Server(const std::string& db, const std::vector<std::string>& extra, const std::string& log = "");
  ~Server();
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Milliseconds from fork to the "listening on" line.
  double start_ms() const { return start_ms_; }
  // SIGTERM and wait.
  void Stop();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  double start_ms_ = 0;
};

// Resident set size of a process in MiB (VmRSS), or -1.
double RssMiB(pid_t pid);
// User + system CPU seconds a process has used so far, or -1.
double CpuSeconds(pid_t pid);

// The always-open test office with its stream limits raised for a load of `streams` event
// streams from one address, written into `dir`; returns the config's path. `old_server`
// writes what the cpp-httplib server accepted (max_streams at most 1,000).
std::string LoadTestOffice(const Scratch& dir, int streams, bool old_server = false);

// Paths known at build time.
// The always-open demo office for the server under test (its own build's when set).
std::string TestOffice();
std::string ServerBinary();
std::string DisplayBinary();
std::string AssetsDir();

// Reads a whole file; "" if missing.
std::string ReadFile(const std::string& path);
// Writes a whole file; false on failure.
bool WriteFile(const std::string& path, const std::string& text);

// One benchmark figure: a name, a unit and the value of each run.
struct Figure {
  std::string name;
  std::string unit;
  std::vector<double> runs;
  std::string note;  // printed instead of numbers when runs is empty
};

}  // namespace antre::bench
