#include "kiosk/speech_guide.h"

#include <algorithm>

namespace antre::kiosk {

void SpeechGuide::TurnOn() {
  is_on_ = true;
  intro_due_ = true;
  screen_due_ = true;
  focus_.clear();
}

void SpeechGuide::End() {
  is_on_ = false;
  intro_due_ = screen_due_ = false;
  focus_.clear();
  pending_.reset();
}

bool SpeechGuide::Tap(const std::string& id, std::vector<std::string> label_clips) {
  if (id == focus_) return true;
  focus_ = id;
  Say(std::move(label_clips));
  return false;
}

std::string SpeechGuide::Move(const std::vector<std::string>& ids, int step) {
  if (ids.empty()) return focus_ = "";
  auto it = std::find(ids.begin(), ids.end(), focus_);
  const int n = static_cast<int>(ids.size());
  int at;
  if (it == ids.end()) {
    at = step > 0 ? 0 : n - 1;  // nothing highlighted yet: start at either end
  } else {
    at = ((static_cast<int>(it - ids.begin()) + step) % n + n) % n;
  }
  return focus_ = ids[static_cast<size_t>(at)];
}

void SpeechGuide::Say(std::vector<std::string> clips) { pending_ = std::move(clips); }

bool SpeechGuide::SeeScreen(const std::string& screen_key) {
  if (screen_key == screen_key_) return false;
  screen_key_ = screen_key;
  focus_.clear();
  if (is_on_) {
    screen_due_ = true;
    pending_.reset();  // a label said on the old screen is stale now
  }
  return true;
}

std::optional<std::vector<std::string>> SpeechGuide::Take(
    const std::vector<std::string>& intro, const std::function<std::vector<std::string>()>& say_screen) {
  if (!is_on_) {
    auto out = std::move(pending_);
    pending_.reset();
    return out;
  }
  if (intro_due_ || screen_due_) {
    std::vector<std::string> out;
    if (intro_due_) out = intro;
    std::vector<std::string> screen = say_screen();
    out.insert(out.end(), screen.begin(), screen.end());
    intro_due_ = screen_due_ = false;
    pending_.reset();
    return out;
  }
  auto out = std::move(pending_);
  pending_.reset();
  return out;
}

}  // namespace antre::kiosk
