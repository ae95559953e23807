// The kiosk's survey mode (`antre-kiosk --survey`) as a state machine with no SDL and no I/O:
// a resident types today's ticket number on a keypad, the app asks the server whether that
// ticket's survey is open, then nine questions U1-U9 are answered with big buttons and the
// answers go to the server. Taps and server answers go in; draw lists and requests come out.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/survey.h"
#include "kiosk/kiosk_screen.h"
#include "kiosk/speech_guide.h"
#include "ui/draw.h"
#include "ui/text_layout.h"

namespace antre::kiosk {

// Which survey screen is showing.
enum class SurveyState {
  kNumber,    // keypad: today's ticket number
  kChecking,  // asking the server whether this ticket's survey is open
  kQuestion,  // one of the nine questions
  kSending,   // the answers are on their way
  kThanks,    // stored; back to the keypad after a while
  kRefused,   // unknown number, not served yet, already answered, or no server
};

// Why the survey cannot go on.
enum class SurveyRefusal { kNotFound, kNotServed, kAnswered, kUnavailable };

// Answers the app should send for today's ticket `number` (the same on every retry).
struct SurveySubmission {
  std::string number;  // "A013"
  std::array<int, kSurveyElements> answers{};
};

// The survey kiosk. Not thread-safe: the app drives it from one thread.
class SurveyScreen {
 public:
  explicit SurveyScreen(ScreenConfig config);

  // --- input ---
  void OnTap(ui::Point p, UnixMs now);
  // Keyboard: a letter sets the number's prefix, digits are appended; Enter continues,
  // Backspace deletes, Escape starts over.
  void OnText(const std::string& utf8, UnixMs now);
  void OnEnter(UnixMs now);
  void OnBackspace(UnixMs now);
  void OnEscape(UnixMs now);
  // A keypad navigator's key, as on the ticket kiosk (KioskScreen::OnNavKey): the first turns
  // speech on, then Next/Previous move the highlight, Repeat says the screen again; Enter
  // acts on the highlighted control.
  void OnNavKey(ui::NavKey key, UnixMs now);
  // The ticket prefixes the keypad offers ("A".."F"), from the site's services.
  void SetPrefixes(std::vector<std::string> prefixes);
  // The site's name for the header, once the server told it.
  void SetSiteName(const std::string& name);
  // The server's answer about `number`: "open", "not_served", "answered" or an error
  // (NotFound: no such number today; Unavailable: no server). Stale answers are ignored.
  void OnChecked(const std::string& number, const Result<std::string>& state, UnixMs now);
  // How sending the answers for `number` went.
  void OnSent(const std::string& number, const Status& status, UnixMs now);
  // Advances timers: the thanks and refusal screens return to the keypad, an abandoned survey
  // is dropped after config.idle_ms.
  void Tick(UnixMs now);
  void Resize(int width, int height);

  // --- output ---
  // A number the app should check now (taken once per check).
  std::optional<std::string> TakeCheckRequest();
  // Answers the app should send now (taken once per send).
  std::optional<SurveySubmission> TakeSubmission();
  // Clips to play now in speech mode (taken once): each screen's title (the question and its
  // number) and choices when it changes, a control's label when it is highlighted.
  std::optional<std::vector<std::string>> TakeSpeech();
  // True once after anything visible changed.
  bool TakeDirty();
  ui::Frame BuildFrame(const ui::TextMeasurer& m) const;
  // Smallest allowed touch target: 20 mm on the configured screen.
  int MinTargetPx() const;

  SurveyState state() const { return state_; }
  ui::Lang lang() const { return lang_; }
  // The number as it will be sent ("A013"), or "" while it is incomplete.
  std::string number() const;
  int question() const { return question_; }  // 0 = U1
  const std::array<int, kSurveyElements>& answers() const { return answers_; }
  std::optional<SurveyRefusal> refusal() const { return refusal_; }
  bool speech_on() const { return speech_.is_on(); }
  const std::string& focus() const { return speech_.focus(); }

 private:
  void Go(SurveyState s, UnixMs now);
  void Act(const std::string& id, UnixMs now);
  // Speech (survey_speech.cpp).
  std::string SpeechScreenKey() const;
  std::vector<std::string> SpeechOrder() const;
  std::vector<std::string> SayTitle() const;
  std::vector<std::string> SayTarget(const std::string& id) const;
  std::vector<std::string> SayScreen() const;
  void Restart(UnixMs now);
  void Continue(UnixMs now);
  void Answer(int value, UnixMs now);
  void Back(UnixMs now);
  void TypeDigit(char d);
  void Delete();
  // Drawing (survey_draw.cpp).
  int Header(ui::Frame* f, const ui::TextMeasurer& m) const;
  void BuildNumber(ui::Frame* f, const ui::TextMeasurer& m, int top) const;
  void BuildQuestion(ui::Frame* f, const ui::TextMeasurer& m, int top) const;
  void BuildMessage(ui::Frame* f, const ui::TextMeasurer& m, int top) const;

  ScreenConfig config_;
  SurveyState state_ = SurveyState::kNumber;
  ui::Lang lang_ = ui::Lang::kId;
  UnixMs state_since_ = 0;
  UnixMs last_input_ = 0;
  bool dirty_ = true;
  std::vector<std::string> prefixes_ = {"A", "B", "C", "D", "E", "F"};
  std::string prefix_;
  std::string digits_;
  std::string checking_;  // the number asked about
  int question_ = 0;
  std::array<int, kSurveyElements> answers_{};
  std::optional<std::string> check_request_;
  std::optional<SurveySubmission> submission_;  // in flight or failed, for a retry
  bool submission_due_ = false;
  std::optional<SurveyRefusal> refusal_;
  SpeechGuide speech_;
};

}  // namespace antre::kiosk
