#include "ui/window_shell.h"

#include <SDL.h>

#include <algorithm>

#include "ui/sdl_renderer.h"
#include "ui/system_clock.h"

namespace antre::ui {

std::optional<NavKey> NavKeyFor(int32_t key, uint16_t mod) {
  switch (key) {
    case SDLK_TAB: return (mod & KMOD_SHIFT) ? NavKey::kPrevious : NavKey::kNext;
    case SDLK_DOWN:
    case SDLK_RIGHT:
    case SDLK_KP_2:
    case SDLK_KP_6: return NavKey::kNext;
    case SDLK_UP:
    case SDLK_LEFT:
    case SDLK_KP_8:
    case SDLK_KP_4: return NavKey::kPrevious;
    case SDLK_SPACE:
    case SDLK_KP_5: return NavKey::kRepeat;
    default: return std::nullopt;
  }
}

namespace {

void Log(const ShellOptions& o, const std::string& line) {
  if (o.log) o.log(line);
}

// The window and renderer, released in order whatever path leaves the loop.
struct Window {
  SDL_Window* window = nullptr;
  SDL_Renderer* renderer = nullptr;
  ~Window() {
    if (renderer) SDL_DestroyRenderer(renderer);
    if (window) SDL_DestroyWindow(window);
  }
};

bool Open(const ShellOptions& o, Window* w) {
  Uint32 flags = SDL_WINDOW_RESIZABLE | (o.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
  int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
  int width = o.width, height = o.height;
  SDL_DisplayMode desktop{};
  if (o.fullscreen && SDL_GetDesktopDisplayMode(0, &desktop) == 0) {
    // A 1920x1080 window centred on a 1280x720 TV showed the board shifted off screen.
    x = y = 0;
    width = desktop.w;
    height = desktop.h;
  }
  w->window = SDL_CreateWindow(o.title.c_str(), x, y, width, height, flags);
  const bool is_gpu = o.renderer != "software";
  if (w->window) w->renderer = SDL_CreateRenderer(w->window, -1, is_gpu ? 0 : SDL_RENDERER_SOFTWARE);
  if (w->window && !w->renderer && is_gpu) {
    w->renderer = SDL_CreateRenderer(w->window, -1, SDL_RENDERER_SOFTWARE);
  } else if (w->window && !w->renderer) {
    // A video driver without a plain window framebuffer (e.g. SDL's Wayland one) can only
    // show a frame through a GPU texture.
    Log(o, std::string("software renderer unavailable (") + SDL_GetError() + "); using the GPU one");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "1");
    w->renderer = SDL_CreateRenderer(w->window, -1, 0);
  }
  if (!w->renderer) {
    Log(o, std::string("cannot open a window: ") + SDL_GetError());
    return false;
  }
  SDL_ShowCursor(o.fullscreen || !o.show_cursor ? SDL_DISABLE : SDL_ENABLE);
  if (o.text_input) {
    SDL_StartTextInput();
  } else {
    SDL_StopTextInput();
  }
  return true;
}

// Turns SDL events into client calls; owns the little state that needs (sizes, swallowed
// keypad text).
class Loop {
 public:
  Loop(const ShellOptions& o, Window* w, ShellClient* c) : o_(o), w_(w), c_(c) {}

  // Re-reads the drawable size; tells the client when it changed.
  void SyncSize() {
    int ow = 0, oh = 0, ww = 0, wh = 0;
    SDL_GetRendererOutputSize(w_->renderer, &ow, &oh);
    SDL_GetWindowSize(w_->window, &ww, &wh);
    win_w_ = std::max(1, ww), win_h_ = std::max(1, wh);
    if (ow == out_w_ && oh == out_h_) return;
    out_w_ = ow, out_h_ = oh;
    c_->Resize(ow, oh);
    dirty_ = true;
  }

  void Handle(const SDL_Event& e) {
    const UnixMs now = WallClockMs();
    if (e.type != SDL_TEXTINPUT && e.type != SDL_KEYDOWN) swallow_.clear();
    switch (e.type) {
      case SDL_QUIT: running_ = false; break;
      case SDL_WINDOWEVENT: SyncSize(); dirty_ = true; break;
      case SDL_MOUSEBUTTONDOWN:
        // A touch also arrives as a synthetic mouse click: take it once, as a finger.
        if (e.button.which != SDL_TOUCH_MOUSEID) {
          SyncSize();
          c_->OnTap({e.button.x * out_w_ / win_w_, e.button.y * out_h_ / win_h_}, now);
        }
        break;
      case SDL_FINGERDOWN:
        SyncSize();
        c_->OnTap({static_cast<int>(e.tfinger.x * out_w_), static_cast<int>(e.tfinger.y * out_h_)}, now);
        break;
      case SDL_TEXTINPUT:
        // The text a navigation key also typed (a space, a keypad digit) is not text.
        if (!swallow_.empty() && swallow_ == e.text.text) {
          swallow_.clear();
        } else {
          c_->OnText(e.text.text, now);
        }
        break;
      case SDL_KEYDOWN: Key(e.key.keysym, now); break;
      default: break;
    }
  }

  void Key(const SDL_Keysym& k, UnixMs now) {
    swallow_.clear();
    if (k.sym == SDLK_RETURN || k.sym == SDLK_KP_ENTER) return c_->OnEnter(now);
    if (k.sym == SDLK_BACKSPACE) return c_->OnBackspace(now);
    if (o_.keypad_nav) {
      if (auto nav = NavKeyFor(k.sym, k.mod)) {
        if (k.sym == SDLK_SPACE) swallow_ = " ";
        if (k.sym >= SDLK_KP_1 && k.sym <= SDLK_KP_9) swallow_ = std::string(1, char('1' + (k.sym - SDLK_KP_1)));
        return c_->OnNavKey(*nav, now);
      }
    }
    switch (c_->OnKey(k.sym, now)) {
      case KeyAction::kQuit: running_ = false; break;
      case KeyAction::kToggleFullscreen: {
        bool is_full = SDL_GetWindowFlags(w_->window) & SDL_WINDOW_FULLSCREEN_DESKTOP;
        SDL_SetWindowFullscreen(w_->window, is_full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
        break;
      }
      case KeyAction::kNone: break;
    }
  }

  void Run(FontCache* fonts) {
    SdlRenderer renderer(w_->renderer, fonts);
    SyncSize();
    bool first = true;
    while (running_) {
      int64_t wait = c_->MsUntilWork(WallClockMs());
      wait = wait < 0 ? 1000 : std::min<int64_t>(wait, 1000);
      if (dirty_) wait = 0;
      SDL_Event e;
      for (bool got = SDL_WaitEventTimeout(&e, static_cast<int>(std::max<int64_t>(wait, 1))); got;
           got = SDL_PollEvent(&e)) {
        Handle(e);
      }
      c_->Pump(WallClockMs());
      if (c_->TakeDirty()) dirty_ = true;
      if (!dirty_ || !running_) continue;
      renderer.Draw(c_->BuildFrame(renderer.measurer(), WallClockMs()));
      SDL_RenderPresent(w_->renderer);
      dirty_ = false;
      if (first) {
        first = false;
        SDL_RendererInfo info{};
        SDL_GetRendererInfo(w_->renderer, &info);
        c_->OnFirstFrame(out_w_, out_h_, info.name ? info.name : "?");
      }
    }
  }

 private:
  const ShellOptions& o_;
  Window* w_;
  ShellClient* c_;
  bool running_ = true;
  bool dirty_ = true;
  int out_w_ = 0, out_h_ = 0, win_w_ = 1, win_h_ = 1;
  std::string swallow_;
};

// Everything that holds SDL resources lives in here, so it is all released before SDL_Quit.
int RunInWindow(const ShellOptions& o, FontCache* fonts,
                const std::function<std::unique_ptr<ShellClient>(const ShellContext&)>& make_client) {
  Window w;
  if (!Open(o, &w)) return 1;
  const Uint32 wake_type = SDL_RegisterEvents(1);
  ShellContext context;
  context.wake = [wake_type] {
    SDL_Event e{};
    e.type = wake_type;
    SDL_PushEvent(&e);  // thread-safe: wakes SDL_WaitEventTimeout
  };
  std::unique_ptr<ShellClient> client = make_client(context);
  if (!client) return 1;
  Loop loop(o, &w, client.get());
  loop.Run(fonts);
  return 0;
}

}  // namespace

int RunWindowShell(const ShellOptions& o, FontCache* fonts,
                   const std::function<std::unique_ptr<ShellClient>(const ShellContext&)>& make_client) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    Log(o, std::string("cannot start SDL video: ") + SDL_GetError());
    return 1;
  }
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  if (o.renderer == "software") {
    // Without this, SDL 2.26 backs even a software renderer's window surface with an OpenGL
    // texture: on a PC without a GPU driver (or under Xvfb) that loads Mesa's llvmpipe and
    // libLLVM, ~100 MB of RSS, to copy one picture a few times a minute.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
  int code = RunInWindow(o, fonts, make_client);
  SDL_Quit();
  return code;
}

}  // namespace antre::ui
