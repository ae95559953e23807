// The survey kiosk's I/O around the pure SurveyScreen: the site's name and ticket prefixes,
// checking a number and sending the answers, on one worker thread so the screen never waits
// on the network.
#pragma once

#include <functional>
#include <string>

#include "client/api_client.h"
#include "kiosk/net_worker.h"
#include "kiosk/survey_screen.h"

namespace antre::kiosk {

// Where the server is; the token is the kiosk's.
struct SurveyAppOptions {
  std::string server;
  std::string site;
  std::string token;
  int retry_ms = 3000;  // between reads of the site while the server is unreachable
};

// Owns the worker; the screen must outlive it. Pump() from the UI thread only.
class SurveyApp {
 public:
  SurveyApp(SurveyAppOptions options, SurveyScreen* screen);
  ~SurveyApp();
  SurveyApp(const SurveyApp&) = delete;
  SurveyApp& operator=(const SurveyApp&) = delete;

  void Start();
  void Stop();
  // Hands finished work to the screen, sends its requests, advances its timers.
  void Pump(UnixMs now);

 private:
  void Post(std::function<void()> job) { net_.Post(std::move(job)); }
  void Deliver(std::function<void(UnixMs)> result) { net_.Deliver(std::move(result)); }

  SurveyAppOptions options_;
  SurveyScreen* screen_;
  ApiClient api_;
  NetWorker net_;
  // UI-thread state.
  bool site_known_ = false;
  bool site_in_flight_ = false;
  UnixMs next_site_read_ = 0;
};

}  // namespace antre::kiosk
