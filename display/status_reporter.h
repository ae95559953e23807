// The display's check-in: POST /api/v1/sites/{site}/display/status with its device token, on
// start and every 30 s, so supervisors see a screen that went dark or silent. No SDL: the
// program and the tests drive the same object.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "client/api_client.h"
#include "core/result.h"

namespace antre {

// What the display says about itself.
struct DisplayHealth {
  std::string audio = "ok";  // ok | none (no output device) | muted
  std::string message;       // short and optional: "" sends no message
  bool operator==(const DisplayHealth& o) const { return audio == o.audio && message == o.message; }
};

// The check-in body: {"audio":"ok"} or {"audio":"none","message":"..."}.
std::string EncodeDisplayHealth(const DisplayHealth& health);

// Where and how often to check in.
struct StatusReporterOptions {
  std::string server;  // "http://127.0.0.1:8080"
  std::string site;
  std::string token;  // the display's device token; sent only in the Authorization header
  int64_t period_ms = 30000;
};

// Sends one check-in body: Ok when the server accepted it, else the error (Unauthorized for a
// refused token, Unavailable when no answer came). The real one is
// ApiClient::ReportDeviceStatus with the display's token; tests pass a fake.
using StatusPoster = std::function<Status(const std::string& body)>;

// Checks in on its own thread, so a slow or absent server never holds up the screen. A
// failed check-in (no answer, 401 for a bad token, any non-200) is logged once per outage,
// the recovery once; the token never appears in a log line.
class StatusReporter {
 public:
  // `poster` empty: a real HTTP client to options.server. `log` may be empty.
  StatusReporter(StatusReporterOptions options, DisplayHealth initial,
                 std::function<void(const std::string&)> log = {}, StatusPoster poster = {});
  // Stops the thread (waits for a check-in in flight, at most a few seconds).
  ~StatusReporter();
  StatusReporter(const StatusReporter&) = delete;
  StatusReporter& operator=(const StatusReporter&) = delete;

  // Starts the thread; the first check-in goes out at once.
  void Start();
  void Stop();

  // Sets what later check-ins say; a change is sent at once rather than at the next period.
  // Cheap and non-blocking: call it from the render loop every turn.
  void SetHealth(const DisplayHealth& health);

  // Check-ins the server accepted (200) so far.
  int accepted() const;

 private:
  void Run();
  void Log(const std::string& line);

  StatusReporterOptions options_;
  std::function<void(const std::string&)> log_;
  StatusPoster poster_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  DisplayHealth health_;
  bool is_changed_ = false;
  bool stop_ = false;
  int accepted_ = 0;
  std::thread thread_;
};

}  // namespace antre
