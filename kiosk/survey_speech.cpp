// The survey kiosk's speech mode: each question is said with its number and its four
// answers; the keypad, the refusals and the thanks are said too. Same rules as the ticket
// kiosk (kiosk_speech.cpp): speech_guide.h for the two taps, kiosk_voice.h for the clips.
#include <algorithm>

#include "kiosk/kiosk_voice.h"
#include "kiosk/survey_screen.h"

namespace antre::kiosk {

namespace {

// The answers first, then the number pad, then the other controls; language and speaker last.
int SpeechRank(const std::string& id) {
  if (id.rfind("choice:", 0) == 0) return 0;
  if (id.rfind("prefix:", 0) == 0) return 1;
  if (id.rfind("digit:", 0) == 0) return 2;
  if (id == "lang") return 4;
  if (id == kSpeechButtonId) return 5;
  return 3;
}

void Append(std::vector<std::string>* out, const std::vector<std::string>& more) {
  out->insert(out->end(), more.begin(), more.end());
}

}  // namespace

std::string SurveyScreen::SpeechScreenKey() const {
  return std::to_string(static_cast<int>(state_)) + (lang_ == ui::Lang::kId ? "|id|" : "|en|") +
         std::to_string(question_) + "|" + (refusal_ ? std::to_string(static_cast<int>(*refusal_)) : "");
}

std::vector<std::string> SurveyScreen::SpeechOrder() const {
  std::vector<std::string> ids;
  for (const ui::TouchTarget& t : BuildFrame(ui::FakeTextMeasurer()).targets) ids.push_back(t.id);
  std::stable_sort(ids.begin(), ids.end(),
                   [](const std::string& a, const std::string& b) { return SpeechRank(a) < SpeechRank(b); });
  return ids;
}

std::vector<std::string> SurveyScreen::SayTitle() const {
  auto clip = [&](const std::string& name) { return std::vector<std::string>{KioskClip(lang_, name)}; };
  switch (state_) {
    case SurveyState::kNumber: {
      std::vector<std::string> out = clip("survey_title");
      Append(&out, SayLabelClips(lang_, prefix_ + digits_));  // what is typed so far
      return out;
    }
    case SurveyState::kQuestion: {
      // "Pertanyaan tiga dari sembilan. Seberapa cepat layanan Anda selesai?"
      std::vector<std::string> out = clip("question");
      Append(&out, SayLabelClips(lang_, std::to_string(question_ + 1)));
      Append(&out, clip("of_nine"));
      Append(&out, clip("survey_q" + std::to_string(question_ + 1)));
      return out;
    }
    case SurveyState::kChecking:
    case SurveyState::kSending: return clip("please_wait");
    case SurveyState::kThanks: return clip("survey_thanks");
    case SurveyState::kRefused:
      switch (refusal_.value_or(SurveyRefusal::kUnavailable)) {
        case SurveyRefusal::kNotFound: return clip("survey_not_found");
        case SurveyRefusal::kNotServed: return clip("survey_not_served");
        case SurveyRefusal::kAnswered: return clip("survey_answered");
        case SurveyRefusal::kUnavailable: return clip("survey_offline");
      }
  }
  return {};
}

std::vector<std::string> SurveyScreen::SayTarget(const std::string& id) const {
  if (id.rfind("choice:", 0) == 0)
    return {KioskClip(lang_, "survey_q" + std::to_string(question_ + 1) + "_a" + id.substr(7))};
  return CommonTargetClips(lang_, id);
}

std::vector<std::string> SurveyScreen::SayScreen() const {
  std::vector<std::string> out = SayTitle();
  // The twelve keys of the number pad are not read out; the keypad reaches each of them.
  for (const std::string& id : SpeechOrder()) {
    if (id != kSpeechButtonId && id.rfind("digit:", 0) != 0 && id.rfind("prefix:", 0) != 0)
      Append(&out, SayTarget(id));
  }
  return out;
}

void SurveyScreen::OnNavKey(ui::NavKey key, UnixMs now) {
  last_input_ = now;
  dirty_ = true;
  if (!speech_.is_on()) return speech_.TurnOn();
  if (key == ui::NavKey::kRepeat) return speech_.RepeatScreen();
  std::string id = speech_.Move(SpeechOrder(), key == ui::NavKey::kNext ? 1 : -1);
  if (!id.empty()) speech_.Say(SayTarget(id));
}

std::optional<std::vector<std::string>> SurveyScreen::TakeSpeech() {
  if (speech_.SeeScreen(SpeechScreenKey())) dirty_ = true;
  return speech_.Take({KioskClip(lang_, "speech_on")}, [this] { return SayScreen(); });
}

}  // namespace antre::kiosk
