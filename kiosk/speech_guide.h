// Speech mode of one resident's session, shared by the ticket kiosk and the survey kiosk:
// which control is highlighted, and what should be said next. No SDL, no sound: the screen
// asks for clip lists and the window loop plays them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ui/window_shell.h"

namespace antre::kiosk {

// The target id of the speaker button ("Bantuan suara"; "Ulangi" once speech is on).
inline constexpr char kSpeechButtonId[] = "speech";

// Two-tap selection and keypad focus. Speech starts off; TurnOn() starts it for the session
// and End() ends it (the kiosk back home for the next resident).
class SpeechGuide {
 public:
  bool is_on() const { return is_on_; }
  // The highlighted target id, or "" when none is.
  const std::string& focus() const { return focus_; }

  // Turns speech on: the next Take() says `intro` and then the whole screen.
  void TurnOn();
  // Turns speech off and forgets focus and anything not yet said.
  void End();

  // A tap on target `id` while speech is on. Returns true if the caller should act on it
  // now (it was already highlighted: the second tap); otherwise `id` is highlighted and its
  // label (label_clips) is said.
  bool Tap(const std::string& id, std::vector<std::string> label_clips);
  // Moves the highlight by `step` (+1 next, -1 previous) over `ids` (the screen's targets in
  // reading order), wrapping around; returns the new focus ("" if ids is empty).
  std::string Move(const std::vector<std::string>& ids, int step);
  // Says these clips next (replacing anything not yet taken).
  void Say(std::vector<std::string> clips);
  // Says the whole screen again on the next Take().
  void RepeatScreen() { screen_due_ = true; }

  // Tells the guide which screen shows now (a string that changes with what the screen
  // says). Returns true if it changed since the last call; a new screen drops the highlight
  // and, with speech on, is said on the next Take().
  bool SeeScreen(const std::string& screen_key);

  // What to play now, if anything: the intro, the screen (built by say_screen only when due),
  // or the last label asked for. Taken once.
  std::optional<std::vector<std::string>> Take(const std::vector<std::string>& intro,
                                               const std::function<std::vector<std::string>()>& say_screen);

 private:
  bool is_on_ = false;
  bool intro_due_ = false;
  bool screen_due_ = false;
  std::string focus_;
  std::string screen_key_;
  std::optional<std::vector<std::string>> pending_;
};

}  // namespace antre::kiosk
