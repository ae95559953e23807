// The one SDL window loop of the kiosk, the survey kiosk and the wall display: it opens the
// window, turns SDL events into calls on a ShellClient (taps, text, keys, keypad navigation),
// pumps the client, and draws its frame when it says something changed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "ui/draw.h"
#include "ui/text_layout.h"

namespace antre::ui {

class FontCache;

// A key of a USB keypad or headset-jack navigator (EN 301 549 closed functionality): move
// to the next or previous control, or repeat what was said. Enter stays OnEnter.
enum class NavKey { kNext, kPrevious, kRepeat };

// The navigation key an SDL keycode means with these modifiers, if any: Tab / Down / Right /
// keypad 2 and 6 move on, Shift+Tab / Up / Left / keypad 8 and 4 move back, Space and keypad 5
// repeat.
std::optional<NavKey> NavKeyFor(int32_t sdl_keycode, uint16_t sdl_mod);

// What the shell does after a key the client was offered.
enum class KeyAction { kNone, kQuit, kToggleFullscreen };

// What runs inside the window. Every call comes from the shell's thread.
class ShellClient {
 public:
  virtual ~ShellClient() = default;
  // The drawable size, at start and whenever it changes (before any tap in the new size).
  virtual void Resize(int width, int height) = 0;
  // A mouse click or finger touch, in drawable pixels.
  virtual void OnTap(Point, UnixMs) {}
  // Text typed on a keyboard or sent by a USB scanner (UTF-8).
  virtual void OnText(const std::string&, UnixMs) {}
  virtual void OnEnter(UnixMs) {}
  virtual void OnBackspace(UnixMs) {}
  // A keypad navigation key (only with ShellOptions::keypad_nav).
  virtual void OnNavKey(NavKey, UnixMs) {}
  // Any other key press (Escape included), as an SDL keycode.
  virtual KeyAction OnKey(int32_t /*sdl_keycode*/, UnixMs) { return KeyAction::kNone; }
  // Once per loop turn, after the events: background results, timers, sound.
  virtual void Pump(UnixMs now) = 0;
  // True once after something visible changed.
  virtual bool TakeDirty() = 0;
  // The frame to draw now, at the size last given to Resize.
  virtual Frame BuildFrame(const TextMeasurer& m, UnixMs now) = 0;
  // How long the loop may sleep before Pump has work (capped at 1 s); -1 for "no timer".
  virtual int64_t MsUntilWork(UnixMs /*now*/) { return 100; }
  // After the first frame is on screen: its size and the SDL renderer's name.
  virtual void OnFirstFrame(int /*width*/, int /*height*/, const std::string& /*renderer*/) {}
};

// What the shell hands to the code that builds the client, once the window exists.
struct ShellContext {
  // Wakes the loop from any thread (a background result is ready).
  std::function<void()> wake;
};

// How to open the window.
struct ShellOptions {
  std::string title = "Antre";
  int width = 1080, height = 1920;
  // Fullscreen is created at the desktop's position and size: without a window manager (the
  // kiosk X session) a fullscreen window keeps the position it was created at.
  bool fullscreen = false;
  bool show_cursor = true;  // ignored when fullscreen (touch screens hide it)
  // "gpu": SDL's best renderer, software as a fallback. "software": SDL's software renderer
  // with framebuffer acceleration off, so no OpenGL is loaded (GPU if there is no other way).
  std::string renderer = "gpu";
  bool text_input = true;   // SDL text input on (keyboards, USB scanners)
  bool keypad_nav = false;  // arrows, Tab, Space and keypad digits are NavKeys, not text
  std::function<void(const std::string&)> log;
};

// Starts SDL video, opens the window, builds the client with make_client (after the window
// exists; it is destroyed before SDL quits, so it may own SDL resources such as audio), and
// runs until the window is closed or the client asks to quit. Returns 0, or 1 (logged) if
// SDL, the window or the client could not start.
int RunWindowShell(const ShellOptions& options, FontCache* fonts,
                   const std::function<std::unique_ptr<ShellClient>(const ShellContext&)>& make_client);

}  // namespace antre::ui
