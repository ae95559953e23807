#include "kiosk/survey_screen.h"

#include <algorithm>
#include <cctype>

#include "core/numbering.h"
#include "ui/layout_check.h"

namespace antre::kiosk {
namespace {

// Taps this soon after the screen or the question changed are ignored, so a double tap
// cannot answer the next question too.
constexpr UnixMs kTapGuardMs = 500;
constexpr UnixMs kThanksMs = 8000;
constexpr UnixMs kRefusedMs = 20000;
constexpr size_t kMaxDigits = 4;

}  // namespace

SurveyScreen::SurveyScreen(ScreenConfig config)
    : config_(std::move(config)), lang_(config_.default_lang) {}

int SurveyScreen::MinTargetPx() const {
  return std::max(ui::MmToPx(20, config_.width, config_.width_mm),
                  ui::MmToPx(20, config_.height, config_.height_mm));
}

void SurveyScreen::Resize(int width, int height) {
  if (width == config_.width && height == config_.height) return;
  config_.width = width;
  config_.height = height;
  dirty_ = true;
}

bool SurveyScreen::TakeDirty() {
  bool d = dirty_;
  dirty_ = false;
  return d;
}

std::optional<std::string> SurveyScreen::TakeCheckRequest() {
  auto r = check_request_;
  check_request_.reset();
  return r;
}

std::optional<SurveySubmission> SurveyScreen::TakeSubmission() {
  if (!submission_due_) return std::nullopt;
  submission_due_ = false;
  return submission_;
}

void SurveyScreen::SetPrefixes(std::vector<std::string> prefixes) {
  if (prefixes.empty() || prefixes == prefixes_) return;
  prefixes_ = std::move(prefixes);
  dirty_ = true;
}

void SurveyScreen::SetSiteName(const std::string& name) {
  if (name == config_.site_name) return;
  config_.site_name = name;
  dirty_ = true;
}

std::string SurveyScreen::number() const {
  if (prefix_.empty() || digits_.empty()) return "";
  int seq = std::stoi(digits_);
  return seq >= 1 ? FormatTicketNumber(prefix_, seq) : "";
}

void SurveyScreen::Go(SurveyState s, UnixMs now) {
  state_ = s;
  state_since_ = now;
  dirty_ = true;
}

void SurveyScreen::Restart(UnixMs now) {
  prefix_.clear();
  digits_.clear();
  answers_ = {};
  question_ = 0;
  submission_.reset();
  submission_due_ = false;
  refusal_.reset();
  lang_ = config_.default_lang;
  Go(SurveyState::kNumber, now);
}

// ---------------------------------------------------------------- input

void SurveyScreen::TypeDigit(char d) {
  if (digits_.size() < kMaxDigits) digits_ += d;
  dirty_ = true;
}

void SurveyScreen::Delete() {
  if (!digits_.empty()) {
    digits_.pop_back();
  } else {
    prefix_.clear();
  }
  dirty_ = true;
}

void SurveyScreen::Continue(UnixMs now) {
  std::string n = number();
  if (n.empty()) return;
  checking_ = n;
  check_request_ = n;
  Go(SurveyState::kChecking, now);
}

void SurveyScreen::Answer(int value, UnixMs now) {
  answers_[question_] = value;
  if (question_ + 1 < kSurveyElements) {
    ++question_;
    Go(SurveyState::kQuestion, now);
    return;
  }
  submission_ = SurveySubmission{checking_, answers_};
  submission_due_ = true;
  Go(SurveyState::kSending, now);
}

void SurveyScreen::Back(UnixMs now) {
  if (question_ == 0) return Go(SurveyState::kNumber, now);
  --question_;
  Go(SurveyState::kQuestion, now);
}

void SurveyScreen::OnTap(ui::Point p, UnixMs now) {
  if (now - state_since_ < kTapGuardMs) return;
  std::string id = BuildFrame(ui::FakeTextMeasurer()).HitTest(p);
  if (id.empty()) return;
  last_input_ = now;
  if (id == kSpeechButtonId) {
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

void SurveyScreen::Act(const std::string& id, UnixMs now) {
  if (id == "lang") {
    lang_ = lang_ == ui::Lang::kId ? ui::Lang::kEn : ui::Lang::kId;
    dirty_ = true;
  } else if (id.rfind("prefix:", 0) == 0) {
    prefix_ = id.substr(7);
    dirty_ = true;
  } else if (id.rfind("digit:", 0) == 0) {
    TypeDigit(id.back());
  } else if (id == "delete") {
    Delete();
  } else if (id == "continue") {
    Continue(now);
  } else if (id.rfind("choice:", 0) == 0) {
    Answer(id.back() - '0', now);
  } else if (id == "back") {
    Back(now);
  } else if (id == "cancel" || id == "done" || id == "ok") {
    if (id != "ok") speech_.End();  // "ok" only goes back to the keypad: same resident
    Restart(now);
  } else if (id == "retry") {
    if (submission_) {
      submission_due_ = true;
      Go(SurveyState::kSending, now);
    } else {
      check_request_ = checking_;
      Go(SurveyState::kChecking, now);
    }
  }
}

void SurveyScreen::OnText(const std::string& utf8, UnixMs now) {
  if (state_ != SurveyState::kNumber) return;
  last_input_ = now;
  for (char c : utf8) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isdigit(u)) {
      TypeDigit(c);
    } else if (std::isalpha(u)) {
      std::string letter(1, static_cast<char>(std::toupper(u)));
      if (std::find(prefixes_.begin(), prefixes_.end(), letter) != prefixes_.end())
        prefix_ = letter;
      dirty_ = true;
    }
  }
}

void SurveyScreen::OnEnter(UnixMs now) {
  if (speech_.is_on() && !speech_.focus().empty()) {
    last_input_ = now;
    return Act(speech_.focus(), now);
  }
  if (state_ == SurveyState::kNumber) Continue(now);
}

void SurveyScreen::OnBackspace(UnixMs now) {
  if (state_ != SurveyState::kNumber) return;
  last_input_ = now;
  Delete();
}

void SurveyScreen::OnEscape(UnixMs now) {
  speech_.End();
  Restart(now);
}

// ---------------------------------------------------------------- server answers

void SurveyScreen::OnChecked(const std::string& number, const Result<std::string>& state,
                             UnixMs now) {
  if (state_ != SurveyState::kChecking || number != checking_) return;
  if (state.ok() && state.value() == "open") {
    question_ = 0;
    answers_ = {};
    last_input_ = now;
    return Go(SurveyState::kQuestion, now);
  }
  if (state.ok()) {
    refusal_ = state.value() == "answered" ? SurveyRefusal::kAnswered : SurveyRefusal::kNotServed;
  } else {
    refusal_ = state.error().code == ErrorCode::kNotFound ? SurveyRefusal::kNotFound
                                                          : SurveyRefusal::kUnavailable;
  }
  Go(SurveyState::kRefused, now);
}

void SurveyScreen::OnSent(const std::string& number, const Status& status, UnixMs now) {
  if (state_ != SurveyState::kSending || !submission_ || submission_->number != number) return;
  if (status.ok()) {
    submission_.reset();
    return Go(SurveyState::kThanks, now);
  }
  switch (status.error.code) {
    case ErrorCode::kAlreadyAnswered:
      refusal_ = SurveyRefusal::kAnswered;
      break;
    case ErrorCode::kConflict:
      refusal_ = SurveyRefusal::kNotServed;
      break;
    case ErrorCode::kNotFound:
      refusal_ = SurveyRefusal::kNotFound;
      break;
    default:
      refusal_ = SurveyRefusal::kUnavailable;
      break;
  }
  // Only a failure to reach the server is worth a retry with the same answers.
  if (refusal_ != SurveyRefusal::kUnavailable) submission_.reset();
  Go(SurveyState::kRefused, now);
}

void SurveyScreen::Tick(UnixMs now) {
  if ((state_ == SurveyState::kThanks && now - state_since_ >= kThanksMs) ||
      (state_ == SurveyState::kRefused && now - state_since_ >= kRefusedMs)) {
    speech_.End();
    return Restart(now);
  }
  bool started = state_ == SurveyState::kQuestion ||
                 (state_ == SurveyState::kNumber && (!prefix_.empty() || !digits_.empty() ||
                                                     lang_ != config_.default_lang || speech_.is_on()));
  // Someone walked away mid-survey: the next resident must not find their answers.
  if (started && now - std::max(last_input_, state_since_) >= config_.idle_ms) {
    speech_.End();
    Restart(now);
  }
}

}  // namespace antre::kiosk
