// The kiosk state machine: transitions only. Layout lives in kiosk_draw.cpp.
#include "kiosk/kiosk_screen.h"

#include <algorithm>

#include "kiosk/service_availability.h"
#include "ui/layout_check.h"

namespace antre::kiosk {

const char* PrinterStatusName(PrinterStatus s) {
  switch (s) {
    case PrinterStatus::kOk: return "ok";
    case PrinterStatus::kPaperOut: return "paper_out";
    case PrinterStatus::kError: return "error";
    case PrinterStatus::kOffline: return "offline";
  }
  return "error";
}

KioskScreen::KioskScreen(ScreenConfig config, std::function<std::string()> new_key)
    : config_(std::move(config)), new_key_(std::move(new_key)), lang_(config_.default_lang) {}

int KioskScreen::MinTargetPx() const {
  // The stricter of the two axes, in case pixels are not square.
  return std::max(ui::MmToPx(20, config_.width, config_.width_mm),
                  ui::MmToPx(20, config_.height, config_.height_mm));
}

int KioskScreen::MinTextPx() const {
  // ADA 707.7.2 / EN 301 549: capitals (the letter I) at least 4.8 mm. DejaVu Sans capitals
  // are 0.729 of the font size, so the size is 4.8 / 0.729 = 6.6 mm.
  constexpr double kFontMmFor48Caps = 4.8 / 0.729;
  return std::max(ui::MmToPx(kFontMmFor48Caps, config_.width, config_.width_mm),
                  ui::MmToPx(kFontMmFor48Caps, config_.height, config_.height_mm));
}

void KioskScreen::Go(KioskState s, UnixMs now) {
  if (s == KioskState::kHome) {
    chosen_priority_ = Priority::kNone;
    closed_service_.clear();
    closed_for_quota_ = false;
    walk_in_offer_ = false;
    scan_raw_.clear();
  }
  if (s != KioskState::kCodeEntry && s != KioskState::kCheckingIn) code_.clear();
  if (s != KioskState::kCheckInRefused) refusal_.reset();
  if (s != KioskState::kTicket) reprint_skipped_ = false;
  state_ = s;
  state_since_ = now;
  dirty_ = true;
}

const Service* KioskScreen::FindService(const std::string& id) const {
  for (const auto& s : services_) {
    if (s.service.id == id) return &s.service;
  }
  return nullptr;
}

void KioskScreen::OnTap(ui::Point p, UnixMs now) {
  if (now - state_since_ < config_.tap_guard_ms && state_ != KioskState::kHome) return;
  last_tap_ = now;
  std::string id = BuildFrame(ui::FakeTextMeasurer()).HitTest(p);
  if (id.empty()) return;
  if (id == kSpeechButtonId) {
    // Off: speech mode starts. On, it is the "Ulangi" button: one tap says the screen again.
    if (speech_.is_on()) {
      speech_.RepeatScreen();
    } else {
      speech_.TurnOn();
    }
    dirty_ = true;
    return;
  }
  if (speech_.is_on() && !speech_.Tap(id, SayTarget(id))) {
    dirty_ = true;  // first tap: highlighted and said; the second one acts
    return;
  }
  Act(id, now);
}

void KioskScreen::Act(const std::string& id, UnixMs now) {
  if (id == "lang") {
    lang_ = lang_ == Lang::kId ? Lang::kEn : Lang::kId;
    dirty_ = true;
  } else if (id == "back" || id == "done") {
    if (id == "done") EndSession();
    Go(KioskState::kHome, now);
  } else if (id.rfind("group:", 0) == 0) {
    Priority pr;
    if (ParsePriority(id.substr(6), &pr)) {
      chosen_priority_ = pr;
      // The service list again, now issuing as priority: the second tap makes the ticket.
      state_ = KioskState::kHome;
      state_since_ = now;
      dirty_ = true;
    }
  } else if (id.rfind("service:", 0) == 0) {
    StartIssue(id.substr(8), chosen_priority_, now);
  } else {
    OnCheckInTap(id, now);
  }
}

void KioskScreen::OnEscape(UnixMs now) {
  if (state_ != KioskState::kIssuing && state_ != KioskState::kOutOfOrder &&
      state_ != KioskState::kLoading && state_ != KioskState::kCheckingIn) {
    EndSession();
    Go(KioskState::kHome, now);
  }
}

void KioskScreen::EndSession() {
  if (speech_.is_on()) dirty_ = true;
  speech_.End();
}

void KioskScreen::StartIssue(const std::string& service, Priority priority, UnixMs now) {
  if (attempt_) return;  // one attempt at a time: a second tap cannot make a second ticket
  const ServiceStatus* s = nullptr;
  for (const auto& st : services_) {
    if (st.service.id == service) s = &st;
  }
  if (!s) return;
  if (!IsTakeable(*s)) return;  // closed or full services are drawn without a target; belt and braces
  attempt_ = IssueRequest{service, priority, new_key_()};
  attempt_due_ = true;
  attempt_started_ = now;
  attempt_failed_ = false;
  Go(KioskState::kIssuing, now);
}

std::optional<IssueRequest> KioskScreen::TakeIssueRequest() {
  if (!attempt_ || !attempt_due_) return std::nullopt;
  attempt_due_ = false;
  return attempt_;
}

void KioskScreen::OnIssued(const std::string& key, const Result<TicketView>& ticket, UnixMs now) {
  if (ticket.ok() && !late_key_.empty() && key == late_key_ && now <= late_until_ && !attempt_ &&
      !checkin_ && state_ != KioskState::kTicket) {
    // The server made the ticket after the screen had given up: it is real, so show and print it.
    late_key_.clear();
    attempt_failed_ = false;
    ticket_ = ticket.value();
    ticket_at_ = now;
    QueuePrint(now);
    Go(KioskState::kTicket, now);
    return;
  }
  if (!attempt_ || attempt_->idempotency_key != key) return;
  if (ticket.ok()) {
    ticket_ = ticket.value();
    ticket_at_ = now;
    attempt_.reset();
    QueuePrint(now);
    Go(KioskState::kTicket, now);
    return;
  }
  ErrorCode code = ticket.error().code;
  if (code == ErrorCode::kServiceClosed || code == ErrorCode::kQuotaReached) {
    // The kiosk's list was out of date (a closing time or the last place of the quota was
    // just passed): say so plainly, and grey the tile out until the app re-reads the list.
    std::string service = attempt_->service;
    for (auto& s : services_) {
      if (s.service.id != service) continue;
      if (code == ErrorCode::kQuotaReached) {
        s.remaining = 0;
      } else {
        s.is_open_now = false;
        s.next_open.reset();
      }
    }
    attempt_.reset();
    Go(KioskState::kClosed, now);
    closed_service_ = service;
    closed_for_quota_ = code == ErrorCode::kQuotaReached;
  } else if ((code == ErrorCode::kUnavailable || code == ErrorCode::kStorageFailed ||
              code == ErrorCode::kStorageFull) &&
             now - attempt_started_ < config_.issue_give_up_ms) {
    attempt_retry_at_ = now + config_.issue_retry_ms;  // same key: at most one ticket
  } else {
    error_detail_ = std::string(ErrorCodeName(code)) + ": " + ticket.error().message;
    GiveUpIssue(now);
  }
}

void KioskScreen::GiveUpIssue(UnixMs now) {
  late_key_ = attempt_->idempotency_key;
  late_until_ = now + config_.late_ticket_ms;
  attempt_.reset();
  attempt_retry_at_ = 0;
  attempt_failed_ = true;
  Go(KioskState::kOutOfOrder, now);
}

void KioskScreen::OnPrinted(const std::string& ticket_id, PrinterStatus status, UnixMs now) {
  printer_ = status;
  if (ticket_ && ticket_->ticket.id == ticket_id) {
    printing_ = false;
    if (state_ == KioskState::kTicket) {
      dirty_ = true;
      if (status != PrinterStatus::kOk) ticket_at_ = now;  // the fault screen's own timeout
    }
  }
}

void KioskScreen::QueuePrint(UnixMs now) {
  const Service* s = FindService(ticket_->ticket.service);
  printer_.reset();
  printing_ = true;
  PrintJob job;
  job.ticket = *ticket_;
  if (s) job.service = *s;
  job.site_name = config_.site_name;
  job.qr_url = config_.public_url + "/t/" + ticket_->ticket.id;
  job.issued_at = ticket_->ticket.issued_at ? ticket_->ticket.issued_at : now;
  job.tz = config_.tz;
  print_job_ = job;
  printed_ticket_id_ = ticket_->ticket.id;
  printed_at_ = now;
}

std::optional<PrintJob> KioskScreen::TakePrintJob() {
  auto job = std::move(print_job_);
  print_job_.reset();
  return job;
}

void KioskScreen::OnServices(const Result<std::vector<ServiceStatus>>& services, UnixMs now) {
  if (services.ok()) {
    services_ = services.value();
    has_services_ = true;
    dirty_ = true;
    if (state_ == KioskState::kLoading || state_ == KioskState::kOutOfOrder) {
      error_detail_.clear();
      attempt_failed_ = false;
      Go(KioskState::kHome, now);
    }
    return;
  }
  error_detail_ = std::string(ErrorCodeName(services.error().code)) + ": " + services.error().message;
  // Never invent figures: without an answer, home becomes the out-of-order screen. A ticket
  // already on screen stays there (it was issued and is real).
  if (state_ == KioskState::kLoading || state_ == KioskState::kHome || state_ == KioskState::kClosed) {
    Go(KioskState::kOutOfOrder, now);
  }
}

void KioskScreen::OnAnnouncements(const std::vector<Announcement>& items) {
  bool same = items.size() == announcements_.size();
  for (size_t i = 0; same && i < items.size(); ++i) {
    same = items[i].id == announcements_[i].id && items[i].text.id == announcements_[i].text.id &&
           items[i].text.en == announcements_[i].text.en;
  }
  if (same) return;
  announcements_ = items;
  if (state_ == KioskState::kHome) dirty_ = true;
}

const Announcement* KioskScreen::CurrentAnnouncement() const {
  if (announcements_.empty()) return nullptr;
  return &announcements_[static_cast<size_t>(now_ / kAnnouncementTurnMs) % announcements_.size()];
}

void KioskScreen::SetSite(const std::string& name, const TimeZone& tz) {
  if (name == config_.site_name && tz.offset_minutes == config_.tz.offset_minutes) return;
  config_.site_name = name;
  config_.tz = tz;
  dirty_ = true;
}

void KioskScreen::Tick(UnixMs now) {
  if (now / 60000 != now_ / 60000) dirty_ = true;  // the header clock
  if (announcements_.size() > 1 && now / kAnnouncementTurnMs != now_ / kAnnouncementTurnMs) dirty_ = true;
  now_ = now;
  if (attempt_ && now - attempt_started_ >= config_.issue_give_up_ms) {
    // Whether the last request failed or is still on its way (a hung server): the resident
    // is told now, not after the network's own time-outs.
    error_detail_ = "unavailable: no ticket within " + std::to_string(config_.issue_give_up_ms) + " ms";
    GiveUpIssue(now);
  } else if (attempt_ && !attempt_due_ && attempt_retry_at_ && now >= attempt_retry_at_) {
    attempt_retry_at_ = 0;
    attempt_due_ = true;
  }
  TickCheckIn(now);
  if (state_ == KioskState::kTicket) {
    bool fault = printer_ && *printer_ != PrinterStatus::kOk;
    UnixMs limit = fault ? config_.ticket_fault_ms : config_.ticket_ms;
    if (!printing_ && now - std::max(ticket_at_, last_tap_) >= limit) {
      lang_ = config_.default_lang;
      EndSession();
      Go(KioskState::kHome, now);
    }
    return;
  }
  bool idle = now - std::max(state_since_, last_tap_) >= config_.idle_ms;
  bool home_changed = lang_ != config_.default_lang || chosen_priority_ != Priority::kNone || walk_in_offer_ ||
                      speech_.is_on();
  if (idle && (state_ == KioskState::kClosed || state_ == KioskState::kCodeEntry ||
               state_ == KioskState::kCheckInRefused || (state_ == KioskState::kHome && home_changed))) {
    lang_ = config_.default_lang;
    EndSession();
    Go(KioskState::kHome, now);
  }
}

void KioskScreen::Resize(int width, int height) {
  if (width == config_.width && height == config_.height) return;
  // Keep the physical screen: a rotated display swaps its millimetres too.
  if ((width > height) != (config_.width > config_.height)) std::swap(config_.width_mm, config_.height_mm);
  config_.width = width;
  config_.height = height;
  dirty_ = true;
}

bool KioskScreen::TakeDirty() {
  bool d = dirty_;
  dirty_ = false;
  return d;
}

}  // namespace antre::kiosk
