// The kiosk's I/O around the pure screen: the server API and event stream, the printer, and
// fault reports, run on one worker thread so the screen never waits on the network.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "client/api_client.h"
#include "kiosk/net_worker.h"
#include "client/event_stream.h"
#include "kiosk/kiosk_screen.h"
#include "kiosk/printer.h"

namespace antre::kiosk {

// Where the server is and how often to talk to it.
struct KioskAppOptions {
  std::string server;  // "http://127.0.0.1:8080"
  std::string site;
  std::string token;   // the kiosk's bearer token
  int refresh_ms = 30000;        // re-read services at least this often
  int event_throttle_ms = 1000;  // at most one re-read per this, however many events arrive
  int retry_ms = 1000;           // while the server is unreachable or the event stream is
                                 // down: the outage screen clears about this soon after
  int report_retry_ms = 30000;   // a printer report the server did not take
  int checkin_ms = 60000;        // report to /kiosk/status at least this often, so a kiosk
                                 // that went silent shows on the supervisor's page
};


// The kiosk's check-in body for POST /kiosk/status: the last printer status, or "unknown"
// before anything was printed.
std::string KioskStatusBody(const std::optional<PrinterStatus>& printer, const std::string& message);

// Owns the worker; the screen and printer must outlive it. Pump() from the UI thread only.
class KioskApp {
 public:
  KioskApp(KioskAppOptions options, KioskScreen* screen, Printer* printer);
  ~KioskApp();
  KioskApp(const KioskApp&) = delete;
  KioskApp& operator=(const KioskApp&) = delete;

  // Starts the worker and the event stream; the first service read is sent at once.
  void Start();
  // Stops the stream and the worker (waits for the job in progress).
  void Stop();
  // Hands finished work to the screen, sends new requests, prints, reports faults, advances
  // the screen's timers. Cheap; call every loop turn.
  void Pump(UnixMs now);

  // The last printer status the server accepted, if any.
  std::optional<PrinterStatus> reported_status() const { return reported_; }
  // Where the event stream is (stopped before Start()).
  StreamState stream_state() const { return stream_ ? stream_->state() : StreamState::kStopped; }

 private:
  void Post(std::function<void()> job) { net_.Post(std::move(job)); }
  void Deliver(std::function<void(UnixMs)> result) { net_.Deliver(std::move(result)); }
  void MaybeRefresh(UnixMs now);
  void MaybeReport(UnixMs now);
  void SendCheckIn(const CheckInRequest& r);
  void MaybeReadStock(UnixMs now);

  KioskAppOptions options_;
  KioskScreen* screen_;
  Printer* printer_;
  ApiClient api_;         // reads and reports: short time-outs
  ApiClient api_ticket_;  // issue and check-in: see the constructor
  std::unique_ptr<EventStream> stream_;

  NetWorker net_;

  // UI-thread state.
  bool refresh_in_flight_ = false;
  bool refresh_wanted_ = false;
  bool refresh_now_ = false;       // the stream dropped or came back: read at once, unthrottled
  bool stream_was_live_ = false;
  bool stock_wanted_ = true;  // read the blank-card level at start and on stock.changed
  bool stock_in_flight_ = false;
  UnixMs next_stock_ = 0;
  UnixMs next_refresh_ = 0;
  UnixMs last_refresh_start_ = 0;
  std::optional<PrinterStatus> want_report_;
  std::string want_message_;
  std::optional<PrinterStatus> reported_;
  bool report_in_flight_ = false;
  UnixMs next_report_ = 0;
  UnixMs next_checkin_ = 0;  // the first check-in goes out at start
  bool report_error_logged_ = false;
};

}  // namespace antre::kiosk
