// The kiosk's screens as one state machine with no SDL and no I/O: taps, server answers and
// printer results go in; draw lists and requests for the app (issue, print) come out.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "core/views.h"
#include "kiosk/speech_guide.h"
#include "ui/date_format.h"
#include "ui/draw.h"
#include "ui/text_layout.h"
#include "ui/window_shell.h"

namespace antre::kiosk {

using ui::Lang;

// Which screen is showing.
enum class KioskState {
  kLoading,     // no answer from the server yet
  kHome,        // service buttons, and the priority groups (a group tap lists the services
                // again, for a priority ticket: two taps in all)
  kIssuing,     // waiting for the server to issue a ticket
  kTicket,      // the number, QR code, print status
  kClosed,      // the chosen service stopped taking tickets
  kOutOfOrder,  // the server cannot be reached or refuses the kiosk
  kCodeEntry,   // typing or scanning an OPAK MANIS booking code
  kCheckingIn,  // waiting for the server to check the booking in
  kCheckInRefused,  // too early, too late, unknown or unusable code
};

// Why the server refused a check-in.
enum class CheckInRefusal {
  kTooEarly,   // before the window opens (the time it opens is shown)
  kTooLate,    // after the window closed: a walk-in ticket is offered
  kNotFound,   // no booking with this code here
  kNotUsable,  // cancelled, no-show or otherwise not bookable any more
};

// The public blank-card (blangko) stock level: only low and empty are shown to residents.
enum class CardStockLevel { kUnknown, kAvailable, kLow, kEmpty };
// Reads a wire name ("available", "low", "empty"); kUnknown for anything else.
CardStockLevel ParseStockLevel(const std::string& name);

// How the last print went (wire names: "ok", "paper_out", "error", "offline").
enum class PrinterStatus { kOk, kPaperOut, kError, kOffline };
const char* PrinterStatusName(PrinterStatus s);

// Settings the screens need.
struct ScreenConfig {
  std::string site_name = "Disdukcapil";
  TimeZone tz{"Asia/Jakarta", 420};
  std::string public_url;            // QR codes link to {public_url}/t/{ticket id}
  int width = 1080, height = 1920;   // pixels
  double width_mm = 268, height_mm = 476;  // physical size of that screen
  int idle_ms = 45000;               // no tap for this long: home, Indonesian
  int ticket_ms = 12000;             // the ticket screen returns home after this
  int ticket_fault_ms = 90000;       // ... or this, when the printer failed
  int tap_guard_ms = 1200;           // taps right after a screen change are ignored
  int issue_retry_ms = 1000;         // delay between retries of a failed issue
  int issue_give_up_ms = 4500;       // no ticket by then (answer or not): out of order, so a
                                     // tap is always answered within 5 s
  int late_ticket_ms = 60000;        // a ticket the server makes after the give-up is still
                                     // shown and printed when its answer comes this soon
  Lang default_lang = Lang::kId;     // the idle timeout returns to this language
  bool has_printer = true;           // false (printer none): residents note their number
  bool speech_button = true;         // the "Bantuan suara" button on every screen
  bool announce_ticket = true;       // say the new ticket's number even without speech mode
};

// A ticket the app should issue; the same key on every retry of one attempt.
struct IssueRequest {
  std::string service;
  Priority priority = Priority::kNone;
  std::string idempotency_key;
};

// A booking the app should check in; the same code on every retry of one attempt.
struct CheckInRequest {
  std::string code;  // 8 characters, upper case, no dash
};

// The server's answer to a check-in: the ticket, and whether it was made earlier (a repeat).
struct CheckInAnswer {
  TicketView ticket;  // ticket.booking holds the code
  bool replayed = false;
};

// A ticket the app should print.
struct PrintJob {
  TicketView ticket;
  Service service;
  std::string site_name;
  std::string qr_url;
  UnixMs issued_at = 0;
  TimeZone tz;
};

// The kiosk state machine. Not thread-safe: the app drives it from one thread.
class KioskScreen {
 public:
  // new_key makes a fresh idempotency key for each new ticket attempt.
  KioskScreen(ScreenConfig config, std::function<std::string()> new_key);

  // --- input ---
  // A tap at a point in frame pixels.
  void OnTap(ui::Point p, UnixMs now);
  // Escape: back to home (a staff/keyboard convenience).
  void OnEscape(UnixMs now);
  // Text typed on a keyboard or by a USB scanner (UTF-8). On home or the code screen (or a
  // ticket/refusal screen, so the next resident can scan at once) code characters go into
  // the booking code; other text is kept only to find a code in a scanned link.
  void OnText(const std::string& utf8, UnixMs now);
  // Enter: a scan or typing is finished; checks the code in if it is complete.
  void OnEnter(UnixMs now);
  // Backspace on a keyboard: removes the last code character.
  void OnBackspace(UnixMs now);
  // A key of a USB keypad or headset-jack navigator. The first one turns speech mode on
  // (the screen is said); then Next/Previous move the highlight and say its label, Repeat
  // says the screen again, and Enter (OnEnter) acts on the highlighted control.
  void OnNavKey(ui::NavKey key, UnixMs now);
  // The server's answer to a CheckInRequest (matched by code; stale answers are ignored).
  // booking_service names the booking's service when the server said it (a too-late walk-in
  // ticket is then offered for it directly; otherwise the service list is shown).
  void OnCheckedIn(const std::string& code, const Result<CheckInAnswer>& answer, UnixMs now,
                   const std::string& booking_service = "");
  // The blank-card stock level, from the stock endpoint or a stock.changed event.
  void OnStockLevel(CardStockLevel level);
  // The supervisors' announcements live now, for the home screen's ticker line (replaces
  // the list; several take turns).
  void OnAnnouncements(const std::vector<Announcement>& items);
  // The service list with live counts, or the error that prevented reading it.
  void OnServices(const Result<std::vector<ServiceStatus>>& services, UnixMs now);
  // The answer to an IssueRequest (matched by key; stale answers are ignored).
  void OnIssued(const std::string& idempotency_key, const Result<TicketView>& ticket, UnixMs now);
  // How printing the ticket with this id went.
  void OnPrinted(const std::string& ticket_id, PrinterStatus status, UnixMs now);
  // Site name and time zone once the server told them.
  void SetSite(const std::string& name, const TimeZone& tz);
  // Advances timers (idle, ticket timeout, issue retries, the clock in the header).
  void Tick(UnixMs now);
  // The screen size changed.
  void Resize(int width, int height);

  // --- output ---
  // An issue the app should send now (taken once per send).
  std::optional<IssueRequest> TakeIssueRequest();
  // A check-in the app should send now (taken once per send).
  std::optional<CheckInRequest> TakeCheckInRequest();
  // A ticket the app should print now (taken once).
  std::optional<PrintJob> TakePrintJob();
  // Clips to play now, cutting off whatever still sounds (taken once): in speech mode the
  // screen's title and choices when it changes, a control's label when it is highlighted;
  // in every mode the number of a newly issued ticket (unless config.announce_ticket is off).
  std::optional<std::vector<std::string>> TakeSpeech();
  // True once after anything visible changed.
  bool TakeDirty();
  // The current screen as draw commands and touch targets, laid out with m.
  ui::Frame BuildFrame(const ui::TextMeasurer& m) const;
  // Smallest allowed touch target: 20 mm on the configured screen.
  int MinTargetPx() const;
  // Smallest text size (px) whose capitals are 4.8 mm tall on the configured screen.
  int MinTextPx() const;

  KioskState state() const { return state_; }
  // True while speech mode is on (until the kiosk returns home for the next resident).
  bool speech_on() const { return speech_.is_on(); }
  // The control speech mode has highlighted ("" if none).
  const std::string& focus() const { return speech_.focus(); }
  Lang lang() const { return lang_; }
  const std::optional<TicketView>& ticket() const { return ticket_; }
  std::optional<PrinterStatus> printer_status() const { return printer_; }
  const std::vector<ServiceStatus>& services() const { return services_; }
  const ScreenConfig& config() const { return config_; }
  // The booking code typed so far (upper case, no dash).
  const std::string& code() const { return code_; }
  std::optional<CheckInRefusal> refusal() const { return refusal_; }
  CardStockLevel stock() const { return stock_; }
  const std::vector<Announcement>& announcements() const { return announcements_; }
  // The announcement the ticker shows now, if any.
  const Announcement* CurrentAnnouncement() const;
  // Minutes of the last clock shown (the app redraws when it changes).
  UnixMs now() const { return now_; }

 private:
  void Go(KioskState s, UnixMs now);
  // Does what tapping the control `id` does (after speech mode's first tap, if on).
  void Act(const std::string& id, UnixMs now);
  // The resident's session is over: speech mode ends with it.
  void EndSession();
  // Speech (kiosk_speech.cpp).
  std::string SpeechScreenKey() const;
  std::vector<std::string> SpeechOrder() const;
  std::vector<std::string> SayTitle() const;
  std::vector<std::string> SayTarget(const std::string& id) const;
  std::vector<std::string> SayScreen() const;
  void StartIssue(const std::string& service, Priority priority, UnixMs now);
  // Ends the attempt in flight on the out-of-order screen; a late ticket for it is still shown.
  void GiveUpIssue(UnixMs now);
  const Service* FindService(const std::string& id) const;
  void BuildHome(ui::Frame* f, const ui::TextMeasurer& m) const;
  void PriorityPanel(ui::Frame* f, const ui::TextMeasurer& m, ui::Rect panel) const;
  void ServiceTile(ui::Frame* f, ui::Rect r, const ServiceStatus& st, int name_px, int text_px) const;
  const std::string& ServiceAbout(const ServiceStatus& st) const;
  std::string ServiceDetail(const ServiceStatus& st) const;
  int PrinterNotice(ui::Frame* f, const ui::TextMeasurer& m, int bottom) const;
  void BuildTicket(ui::Frame* f, const ui::TextMeasurer& m) const;
  void BuildMessage(ui::Frame* f, const ui::TextMeasurer& m) const;
  void BuildCodeEntry(ui::Frame* f, const ui::TextMeasurer& m) const;
  void BuildRefusal(ui::Frame* f, const ui::TextMeasurer& m) const;
  void StockNotice(ui::Frame* f, const ui::TextMeasurer& m, ui::Rect band) const;
  int AnnouncementLine(ui::Frame* f, const ui::TextMeasurer& m, int top) const;
  // Check-in: kiosk_checkin.cpp.
  bool OnCheckInTap(const std::string& id, UnixMs now);
  void StartCheckIn(const std::string& code, UnixMs now);
  void TickCheckIn(UnixMs now);
  bool AcceptsCodeInput() const;
  void QueuePrint(UnixMs now);
  int Header(ui::Frame* f, const ui::TextMeasurer& m, bool with_lang) const;
  int FreeNotice(ui::Frame* f, const ui::TextMeasurer& m, int bottom) const;

  ScreenConfig config_;
  std::function<std::string()> new_key_;
  KioskState state_ = KioskState::kLoading;
  Lang lang_ = Lang::kId;
  UnixMs now_ = 0;
  UnixMs state_since_ = 0;
  UnixMs last_tap_ = 0;
  bool dirty_ = true;

  std::vector<ServiceStatus> services_;
  bool has_services_ = false;
  Priority chosen_priority_ = Priority::kNone;  // set while choosing a service as priority
  std::string closed_service_;
  bool closed_for_quota_ = false;  // the closed screen explains a used-up daily quota

  // The ticket attempt in flight: its key is reused for every retry.
  std::optional<IssueRequest> attempt_;
  bool attempt_due_ = false;
  UnixMs attempt_started_ = 0;
  UnixMs attempt_retry_at_ = 0;
  bool attempt_failed_ = false;  // gave up: the out-of-order screen says no ticket was made
  std::string late_key_;         // the attempt given up on: its ticket, if made, is still shown
  UnixMs late_until_ = 0;

  std::optional<TicketView> ticket_;
  UnixMs ticket_at_ = 0;
  std::optional<PrintJob> print_job_;
  bool printing_ = false;
  std::optional<PrinterStatus> printer_;  // last known, from the last print
  std::string error_detail_;

  // OPAK MANIS check-in.
  std::string code_;      // code characters typed or scanned so far
  std::string scan_raw_;  // every character typed since the last Enter (bounded)
  std::optional<CheckInRequest> checkin_;  // in flight: repeats are ignored until it ends
  bool checkin_due_ = false;
  UnixMs checkin_started_ = 0;
  UnixMs checkin_retry_at_ = 0;
  std::optional<CheckInRefusal> refusal_;
  std::string refused_code_;
  std::string refusal_message_;  // the server's words, e.g. "this booking is cancelled"
  std::string opens_at_;      // "08:30" when the server said when check-in opens
  std::string late_service_;  // the booking's service, if the server named it
  bool walk_in_offer_ = false;  // home shows "choose a service for a normal ticket"
  std::string printed_ticket_id_;  // the last ticket sent to the printer, and when
  UnixMs printed_at_ = 0;
  bool reprint_skipped_ = false;  // a repeat scan showed a ticket printed moments ago
  CardStockLevel stock_ = CardStockLevel::kUnknown;
  std::vector<Announcement> announcements_;

  SpeechGuide speech_;
  std::string announced_ticket_;  // the last ticket whose number was said
};

// How long each of several announcements stays on the kiosk's ticker line.
constexpr UnixMs kAnnouncementTurnMs = 8000;

}  // namespace antre::kiosk
