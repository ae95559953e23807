// The kiosk state machine's OPAK MANIS part: typing or scanning a booking code, checking it
// in, and what the resident sees when the server refuses. Layout: kiosk_draw_checkin.cpp.
#include <algorithm>

#include "kiosk/booking_code.h"
#include "kiosk/kiosk_screen.h"

namespace antre::kiosk {

namespace {

// A scanner may send a whole link; more than this is not a code and is dropped.
constexpr size_t kMaxScanBytes = 512;
// A repeat scan this soon after its ticket was printed shows the ticket without printing.
constexpr UnixMs kReprintGuardMs = 120000;

}  // namespace

CardStockLevel ParseStockLevel(const std::string& name) {
  if (name == "available") return CardStockLevel::kAvailable;
  if (name == "low") return CardStockLevel::kLow;
  if (name == "empty") return CardStockLevel::kEmpty;
  return CardStockLevel::kUnknown;
}

void KioskScreen::OnStockLevel(CardStockLevel level) {
  if (level == stock_) return;
  stock_ = level;
  dirty_ = true;
}

bool KioskScreen::AcceptsCodeInput() const {
  switch (state_) {
    case KioskState::kHome:
    case KioskState::kClosed:
    case KioskState::kCodeEntry:
    case KioskState::kCheckInRefused:
    case KioskState::kTicket:
      return true;
    default:
      return false;  // loading, out of order, or a request in flight
  }
}

bool KioskScreen::OnCheckInTap(const std::string& id, UnixMs now) {
  if (id == "booking") {
    code_.clear();
    scan_raw_.clear();
    Go(KioskState::kCodeEntry, now);
  } else if (id.rfind("key:", 0) == 0 && state_ == KioskState::kCodeEntry) {
    char c = BookingCodeChar(id.size() == 5 ? id[4] : 0);
    if (c && static_cast<int>(code_.size()) < kBookingCodeLength) code_.push_back(c);
    dirty_ = true;
  } else if (id == "backspace") {
    if (!code_.empty()) code_.pop_back();
    dirty_ = true;
  } else if (id == "clear") {
    code_.clear();
    scan_raw_.clear();
    dirty_ = true;
  } else if (id == "checkin") {
    if (static_cast<int>(code_.size()) == kBookingCodeLength) StartCheckIn(code_, now);
  } else if (id == "retype") {
    std::string code = refused_code_;
    Go(KioskState::kCodeEntry, now);
    code_ = code;
  } else if (id == "walkin") {
    std::string service = late_service_;
    const Service* s = FindService(service);
    if (s && s->is_open) {
      StartIssue(service, Priority::kNone, now);
    } else {
      Go(KioskState::kHome, now);
      walk_in_offer_ = true;  // home's title asks for a service for a normal ticket
    }
  } else {
    return false;
  }
  return true;
}

void KioskScreen::OnText(const std::string& utf8, UnixMs now) {
  if (!AcceptsCodeInput()) return;
  last_tap_ = now;  // typing is activity: no idle timeout mid-scan
  if (scan_raw_.size() + utf8.size() > kMaxScanBytes) scan_raw_.clear();
  scan_raw_ += utf8;
  // On the ticket and refusal screens a scan is gathered silently until Enter, so a repeat
  // scan of the same code leaves the ticket on screen.
  bool visible = state_ == KioskState::kCodeEntry || state_ == KioskState::kHome ||
                 state_ == KioskState::kClosed;
  if (!visible) return;
  for (char ch : utf8) {
    char c = BookingCodeChar(ch);
    if (!c) continue;
    if (state_ != KioskState::kCodeEntry) {
      std::string raw = scan_raw_;
      code_.clear();
      Go(KioskState::kCodeEntry, now);
      scan_raw_ = raw;
    }
    if (static_cast<int>(code_.size()) < kBookingCodeLength) code_.push_back(c);
    dirty_ = true;
  }
}

void KioskScreen::OnBackspace(UnixMs now) {
  if (state_ != KioskState::kCodeEntry) return;
  last_tap_ = now;
  if (!scan_raw_.empty()) scan_raw_.pop_back();
  if (!code_.empty()) code_.pop_back();
  dirty_ = true;
}

void KioskScreen::OnEnter(UnixMs now) {
  // A navigator's Enter acts on the highlighted control; a scanner's Enter ends its text.
  if (speech_.is_on() && !speech_.focus().empty() && scan_raw_.empty()) {
    last_tap_ = now;
    Act(speech_.focus(), now);
    return;
  }
  std::string raw;
  raw.swap(scan_raw_);
  if (!AcceptsCodeInput()) return;  // e.g. a second scan while the first is in flight
  last_tap_ = now;
  std::string code = ExtractBookingCode(raw);
  if (code.empty() && state_ == KioskState::kCodeEntry &&
      static_cast<int>(code_.size()) == kBookingCodeLength) {
    code = code_;  // typed on the keypad, confirmed with a keyboard's Enter
  }
  if (code.empty()) return;
  if (state_ == KioskState::kTicket && ticket_ && ticket_->ticket.booking == code)
    return;  // a double scan
  StartCheckIn(code, now);
}

void KioskScreen::StartCheckIn(const std::string& code, UnixMs now) {
  if (checkin_ || attempt_) return;  // one request at a time: repeats cannot make a second ticket
  code_ = code;
  checkin_ = CheckInRequest{code};
  checkin_due_ = true;
  checkin_started_ = now;
  checkin_retry_at_ = 0;
  attempt_failed_ = false;
  Go(KioskState::kCheckingIn, now);
}

std::optional<CheckInRequest> KioskScreen::TakeCheckInRequest() {
  if (!checkin_ || !checkin_due_) return std::nullopt;
  checkin_due_ = false;
  return checkin_;
}

void KioskScreen::OnCheckedIn(const std::string& code, const Result<CheckInAnswer>& answer,
                              UnixMs now, const std::string& booking_service) {
  if (!checkin_ || checkin_->code != code) return;
  if (answer.ok()) {
    checkin_.reset();
    ticket_ = answer.value().ticket;
    if (ticket_->ticket.booking.empty()) ticket_->ticket.booking = code;
    ticket_at_ = now;
    // The server gives the same ticket for a repeat; paper comes out again only if the
    // last print of it was a while ago (the resident may have lost it).
    reprint_skipped_ = answer.value().replayed && ticket_->ticket.id == printed_ticket_id_ &&
                       now - printed_at_ < kReprintGuardMs;
    if (reprint_skipped_) {
      printing_ = false;
    } else {
      QueuePrint(now);
    }
    Go(KioskState::kTicket, now);
    return;
  }
  const Error& e = answer.error();
  std::optional<CheckInRefusal> refusal;
  switch (e.code) {
    case ErrorCode::kUnavailable:
    case ErrorCode::kStorageFailed:
    case ErrorCode::kStorageFull:
      if (now - checkin_started_ < config_.issue_give_up_ms) {
        checkin_retry_at_ = now + config_.issue_retry_ms;  // checking in twice gives one ticket
        return;
      }
      break;
    case ErrorCode::kTooEarly:
      refusal = CheckInRefusal::kTooEarly;
      break;
    case ErrorCode::kTooLate:
      refusal = CheckInRefusal::kTooLate;
      break;
    case ErrorCode::kNotFound:
    case ErrorCode::kInvalidInput:
      refusal = CheckInRefusal::kNotFound;
      break;
    case ErrorCode::kConflict:
      refusal = CheckInRefusal::kNotUsable;
      break;
    default:
      break;
  }
  checkin_.reset();
  if (refusal) {
    Go(KioskState::kCheckInRefused, now);
    refusal_ = refusal;
    refused_code_ = code;
    refusal_message_ = e.message;
    opens_at_ = *refusal == CheckInRefusal::kTooEarly ? CheckInOpensAt(e.message) : "";
    late_service_ = booking_service;
    return;
  }
  error_detail_ = std::string(ErrorCodeName(e.code)) + ": " + e.message;
  attempt_failed_ = true;
  Go(KioskState::kOutOfOrder, now);
}

void KioskScreen::TickCheckIn(UnixMs now) {
  if (checkin_ && now - checkin_started_ >= config_.issue_give_up_ms) {
    // No answer in time (a hung server): say so now. Scanning again later is safe: the
    // server gives the same ticket for a booking checked in twice.
    checkin_.reset();
    error_detail_ = "unavailable: no check-in answer within " + std::to_string(config_.issue_give_up_ms) + " ms";
    attempt_failed_ = true;
    Go(KioskState::kOutOfOrder, now);
  } else if (checkin_ && !checkin_due_ && checkin_retry_at_ && now >= checkin_retry_at_) {
    checkin_retry_at_ = 0;
    checkin_due_ = true;
  }
}

}  // namespace antre::kiosk
