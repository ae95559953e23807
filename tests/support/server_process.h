// Starts the real antre-server binary for black-box tests and talks HTTP to it.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace antre {

// What `--db` gets for a test's database file: the path itself, or, when ANTRE_TEST_PG names a
// PostgreSQL cluster (ctest's *_pg entries), the URI of a database named after the path there,
// created on first use, so a restart on the same path finds the same data.
std::string TestDbLocation(const std::string& db_path);
// True when black-box tests run against PostgreSQL.
bool TestingOnPostgres();

// A running antre-server child process on an ephemeral (or given) port.
class ServerProcess {
 public:
  // Starts `antre-server --db <db> --bind 127.0.0.1 --port <port> <extra...>` and waits for
  // its "listening on" line. port 0 lets the server pick. Fails the test if it does not start.
  // The server is killed when this object dies, and also when the test process dies.
  ServerProcess(const std::string& db_path, std::vector<std::string> extra = {"--demo"}, int port = 0);
  ~ServerProcess();

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // A fresh keep-alive client for this server.
  std::unique_ptr<httplib::Client> Client() const;
  // Sends `sig` and waits for exit; returns the exit status as from waitpid, or -1.
  int Signal(int sig);
  // kill -9 and reap.
  void Kill9() { Signal(9); }
  // Everything the server wrote to stderr so far (log lines).
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then closed), for a
// client that must exist before its server starts.
int PickFreePort();

// Path of the built antre-server binary.
std::string ServerBinary();

// Runs antre-server with `args` to completion; returns exit code and fills combined output.
int RunServerCommand(const std::vector<std::string>& args, std::string* output);

// Logs in and returns the bearer token; empty on failure.
std::string Login(httplib::Client& cli, const std::string& user, const std::string& password);

// Headers with "Authorization: Bearer <token>" (and an Idempotency-Key when given).
httplib::Headers Bearer(const std::string& token, const std::string& idempotency_key = "");

// A JSON field as text from a flat response body ("number" -> "A001"); "" if missing.
std::string JsonField(const std::string& body, const std::string& key);

// Collects an event stream in a background thread.
class StreamCollector {
 public:
  struct Item {
    long long id = 0;
    std::string type;
    std::string data;
  };
  // Connects to /api/v1/sites/<site>/events, resuming after `last_event_id` when >= 0, with
  // `headers` added (e.g. Authorization or X-Forwarded-For).
  StreamCollector(int port, const std::string& site, long long last_event_id = -1, httplib::Headers headers = {});
  ~StreamCollector();
  // Waits until `pred(items)` holds or `timeout_ms` passes; returns whether it held.
  bool WaitFor(const std::function<bool(const std::vector<Item>&)>& pred, int timeout_ms);
  // Waits until the server ends the stream or `timeout_ms` passes; returns whether it ended.
  bool WaitForEnd(int timeout_ms);
  // Waits up to `timeout_ms` for the response status; -1 if none came.
  int Status(int timeout_ms);
  // The response's Retry-After header ("" if none or no response yet).
  std::string RetryAfter();
  std::vector<Item> Items();
  int Pings();
  bool Ended();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace antre
