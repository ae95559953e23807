// Draws Frames with SDL2 + SDL2_ttf: into a window's renderer, or offscreen into a PNG.
// The only file of shared/ui that knows SDL; kiosk and display share it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ui/draw.h"
#include "ui/png.h"
#include "ui/qr.h"
#include "ui/text_layout.h"

struct SDL_Renderer;
struct SDL_Texture;
struct _TTF_Font;

namespace antre::ui {

// The bundled fonts' folder: $ANTRE_FONT_DIR if set, else the source tree's assets/fonts
// (compiled in), else "assets/fonts".
std::string DefaultFontDir();

// Opens DejaVuSans.ttf / DejaVuSans-Bold.ttf from a folder once per (size, bold) and keeps
// them open. Initialises SDL_ttf if needed (no video driver is required).
class FontCache {
 public:
  explicit FontCache(std::string font_dir = DefaultFontDir());
  ~FontCache();
  FontCache(const FontCache&) = delete;
  FontCache& operator=(const FontCache&) = delete;

  // True if both font files opened; otherwise error() says which one failed.
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // The font at this pixel size (clamped to 4..1000), or nullptr if the file cannot be read.
  _TTF_Font* Get(int size_px, bool bold);

 private:
  std::string dir_;
  std::string error_;
  std::map<std::pair<int, bool>, _TTF_Font*> fonts_;
};

// TextMeasurer over the cached fonts (exact widths from SDL_ttf).
class TtfTextMeasurer : public TextMeasurer {
 public:
  explicit TtfTextMeasurer(FontCache* fonts) : fonts_(fonts) {}
  int Width(const std::string& text, int size_px, bool bold) const override;
  int LineHeight(int size_px, bool bold) const override;

 private:
  FontCache* fonts_;
};

// Draws Frames on one SDL_Renderer (window or software). Rendered text lines are cached as
// textures keyed by (text, size, bold, colour), so an unchanged frame costs no rasterising; a
// texture no frame has drawn for two Draw() calls is freed, so the cache holds about two
// frames' worth of text, however many different numbers a day brings.
class SdlRenderer {
 public:
  SdlRenderer(SDL_Renderer* renderer, FontCache* fonts);
  ~SdlRenderer();
  SdlRenderer(const SdlRenderer&) = delete;
  SdlRenderer& operator=(const SdlRenderer&) = delete;

  // Registers an RGBA image (4 bytes per pixel) that ImageCmd can name; replaces an old one.
  void SetImage(const std::string& id, const RgbaImage& image);
  // Clears to the frame's background and draws every command, scaled from the frame's size
  // to the output size. Does not present. Unknown image ids draw nothing.
  void Draw(const Frame& frame);
  // The measurer matching what Draw wraps with.
  const TextMeasurer& measurer() const { return measurer_; }
  // Text textures held now (for tests and diagnostics).
  size_t cached_texts() const { return text_cache_.size(); }

 private:
  struct CachedText {
    SDL_Texture* texture = nullptr;
    int w = 0, h = 0;
    uint64_t last_draw = 0;  // the Draw() call that last used it
  };
  void DrawText(const TextCmd& t);
  void DrawQr(const QrCmd& q);
  const CachedText* TextTexture(const std::string& line, int size, bool bold, Color c);

  SDL_Renderer* renderer_;
  FontCache* fonts_;
  TtfTextMeasurer measurer_;
  std::unordered_map<std::string, CachedText> text_cache_;
  uint64_t draws_ = 0;
  std::unordered_map<std::string, SDL_Texture*> images_;
  std::string qr_data_;
  QrMatrix qr_;
};

// Renders a frame at its own size on a software renderer (no window, no video driver).
// Returns false with *error if SDL or the fonts fail.
bool RenderFrameToImage(const Frame& frame, FontCache* fonts, RgbaImage* out, std::string* error);
// RenderFrameToImage, then writes a PNG file.
bool RenderFrameToPng(const Frame& frame, FontCache* fonts, const std::string& path,
                      std::string* error);

}  // namespace antre::ui
