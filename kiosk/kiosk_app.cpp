#include "kiosk/kiosk_app.h"

#include <algorithm>
#include <cstdio>

#include "codec/json.h"
#include "codec/wire_decode.h"
#include "core/event_types.h"

namespace antre::kiosk {

KioskApp::KioskApp(KioskAppOptions options, KioskScreen* screen, Printer* printer)
    : options_(std::move(options)),
      screen_(screen),
      printer_(printer),
      // Short time-outs for reads: every request shares one worker, and a tap must be
      // answered within 5 s (the screen gives up at 4.5 s whatever the network does).
      api_(options_.server, options_.token, ApiClientOptions{1500, 4000}),
      // A request that makes a ticket waits longer once connected: a server that hangs and
      // recovers may still make the ticket, and its answer then reaches the screen (shown
      // and printed late) instead of leaving a ticket nobody holds.
      api_ticket_(options_.server, options_.token, ApiClientOptions{1500, 20000}) {}

KioskApp::~KioskApp() { Stop(); }

void KioskApp::Start() {
  if (!net_.Start()) return;
  EventStreamOptions so;
  so.max_backoff_ms = 2000;  // a returning server is seen within about 2 s
  so.bearer_token = options_.token;  // a device stream: public readers cannot crowd it out
  stream_ = std::make_unique<EventStream>(options_.server, options_.site, so);
  stream_->Start();
}

void KioskApp::Stop() {
  if (stream_) stream_->Stop();
  net_.Stop();
}

void KioskApp::Pump(UnixMs now) {
  net_.RunDelivered(now);

  if (stream_) {
    for (const auto& ev : stream_->Poll()) {
      // Any change to tickets, counters or services can move the waiting figures; an
      // announcement going live or away changes the ticker line.
      if (ev.type.rfind("ticket.", 0) == 0 || ev.type.rfind("counter.", 0) == 0 ||
          ev.type.rfind("site.", 0) == 0 || ev.type.rfind("service.", 0) == 0 ||
          ev.type.rfind("announcement.", 0) == 0) {
        refresh_wanted_ = true;
      }
      if (ev.type == event::kStockChanged) stock_wanted_ = true;
    }
    if (stream_->TakeResyncNeeded()) refresh_wanted_ = stock_wanted_ = true;
    // The stream is the first to know: when it drops (server stopped, network cut) the
    // services are read at once, and the outage screen follows from that read failing;
    // when it comes back they are read at once, and the outage screen clears.
    bool live = stream_->state() == StreamState::kLive;
    if (live != stream_was_live_) refresh_now_ = true;
    stream_was_live_ = live;
  }
  MaybeRefresh(now);
  MaybeReadStock(now);
  if (auto req = screen_->TakeCheckInRequest()) SendCheckIn(*req);

  if (auto req = screen_->TakeIssueRequest()) {
    IssueRequest r = *req;
    Post([this, r] {
      Result<TicketView> t = api_ticket_.IssueTicket(options_.site, r.service, r.priority, r.idempotency_key);
      Deliver([this, r, t](UnixMs at) {
        screen_->OnIssued(r.idempotency_key, t, at);
        if (!t.ok()) refresh_wanted_ = true;  // e.g. service_closed: show it on home
      });
    });
  }
  if (auto job = screen_->TakePrintJob()) {
    PrintJob j = *job;
    Post([this, j] {
      PrintOutcome o = printer_->Print(j);
      if (o.status != PrinterStatus::kOk) {
        std::fprintf(stderr, "antre-kiosk: printing %s failed: %s: %s\n", j.ticket.ticket.number.c_str(),
                     PrinterStatusName(o.status), o.message.c_str());
      }
      Deliver([this, j, o](UnixMs at) {
        screen_->OnPrinted(j.ticket.ticket.id, o.status, at);
        if (o.status != want_report_.value_or(PrinterStatus::kOk) || !want_report_) {
          want_report_ = o.status;
          want_message_ = o.message;
          next_report_ = 0;
        }
      });
    });
  }
  MaybeReport(now);
  screen_->Tick(now);
}

void KioskApp::MaybeRefresh(UnixMs now) {
  if (refresh_in_flight_) return;
  // The outage screen asks again every retry_ms, whatever the last read said: a read that
  // succeeded just before a ticket attempt gave up must not leave it there until refresh_ms.
  bool outage = screen_->state() == KioskState::kOutOfOrder && now - last_refresh_start_ >= options_.retry_ms;
  bool due = now >= next_refresh_ || refresh_now_ || outage;
  bool event_due = refresh_wanted_ && now - last_refresh_start_ >= options_.event_throttle_ms;
  if (!due && !event_due) return;
  refresh_in_flight_ = true;
  refresh_wanted_ = false;
  refresh_now_ = false;
  last_refresh_start_ = now;
  Post([this] {
    // The board carries the site's name and time zone, the services with their hours and
    // quotas, and the live announcements, in one read.
    Result<BoardSnapshot> b = api_.GetBoard(options_.site);
    Deliver([this, b](UnixMs at) {
      refresh_in_flight_ = false;
      if (b.ok()) {
        screen_->SetSite(b.value().site_name, b.value().tz);
        screen_->OnServices(b.value().services, at);
        screen_->OnAnnouncements(b.value().announcements);
      } else {
        screen_->OnServices(b.error(), at);
      }
      // While the stream is down nothing announces the server's return: keep asking.
      bool stream_live = stream_ && stream_->state() == StreamState::kLive;
      next_refresh_ = at + (b.ok() && stream_live ? options_.refresh_ms : options_.retry_ms);
      // Re-read just after the earliest announced opening, so a tile opens on the minute.
      for (const auto& s : b.ok() ? b.value().services : std::vector<ServiceStatus>{}) {
        if (s.next_open && *s.next_open > at) next_refresh_ = std::min(next_refresh_, *s.next_open + 1000);
      }
    });
  });
}

void KioskApp::SendCheckIn(const CheckInRequest& r) {
  Post([this, r] {
    std::string service;
    Result<CheckInResult> checked = api_ticket_.CheckIn(options_.site, r.code, &service);
    Result<CheckInAnswer> answer = checked.ok() ? Result<CheckInAnswer>(CheckInAnswer{checked.value().ticket,
                                                                                      checked.value().replayed})
                                                : Result<CheckInAnswer>(checked.error());
    Deliver([this, r, answer, service](UnixMs at) {
      screen_->OnCheckedIn(r.code, answer, at, service);
      refresh_wanted_ = true;  // waiting counts changed (or the kiosk is out of date)
    });
  });
}

void KioskApp::MaybeReadStock(UnixMs now) {
  // Also re-read with the periodic service refresh, in case an event was missed.
  if (stock_in_flight_ || (!stock_wanted_ && now < next_stock_)) return;
  stock_in_flight_ = true;
  stock_wanted_ = false;
  Post([this] {
    Result<std::string> r = api_.StockLevel(options_.site);
    std::string level = r.ok() ? r.value() : "";
    // A refusal is an answer too (the level reads as unknown); only no answer is retried soon.
    bool answered = r.ok() || r.error().code != ErrorCode::kUnavailable;
    Deliver([this, answered, level](UnixMs at) {
      stock_in_flight_ = false;
      // Unknown when unreadable: the notice is only shown for a level the server stated.
      if (answered) screen_->OnStockLevel(ParseStockLevel(level));
      next_stock_ = at + (answered ? options_.refresh_ms : options_.retry_ms);
    });
  });
}

std::string KioskStatusBody(const std::optional<PrinterStatus>& printer, const std::string& message) {
  JsonPtr body(cJSON_CreateObject());
  AddString(body.get(), "printer", printer ? PrinterStatusName(*printer) : "unknown");
  AddString(body.get(), "message", message.substr(0, 200));
  return PrintJson(body.get());
}

void KioskApp::MaybeReport(UnixMs now) {
  if (report_in_flight_ || now < next_report_) return;
  // A changed printer status goes out at once; otherwise the kiosk still checks in every
  // checkin_ms, so a kiosk that stopped (power, network, crash) stands out by its last_seen.
  bool changed = want_report_ && !(reported_ && *reported_ == *want_report_);
  if (!changed && now < next_checkin_) return;
  report_in_flight_ = true;
  std::optional<PrinterStatus> status = want_report_;
  std::string text = KioskStatusBody(status, want_message_);
  Post([this, status, text] {
    Status r = api_.ReportDeviceStatus(options_.site, "kiosk", text);
    Deliver([this, status, r](UnixMs at) {
      report_in_flight_ = false;
      if (r.ok()) {
        if (status) reported_ = status;
        report_error_logged_ = false;
        next_checkin_ = at + options_.checkin_ms;
        return;
      }
      if (!report_error_logged_) {  // once per outage, not once per retry
        std::fprintf(stderr, "antre-kiosk: printer status report failed (%s); will retry\n",
                     r.error.message.c_str());
        report_error_logged_ = true;
      }
      next_report_ = at + options_.report_retry_ms;
    });
  });
}

}  // namespace antre::kiosk
