// The kiosk state machine's speech mode: what each screen says (its title, then its
// choices), the label of each control, keypad navigation, and the number said after every
// ticket. Clips and phrases: kiosk_voice.h; the two-tap rule: speech_guide.h.
#include <algorithm>

#include "kiosk/kiosk_screen.h"
#include "kiosk/kiosk_voice.h"

namespace antre::kiosk {

namespace {

// Where a control comes in the spoken list and the keypad's order: the choices a resident
// came for first, the language and the speaker button last.
int SpeechRank(const std::string& id) {
  if (id.rfind("service:", 0) == 0) return 0;
  if (id.rfind("group:", 0) == 0) return 1;
  if (id == "booking") return 2;
  if (id.rfind("key:", 0) == 0) return 3;
  if (id == "lang") return 5;
  if (id == kSpeechButtonId) return 6;
  return 4;
}

void Append(std::vector<std::string>* out, const std::vector<std::string>& more) {
  out->insert(out->end(), more.begin(), more.end());
}

}  // namespace

std::string KioskScreen::SpeechScreenKey() const {
  std::string key = std::to_string(static_cast<int>(state_)) + (lang_ == Lang::kId ? "|id|" : "|en|") +
                    PriorityName(chosen_priority_) + (walk_in_offer_ ? "|walk-in|" : "|") + closed_service_ +
                    (closed_for_quota_ ? "|quota|" : "|") +
                    (refusal_ ? std::to_string(static_cast<int>(*refusal_)) : "");
  if (state_ == KioskState::kTicket && ticket_) {
    bool fault = printer_ && *printer_ != PrinterStatus::kOk;
    key += "|" + ticket_->ticket.id + (fault ? "|not-printed" : "");
  }
  return key;
}

std::vector<std::string> KioskScreen::SpeechOrder() const {
  std::vector<std::string> ids;
  for (const ui::TouchTarget& t : BuildFrame(ui::FakeTextMeasurer()).targets) ids.push_back(t.id);
  std::stable_sort(ids.begin(), ids.end(),
                   [](const std::string& a, const std::string& b) { return SpeechRank(a) < SpeechRank(b); });
  return ids;
}

std::vector<std::string> KioskScreen::SayTitle() const {
  auto clip = [&](const char* name) { return std::vector<std::string>{KioskClip(lang_, name)}; };
  switch (state_) {
    case KioskState::kHome:
      if (chosen_priority_ != Priority::kNone) {
        std::vector<std::string> out = clip("priority_title");
        Append(&out, CommonTargetClips(lang_, std::string("group:") + PriorityName(chosen_priority_)));
        return out;
      }
      return clip(walk_in_offer_ ? "walk_in_title" : "home_title");
    case KioskState::kTicket: {
      if (!ticket_) return {};
      std::vector<std::string> out = TicketAnnouncementClips(lang_, ticket_->ticket.number);
      if (printer_ && *printer_ != PrinterStatus::kOk) Append(&out, clip("not_printed"));
      return out;
    }
    case KioskState::kClosed: return clip(closed_for_quota_ ? "quota_full" : "closed");
    case KioskState::kOutOfOrder: return clip("out_of_order");
    case KioskState::kCodeEntry: return clip("code_title");
    case KioskState::kCheckInRefused:
      if (!refusal_) return {};
      switch (*refusal_) {
        case CheckInRefusal::kTooEarly: return clip("too_early");
        case CheckInRefusal::kTooLate: return clip("too_late");
        case CheckInRefusal::kNotFound: return clip("not_found");
        case CheckInRefusal::kNotUsable: return clip("not_usable");
      }
      return {};
    case KioskState::kLoading:
    case KioskState::kIssuing:
    case KioskState::kCheckingIn: return clip("please_wait");
  }
  return {};
}

std::vector<std::string> KioskScreen::SayTarget(const std::string& id) const {
  if (id.rfind("service:", 0) == 0) {
    const std::string service = id.substr(8);
    for (size_t i = 0; i < services_.size(); ++i) {
      if (services_[i].service.id == service) return ServiceClips(lang_, service, static_cast<int>(i));
    }
    return ServiceClips(lang_, service, static_cast<int>(services_.size()));
  }
  return CommonTargetClips(lang_, id);
}

std::vector<std::string> KioskScreen::SayScreen() const {
  std::vector<std::string> out = SayTitle();
  // The code keyboard's thirty keys are not read out; the keypad reaches each of them.
  for (const std::string& id : SpeechOrder()) {
    if (id != kSpeechButtonId && id.rfind("key:", 0) != 0) Append(&out, SayTarget(id));
  }
  return out;
}

void KioskScreen::OnNavKey(ui::NavKey key, UnixMs now) {
  last_tap_ = now;
  dirty_ = true;
  if (!speech_.is_on()) {
    speech_.TurnOn();  // a navigator means a resident who may not see the screen
    return;
  }
  if (key == ui::NavKey::kRepeat) {
    speech_.RepeatScreen();
    return;
  }
  std::string id = speech_.Move(SpeechOrder(), key == ui::NavKey::kNext ? 1 : -1);
  if (!id.empty()) speech_.Say(SayTarget(id));
}

std::optional<std::vector<std::string>> KioskScreen::TakeSpeech() {
  if (speech_.SeeScreen(SpeechScreenKey())) {
    dirty_ = true;  // a highlight on the old screen is gone
    if (state_ == KioskState::kTicket && ticket_ && ticket_->ticket.id != announced_ticket_) {
      announced_ticket_ = ticket_->ticket.id;
      // In speech mode the ticket screen's own title says the number.
      if (!speech_.is_on() && config_.announce_ticket)
        speech_.Say(TicketAnnouncementClips(lang_, ticket_->ticket.number));
    }
  }
  return speech_.Take({KioskClip(lang_, "speech_on")}, [this] { return SayScreen(); });
}

}  // namespace antre::kiosk
