// antre-kiosk: read settings, build the server client, printer and SDL window, run the loop.
#include <SDL.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "kiosk/kiosk_app.h"
#include "kiosk/kiosk_settings.h"
#include "kiosk/screenshot.h"
#include "kiosk/survey_kiosk.h"
#include "ui/sdl_renderer.h"

using namespace antre;

static UnixMs NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int main(int argc, char** argv) {
  auto parsed = kiosk::ParseKioskArgs(argc, argv);
  if (!parsed.ok()) {
    std::fprintf(stderr, "%s\n", parsed.error().message.c_str());
    return parsed.error().code == ErrorCode::kNotFound ? 0 : 2;
  }
  const kiosk::KioskSettings& s = parsed.value();
  ui::FontCache fonts(s.font_dir.empty() ? ui::DefaultFontDir() : s.font_dir);
  if (!fonts.ok()) return std::fprintf(stderr, "antre-kiosk: %s\n", fonts.error().c_str()), 1;
  if (s.survey) return kiosk::RunSurveyKiosk(s, &fonts);
  kiosk::ScreenConfig sc;
  sc.width = s.width, sc.height = s.height, sc.width_mm = s.screen_w_mm, sc.height_mm = s.screen_h_mm;
  sc.public_url = s.public_url;
  sc.default_lang = s.lang;
  if (!s.screenshot_dir.empty()) {
    std::vector<std::string> problems;
    std::string error;
    int n = kiosk::WriteScreenshots(s.screenshot_dir, &fonts, sc, &problems, &error);
    for (const auto& p : problems) std::fprintf(stderr, "layout: %s\n", p.c_str());
    if (n < 0) std::fprintf(stderr, "antre-kiosk: screenshots failed: %s\n", error.c_str());
    std::printf("wrote %d screenshots to %s\n", n, s.screenshot_dir.c_str());
    return n < 0 || !problems.empty() ? 1 : 0;
  }
  std::string error;
  auto printer = kiosk::MakePrinter(s.printer, s.paper_mm, &fonts, &error);
  if (!printer) return std::fprintf(stderr, "antre-kiosk: %s\n", error.c_str()), 2;
  sc.has_printer = printer->prints_paper();
  // Keys are "<random per run>-<attempt>": unique across restarts without stored state.
  std::string run = std::to_string(std::random_device{}()) + std::to_string(NowMs());
  int attempt = 0;
  kiosk::KioskScreen screen(sc, [&] { return "kiosk-" + run + "-" + std::to_string(++attempt); });
  kiosk::KioskApp app({s.server, s.site, s.token}, &screen, printer.get());

  if (SDL_Init(SDL_INIT_VIDEO) != 0) return std::fprintf(stderr, "antre-kiosk: SDL_Init: %s\n", SDL_GetError()), 1;
  SDL_Window* win = SDL_CreateWindow("Antre kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, s.width, s.height,
                                     (s.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) | SDL_WINDOW_RESIZABLE);
  SDL_Renderer* ren = win ? SDL_CreateRenderer(win, -1, 0) : nullptr;
  if (!ren) return std::fprintf(stderr, "antre-kiosk: no window: %s\n", SDL_GetError()), 1;
  SDL_ShowCursor(s.fullscreen ? SDL_DISABLE : SDL_ENABLE);
  SDL_StartTextInput();
  ui::SdlRenderer renderer(ren, &fonts);
  app.Start();
  for (bool running = true; running;) {
    SDL_Event e;
    bool redraw = false;
    for (bool got = SDL_WaitEventTimeout(&e, 100); got; got = SDL_PollEvent(&e)) {
      UnixMs now = NowMs();
      int w = 0, h = 0;
      SDL_GetWindowSize(win, &w, &h);
      screen.Resize(w, h);
      if (e.type == SDL_QUIT) running = false;
      if (e.type == SDL_WINDOWEVENT) redraw = true;
      if (e.type == SDL_MOUSEBUTTONDOWN && e.button.which != SDL_TOUCH_MOUSEID) screen.OnTap({e.button.x, e.button.y}, now);
      if (e.type == SDL_FINGERDOWN) screen.OnTap({int(e.tfinger.x * w), int(e.tfinger.y * h)}, now);
      if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_ESCAPE) screen.OnEscape(now);
      // A USB barcode/QR scanner is a keyboard: the code arrives as text, then Enter.
      if (e.type == SDL_TEXTINPUT) screen.OnText(e.text.text, now);
      if (e.type == SDL_KEYDOWN && (e.key.keysym.sym == SDLK_RETURN || e.key.keysym.sym == SDLK_KP_ENTER)) screen.OnEnter(now);
      if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_BACKSPACE) screen.OnBackspace(now);
    }
    app.Pump(NowMs());
    if (screen.TakeDirty() || redraw) {
      renderer.Draw(screen.BuildFrame(renderer.measurer()));
      SDL_RenderPresent(ren);
    }
  }
  app.Stop();
  SDL_DestroyRenderer(ren);
  SDL_DestroyWindow(win);
  SDL_Quit();
  return 0;
}
