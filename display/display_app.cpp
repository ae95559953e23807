#include "display_app.h"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>

#include "board_screen.h"
#include "display_controller.h"
#include "status_reporter.h"
#include "ui/sdl_renderer.h"
#include "ui/system_clock.h"
#include "ui/window_shell.h"
#include "voice/sdl_audio_sink.h"

namespace antre {

namespace {

void Log(const std::string& line) {
  std::time_t t = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", std::localtime(&t));
  std::fprintf(stderr, "%s antre-display: %s\n", stamp, line.c_str());
}

// What the check-in says about the voice: muted by choice, no device, or fine.
DisplayHealth Health(const Announcer& announcer, const SdlAudioSink& sink) {
  if (announcer.is_muted()) return {"muted", ""};
  if (!sink.has_device()) return {"none", "no audio output device"};
  return {"ok", ""};
}

// The board inside the window shell: the live controller, the announcer and the check-in.
class DisplayClient : public ui::ShellClient {
 public:
  DisplayClient(const DisplaySettings& settings, std::chrono::steady_clock::time_point started,
                const ui::ShellContext& shell)
      : started_(started),
        sink_(settings.voice_dir.empty() ? DefaultVoiceDir() : settings.voice_dir, Log),
        announcer_(&sink_, &clock_, VoiceOptions(settings)),
        controller_(Options(settings), &clock_, &announcer_, Log, shell.wake) {
    if (!settings.is_muted) sink_.Open();
    controller_.Start();
    Log("showing " + settings.site + " from " + settings.server);
    // The check-in runs on its own thread; without a token the display sends nothing.
    if (!settings.token.empty()) {
      reporter_ = std::make_unique<StatusReporter>(
          StatusReporterOptions{settings.server, settings.site, settings.token},
          Health(announcer_, sink_), Log);
      reporter_->Start();
    }
  }
  ~DisplayClient() override {
    if (reporter_) reporter_->Stop();
    controller_.Stop();
  }

  void Resize(int width, int height) override { width_ = width, height_ = height; }

  ui::KeyAction OnKey(int32_t k, UnixMs) override {
    if (k == SDLK_ESCAPE) return ui::KeyAction::kQuit;
    if (k == SDLK_f) return ui::KeyAction::kToggleFullscreen;
    const int step = (k == SDLK_PLUS || k == SDLK_EQUALS || k == SDLK_KP_PLUS) ? 10
                     : (k == SDLK_MINUS || k == SDLK_KP_MINUS)                 ? -10
                                                                               : 0;
    if (step == 0 && k != SDLK_m) return ui::KeyAction::kNone;
    if (k == SDLK_m) {
      announcer_.set_muted(!announcer_.is_muted());
      if (!announcer_.is_muted()) sink_.Open();  // so the check-in says at once whether it sounds
    }
    announcer_.set_volume(announcer_.volume() + step);
    Log(std::string("voice: ") + (announcer_.is_muted() ? "muted" : "on") + ", volume " +
        std::to_string(announcer_.volume()));
    return ui::KeyAction::kNone;
  }

  void Pump(UnixMs) override {
    controller_.Tick();
    if (reporter_) reporter_->SetHealth(Health(announcer_, sink_));
  }

  bool TakeDirty() override {
    return controller_.board().version() != drawn_version_ || clock_.NowMs() >= redraw_at_;
  }

  int64_t MsUntilWork(UnixMs) override {
    int64_t wait = std::min<int64_t>(MsUntilBoardChanges(controller_.board(), clock_.NowMs()), 1000);
    int64_t voice_wait = announcer_.ms_until_next_update();
    return voice_wait >= 0 ? std::min(wait, voice_wait) : wait;
  }

  ui::Frame BuildFrame(const ui::TextMeasurer& m, UnixMs) override {
    const UnixMs now = clock_.NowMs();
    drawn_version_ = controller_.board().version();
    redraw_at_ = now + MsUntilBoardChanges(controller_.board(), now);
    return BuildBoardFrame({&controller_.board(), now, width_, height_}, m);
  }

  void OnFirstFrame(int width, int height, const std::string& renderer) override {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started_)
                  .count();
    Log("first frame after " + std::to_string(ms) + " ms (" + std::to_string(width) + "x" +
        std::to_string(height) + ", " + renderer + " renderer)");
  }

 private:
  static AnnouncerOptions VoiceOptions(const DisplaySettings& settings) {
    AnnouncerOptions voice;
    voice.languages = settings.languages;
    voice.volume = settings.volume;
    voice.is_muted = settings.is_muted;
    return voice;
  }
  static ControllerOptions Options(const DisplaySettings& settings) {
    ControllerOptions options;
    options.server = settings.server;
    options.site = settings.site;
    options.board.counters = settings.counters;
    // With its token the display's stream is a device stream; without one it stays public.
    options.stream.bearer_token = settings.token;
    return options;
  }

  std::chrono::steady_clock::time_point started_;
  SystemClock clock_;
  SdlAudioSink sink_;
  Announcer announcer_;
  DisplayController controller_;
  std::unique_ptr<StatusReporter> reporter_;
  int width_ = 0, height_ = 0;
  uint64_t drawn_version_ = 0;
  UnixMs redraw_at_ = 0;
};

}  // namespace

int RunDisplay(const DisplaySettings& settings) {
  const auto started = std::chrono::steady_clock::now();
  ui::FontCache fonts(settings.font_dir.empty() ? ui::DefaultFontDir() : settings.font_dir);
  if (!fonts.ok()) {
    Log("fonts: " + fonts.error());
    return 1;
  }
  ui::ShellOptions shell;
  shell.title = "Antre — papan antrean";
  shell.width = settings.width;
  shell.height = settings.height;
  shell.fullscreen = settings.fullscreen;
  shell.renderer = settings.renderer;
  shell.text_input = false;
  shell.log = Log;
  return ui::RunWindowShell(shell, &fonts, [&](const ui::ShellContext& context) {
    return std::make_unique<DisplayClient>(settings, started, context);
  });
}

}  // namespace antre
