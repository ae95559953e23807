// The ticket kiosk and the survey kiosk inside the window shell (shared/ui/window_shell.h):
// one client for both, since their screens and apps have the same shape.
#pragma once

#include <SDL.h>

#include <cstdio>
#include <memory>
#include <string>

#include "kiosk/kiosk_screen.h"
#include "kiosk/kiosk_settings.h"
#include "ui/window_shell.h"
#include "voice/audio_sink.h"

namespace antre::kiosk {

// Feeds the shell's input to a screen (KioskScreen or SurveyScreen), pumps its app, and
// plays what the screen says on the sink (each new utterance cuts off the last one).
// Screen and app are not owned and must outlive the client; the sink is owned (created in
// the shell, so SDL audio is released before SDL quits). Starts the app; stops it when done.
template <typename Screen, typename App>
class ScreenClient : public ui::ShellClient {
 public:
  ScreenClient(Screen* screen, App* app, std::unique_ptr<AudioSink> sink, int volume)
      : screen_(screen), app_(app), sink_(std::move(sink)), volume_(volume) {
    app_->Start();
  }
  ~ScreenClient() override { app_->Stop(); }

  void Resize(int width, int height) override { screen_->Resize(width, height); }
  void OnTap(ui::Point p, UnixMs now) override { screen_->OnTap(p, now); }
  void OnText(const std::string& text, UnixMs now) override { screen_->OnText(text, now); }
  void OnEnter(UnixMs now) override { screen_->OnEnter(now); }
  void OnBackspace(UnixMs now) override { screen_->OnBackspace(now); }
  void OnNavKey(ui::NavKey key, UnixMs now) override { screen_->OnNavKey(key, now); }
  ui::KeyAction OnKey(int32_t key, UnixMs now) override {
    if (key == SDLK_ESCAPE) screen_->OnEscape(now);  // staff: back home (the kiosk never quits)
    return ui::KeyAction::kNone;
  }
  void Pump(UnixMs now) override {
    app_->Pump(now);
    if (auto clips = screen_->TakeSpeech()) {
      sink_->Stop();
      if (!clips->empty()) sink_->Play(*clips, volume_);
    }
  }
  bool TakeDirty() override { return screen_->TakeDirty(); }
  ui::Frame BuildFrame(const ui::TextMeasurer& m, UnixMs) override { return screen_->BuildFrame(m); }

 private:
  Screen* screen_;
  App* app_;
  std::unique_ptr<AudioSink> sink_;
  int volume_;
};

// The screens' settings from the kiosk's settings.
inline ScreenConfig MakeScreenConfig(const KioskSettings& s) {
  ScreenConfig sc;
  sc.width = s.width, sc.height = s.height, sc.width_mm = s.screen_w_mm, sc.height_mm = s.screen_h_mm;
  sc.public_url = s.public_url;
  sc.default_lang = s.lang;
  sc.speech_button = s.speech_button;
  sc.announce_ticket = s.announce_ticket;
  return sc;
}

// The window of either kiosk: keypad navigation on, text input on (USB scanners).
inline ui::ShellOptions MakeShellOptions(const KioskSettings& s, const std::string& title) {
  ui::ShellOptions o;
  o.title = title;
  o.width = s.width, o.height = s.height;
  o.fullscreen = s.fullscreen;
  o.keypad_nav = true;
  o.log = [](const std::string& line) { std::fprintf(stderr, "antre-kiosk: %s\n", line.c_str()); };
  return o;
}

}  // namespace antre::kiosk
