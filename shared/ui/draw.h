// The draw-command list screens produce (microui style): plain data, no SDL. A renderer turns
// a Frame into pixels; tests inspect it directly.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace antre::ui {

// An sRGB colour with alpha (255 = opaque).
struct Color {
  uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Color& o) const { return r == o.r && g == o.g && b == o.b && a == o.a; }
};

// A point in frame pixels, origin top-left.
struct Point {
  int x = 0, y = 0;
};

// An axis-aligned box in frame pixels.
struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
  int right() const { return x + w; }
  int bottom() const { return y + h; }
  bool Contains(Point p) const { return p.x >= x && p.x < x + w && p.y >= y && p.y < y + h; }
  bool Intersects(const Rect& o) const {
    return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
  }
  Point Center() const { return {x + w / 2, y + h / 2}; }
  // The box shrunk by `d` on every side (never below zero size).
  Rect Inset(int d) const;
};

// Horizontal placement of text inside its box (vertically it is always centred).
enum class Align { kLeft, kCenter, kRight };

// A filled box; radius > 0 rounds the corners (radius = h/2 on a square gives a circle).
struct FillRectCmd {
  Rect rect;
  Color color;
  int radius = 0;
};

// A box outline `thickness` pixels wide, drawn inside the rect.
struct OutlineRectCmd {
  Rect rect;
  Color color;
  int thickness = 1;
  int radius = 0;
};

// UTF-8 text in a box at a pixel size. With `wrap`, words flow onto further lines (see
// WrapText); without it the text is one line. Text never draws outside its box: CheckLayout
// reports text that would not fit.
struct TextCmd {
  Rect box;
  std::string text;
  int size_px = 16;
  Color color;
  Align align = Align::kLeft;
  bool bold = false;
  bool wrap = false;
};

// An image the renderer knows by id (see SdlRenderer::SetImage), scaled into rect.
struct ImageCmd {
  Rect rect;
  std::string image_id;
};

// A QR code for `data`, drawn as dark modules on a light square filling rect (quiet zone
// included). The renderer encodes with EncodeQr.
struct QrCmd {
  Rect rect;
  std::string data;
  Color dark{0, 0, 0, 255};
  Color light{255, 255, 255, 255};
};

using DrawCommand = std::variant<FillRectCmd, OutlineRectCmd, TextCmd, ImageCmd, QrCmd>;

// Something the user can tap; `id` names what it does ("service:rekam", "lang").
struct TouchTarget {
  Rect rect;
  std::string id;
};

// One screenful: size, background, commands in painting order, and tappable targets.
struct Frame {
  int width = 0;
  int height = 0;
  Color background{255, 255, 255, 255};
  std::vector<DrawCommand> commands;
  std::vector<TouchTarget> targets;

  // Helpers that append one command each.
  void Fill(Rect r, Color c, int radius = 0) { commands.push_back(FillRectCmd{r, c, radius}); }
  void Outline(Rect r, Color c, int thickness, int radius = 0) {
    commands.push_back(OutlineRectCmd{r, c, thickness, radius});
  }
  void Text(Rect box, std::string text, int size_px, Color c, Align align = Align::kLeft,
            bool bold = false, bool wrap = false) {
    commands.push_back(TextCmd{box, std::move(text), size_px, c, align, bold, wrap});
  }
  void Image(Rect r, std::string id) { commands.push_back(ImageCmd{r, std::move(id)}); }
  void Qr(Rect r, std::string data) { commands.push_back(QrCmd{r, std::move(data)}); }
  void Target(Rect r, std::string id) { targets.push_back(TouchTarget{r, std::move(id)}); }

  // The id of the topmost (last added) target containing p, or "" if none.
  std::string HitTest(Point p) const;
  // The target with this id, or nullptr.
  const TouchTarget* FindTarget(const std::string& id) const;
  // Every text string in the frame, in order (for tests: "does the screen say X").
  std::vector<std::string> Texts() const;
  // True if some text command contains `needle`.
  bool HasText(const std::string& needle) const;
};

// WCAG 2 relative luminance of an opaque colour (0 black .. 1 white).
double RelativeLuminance(Color c);
// WCAG 2 contrast ratio between two opaque colours, 1..21.
double ContrastRatio(Color a, Color b);

}  // namespace antre::ui
