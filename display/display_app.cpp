#include "display_app.h"

#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>

#include "board_screen.h"
#include "display_controller.h"
#include "sdl_audio_sink.h"
#include "status_reporter.h"
#include "system_clock.h"
#include "ui/sdl_renderer.h"

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

struct Window {
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  ~Window() {
    if (renderer) SDL_DestroyRenderer(renderer);
    if (window) SDL_DestroyWindow(window);
  }
};

// Everything that holds SDL resources lives in here, so it is all released before SDL_Quit.
int RunWindow(const DisplaySettings& settings, std::chrono::steady_clock::time_point started) {
  Window w;
  Uint32 flags = SDL_WINDOW_RESIZABLE | (settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
  int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
  int width = settings.width, height = settings.height;
  SDL_DisplayMode desktop{};
  if (settings.fullscreen && SDL_GetDesktopDisplayMode(0, &desktop) == 0) {
    // Without a window manager (the kiosk X session) a fullscreen window keeps the position
    // it was created at: a 1920x1080 window centred on a 1280x720 TV showed the board shifted
    // off screen. Create it where and as large as the screen is.
    x = y = 0;
    width = desktop.w;
    height = desktop.h;
  }
  w.window = SDL_CreateWindow("Antre — papan antrean", x, y, width, height, flags);
  // "gpu": flags 0, the best driver (or the one SDL_RENDER_DRIVER names). "software": SDL's
  // software renderer; RunDisplay has turned framebuffer acceleration off, so it draws into
  // an X shared-memory image and OpenGL is never loaded.
  const bool is_gpu = settings.renderer == "gpu";
  if (w.window) w.renderer = SDL_CreateRenderer(w.window, -1, is_gpu ? 0 : SDL_RENDERER_SOFTWARE);
  if (w.window && !w.renderer && is_gpu) {
    w.renderer = SDL_CreateRenderer(w.window, -1, SDL_RENDERER_SOFTWARE);
  } else if (w.window && !w.renderer) {
    // A video driver without a plain window framebuffer (e.g. SDL's Wayland one) can only
    // show the board through a GPU texture.
    Log(std::string("software renderer unavailable (") + SDL_GetError() + "); using the GPU one");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "1");
    w.renderer = SDL_CreateRenderer(w.window, -1, 0);
  }
  if (!w.renderer) {
    Log(std::string("cannot open a window: ") + SDL_GetError());
    return 1;
  }
  if (settings.fullscreen) SDL_ShowCursor(SDL_DISABLE);
  ui::FontCache fonts(settings.font_dir.empty() ? ui::DefaultFontDir() : settings.font_dir);
  if (!fonts.ok()) {
    Log("fonts: " + fonts.error());
    return 1;
  }
  ui::SdlRenderer renderer(w.renderer, &fonts);

  SystemClock clock;
  SdlAudioSink sink(settings.voice_dir.empty() ? DefaultVoiceDir() : settings.voice_dir, Log);
  AnnouncerOptions voice;
  voice.languages = settings.languages;
  voice.volume = settings.volume;
  voice.is_muted = settings.is_muted;
  Announcer announcer(&sink, &clock, voice);
  if (!settings.is_muted) sink.Open();

  const Uint32 wake_type = SDL_RegisterEvents(1);
  ControllerOptions options;
  options.server = settings.server;
  options.site = settings.site;
  options.board.counters = settings.counters;
  // With its token the display's stream is a device stream; without one it stays public.
  options.stream.bearer_token = settings.token;
  DisplayController controller(options, &clock, &announcer, Log, [wake_type] {
    SDL_Event e{};
    e.type = wake_type;
    SDL_PushEvent(&e);  // thread-safe: wakes SDL_WaitEventTimeout below
  });
  controller.Start();
  Log("showing " + settings.site + " from " + settings.server);
  // The check-in runs on its own thread; without a token the display sends nothing.
  std::unique_ptr<StatusReporter> reporter;
  if (!settings.token.empty()) {
    reporter = std::make_unique<StatusReporter>(
        StatusReporterOptions{settings.server, settings.site, settings.token},
        Health(announcer, sink), Log);
    reporter->Start();
  }

  bool running = true;
  bool dirty = true;
  auto HandleEvent = [&](const SDL_Event& e) {
    if (e.type == SDL_QUIT) running = false;
    if (e.type == SDL_WINDOWEVENT) dirty = true;
    if (e.type != SDL_KEYDOWN) return;
    const SDL_Keycode k = e.key.keysym.sym;
    if (k == SDLK_ESCAPE) running = false;
    if (k == SDLK_f) {
      bool is_full = SDL_GetWindowFlags(w.window) & SDL_WINDOW_FULLSCREEN_DESKTOP;
      SDL_SetWindowFullscreen(w.window, is_full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
    }
    const int step = (k == SDLK_PLUS || k == SDLK_EQUALS || k == SDLK_KP_PLUS) ? 10
                     : (k == SDLK_MINUS || k == SDLK_KP_MINUS)                 ? -10
                                                                               : 0;
    if (step == 0 && k != SDLK_m) return;
    if (k == SDLK_m) {
      announcer.set_muted(!announcer.is_muted());
      if (!announcer.is_muted()) sink.Open();  // so the check-in says at once whether it sounds
    }
    announcer.set_volume(announcer.volume() + step);
    Log(std::string("voice: ") + (announcer.is_muted() ? "muted" : "on") + ", volume " +
        std::to_string(announcer.volume()));
  };
  bool first_frame = true;
  uint64_t drawn_version = 0;
  UnixMs redraw_at = 0;
  while (running) {
    UnixMs now = clock.NowMs();
    int64_t wait = std::min<int64_t>(MsUntilBoardChanges(controller.board(), now), 1000);
    int64_t voice_wait = announcer.ms_until_next_update();
    if (voice_wait >= 0) wait = std::min(wait, voice_wait);
    SDL_Event e;
    bool has_event =
        SDL_WaitEventTimeout(&e, static_cast<int>(std::max<int64_t>(dirty ? 0 : wait, 1)));
    while (has_event) {
      HandleEvent(e);
      has_event = SDL_PollEvent(&e);
    }
    controller.Tick();
    if (reporter) reporter->SetHealth(Health(announcer, sink));
    now = clock.NowMs();
    if (controller.board().version() != drawn_version || now >= redraw_at) dirty = true;
    if (!dirty) continue;
    int out_w = 0, out_h = 0;
    SDL_GetRendererOutputSize(w.renderer, &out_w, &out_h);
    ui::Frame frame =
        BuildBoardFrame({&controller.board(), now, out_w, out_h}, renderer.measurer());
    renderer.Draw(frame);
    SDL_RenderPresent(w.renderer);
    drawn_version = controller.board().version();
    redraw_at = now + MsUntilBoardChanges(controller.board(), now);
    dirty = false;
    if (first_frame) {
      first_frame = false;
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::steady_clock::now() - started)
                    .count();
      SDL_RendererInfo info{};
      SDL_GetRendererInfo(w.renderer, &info);
      Log("first frame after " + std::to_string(ms) + " ms (" + std::to_string(out_w) + "x" +
          std::to_string(out_h) + ", " + (info.name ? info.name : "?") + " renderer)");
    }
  }
  if (reporter) reporter->Stop();
  controller.Stop();
  return 0;
}

}  // namespace

int RunDisplay(const DisplaySettings& settings) {
  const auto started = std::chrono::steady_clock::now();
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    Log(std::string("cannot start SDL video: ") + SDL_GetError());
    return 1;
  }
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  if (settings.renderer == "software") {
    // Without this, SDL 2.26 backs even a software renderer's window surface with an OpenGL
    // texture: on a PC without a GPU driver (or under Xvfb) that loads Mesa's llvmpipe and
    // libLLVM, ~100 MB of the display's 130 MB RSS, to copy one picture a few times a minute.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
  int code = RunWindow(settings, started);
  SDL_Quit();
  return code;
}

}  // namespace antre
