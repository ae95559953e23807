#include "ui/sdl_renderer.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace antre::ui {

// ---------------------------------------------------------------------------------------
// Fonts and measuring
// ---------------------------------------------------------------------------------------

std::string DefaultFontDir() {
  if (const char* env = std::getenv("ANTRE_FONT_DIR"); env && *env) return env;
#ifdef ANTRE_FONT_DIR
  std::string built = ANTRE_FONT_DIR;
  if (SDL_RWops* f = SDL_RWFromFile((built + "/DejaVuSans.ttf").c_str(), "rb")) {
    SDL_RWclose(f);
    return built;
  }
#endif
  return "assets/fonts";
}

FontCache::FontCache(std::string font_dir) : dir_(std::move(font_dir)) {
  if (!TTF_WasInit() && TTF_Init() != 0) {
    error_ = std::string("TTF_Init failed: ") + TTF_GetError();
    return;
  }
  for (bool bold : {false, true}) {
    if (!Get(16, bold)) {
      error_ = "cannot open font in " + dir_ + ": " + TTF_GetError();
      return;
    }
  }
}

FontCache::~FontCache() {
  for (auto& kv : fonts_) {
    if (kv.second) TTF_CloseFont(kv.second);
  }
}

TTF_Font* FontCache::Get(int size_px, bool bold) {
  size_px = std::clamp(size_px, 4, 1000);
  auto key = std::make_pair(size_px, bold);
  auto it = fonts_.find(key);
  if (it != fonts_.end()) return it->second;
  std::string path = dir_ + (bold ? "/DejaVuSans-Bold.ttf" : "/DejaVuSans.ttf");
  TTF_Font* font = TTF_OpenFont(path.c_str(), size_px);
  fonts_[key] = font;  // a failure is remembered too, so it is not retried every frame
  return font;
}

int TtfTextMeasurer::Width(const std::string& text, int size_px, bool bold) const {
  TTF_Font* f = fonts_->Get(size_px, bold);
  int w = 0, h = 0;
  if (!f || text.empty() || TTF_SizeUTF8(f, text.c_str(), &w, &h) != 0) return 0;
  return w;
}

int TtfTextMeasurer::LineHeight(int size_px, bool bold) const {
  TTF_Font* f = fonts_->Get(size_px, bold);
  return f ? TTF_FontLineSkip(f) : size_px;
}

// ---------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------

namespace {

// How far row `dy` (0..h-1) of a box with corner radius r is inset at each side.
int CornerInset(int dy, int h, int r) {
  int from_edge = std::min(dy, h - 1 - dy);
  if (from_edge >= r) return 0;
  double d = r - from_edge - 0.5;
  return static_cast<int>(std::lround(r - std::sqrt(std::max(0.0, double(r) * r - d * d))));
}

void SetColor(SDL_Renderer* ren, Color c) { SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, c.a); }

void FillRounded(SDL_Renderer* ren, const Rect& r, int radius, Color c) {
  SetColor(ren, c);
  radius = std::min({radius, r.w / 2, r.h / 2});
  if (radius <= 0) {
    SDL_Rect sr{r.x, r.y, r.w, r.h};
    SDL_RenderFillRect(ren, &sr);
    return;
  }
  for (int dy = 0; dy < r.h; ++dy) {
    if (dy == radius && r.h > 2 * radius) {  // the straight middle band in one call
      SDL_Rect band{r.x, r.y + dy, r.w, r.h - 2 * radius};
      SDL_RenderFillRect(ren, &band);
      dy = r.h - radius - 1;
      continue;
    }
    int in = CornerInset(dy, r.h, radius);
    SDL_Rect row{r.x + in, r.y + dy, r.w - 2 * in, 1};
    SDL_RenderFillRect(ren, &row);
  }
}

void OutlineRounded(SDL_Renderer* ren, const Rect& r, int radius, int thick, Color c) {
  SetColor(ren, c);
  radius = std::min({radius, r.w / 2, r.h / 2});
  Rect inner = r.Inset(thick);
  int inner_radius = std::max(0, radius - thick);
  for (int dy = 0; dy < r.h; ++dy) {
    int in = radius > 0 ? CornerInset(dy, r.h, radius) : 0;
    int y = r.y + dy;
    if (y < inner.y || y >= inner.bottom() || inner.w <= 0) {
      SDL_Rect row{r.x + in, y, r.w - 2 * in, 1};
      SDL_RenderFillRect(ren, &row);
      continue;
    }
    int iin = inner_radius > 0 ? CornerInset(y - inner.y, inner.h, inner_radius) : 0;
    SDL_Rect left{r.x + in, y, inner.x + iin - (r.x + in), 1};
    SDL_Rect right{inner.right() - iin, y, r.right() - in - (inner.right() - iin), 1};
    SDL_RenderFillRect(ren, &left);
    SDL_RenderFillRect(ren, &right);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// SdlRenderer
// ---------------------------------------------------------------------------------------

SdlRenderer::SdlRenderer(SDL_Renderer* renderer, FontCache* fonts)
    : renderer_(renderer), fonts_(fonts), measurer_(fonts) {}

SdlRenderer::~SdlRenderer() {
  for (auto& kv : text_cache_) SDL_DestroyTexture(kv.second.texture);
  for (auto& kv : images_) SDL_DestroyTexture(kv.second);
}

void SdlRenderer::SetImage(const std::string& id, const RgbaImage& image) {
  auto it = images_.find(id);
  if (it != images_.end()) SDL_DestroyTexture(it->second);
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormatFrom(
      const_cast<uint8_t*>(image.pixels.data()), image.width, image.height, 32, image.width * 4,
      SDL_PIXELFORMAT_RGBA32);
  SDL_Texture* t = s ? SDL_CreateTextureFromSurface(renderer_, s) : nullptr;
  if (s) SDL_FreeSurface(s);
  if (t) SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
  images_[id] = t;
}

const SdlRenderer::CachedText* SdlRenderer::TextTexture(const std::string& line, int size,
                                                        bool bold, Color c) {
  std::string key = std::to_string(size) + (bold ? "b" : "r") + std::to_string(c.r) + "." +
                    std::to_string(c.g) + "." + std::to_string(c.b) + "." + std::to_string(c.a) +
                    "|" + line;
  auto it = text_cache_.find(key);
  if (it != text_cache_.end()) {
    it->second.last_draw = draws_;
    return &it->second;
  }
  // Draw() frees what frames stopped using; this only guards against one huge frame.
  if (text_cache_.size() > 1024) {
    for (auto& kv : text_cache_) SDL_DestroyTexture(kv.second.texture);
    text_cache_.clear();
  }
  TTF_Font* font = fonts_->Get(size, bold);
  if (!font || line.empty()) return nullptr;
  SDL_Surface* s = TTF_RenderUTF8_Blended(font, line.c_str(), SDL_Color{c.r, c.g, c.b, c.a});
  if (!s) return nullptr;
  CachedText ct{SDL_CreateTextureFromSurface(renderer_, s), s->w, s->h, draws_};
  SDL_FreeSurface(s);
  if (!ct.texture) return nullptr;
  return &(text_cache_[key] = ct);
}

void SdlRenderer::DrawText(const TextCmd& t) {
  std::vector<std::string> lines =
      t.wrap ? WrapText(measurer_, t.text, t.size_px, t.bold, t.box.w) : std::vector<std::string>{t.text};
  int line_h = measurer_.LineHeight(t.size_px, t.bold);
  int y = t.box.y + (t.box.h - line_h * static_cast<int>(lines.size())) / 2;
  SDL_Rect clip{t.box.x, t.box.y, t.box.w, t.box.h};
  SDL_RenderSetClipRect(renderer_, &clip);
  for (const auto& line : lines) {
    if (const CachedText* ct = TextTexture(line, t.size_px, t.bold, t.color)) {
      int x = t.box.x;
      if (t.align == Align::kCenter) x += (t.box.w - ct->w) / 2;
      if (t.align == Align::kRight) x += t.box.w - ct->w;
      SDL_Rect dst{x, y, ct->w, ct->h};
      SDL_RenderCopy(renderer_, ct->texture, nullptr, &dst);
    }
    y += line_h;
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
}

void SdlRenderer::DrawQr(const QrCmd& q) {
  if (q.data != qr_data_) {
    qr_ = EncodeQr(q.data);
    qr_data_ = q.data;
  }
  FillRounded(renderer_, q.rect, 0, q.light);
  if (qr_.size == 0) return;
  int cells = qr_.size + 2 * kQrQuietModules;
  int cell = std::min(q.rect.w, q.rect.h) / cells;
  if (cell < 1) return;
  int x0 = q.rect.x + (q.rect.w - cell * qr_.size) / 2;
  int y0 = q.rect.y + (q.rect.h - cell * qr_.size) / 2;
  SetColor(renderer_, q.dark);
  for (int y = 0; y < qr_.size; ++y) {
    for (int x = 0; x < qr_.size; ++x) {
      if (!qr_.Dark(x, y)) continue;
      SDL_Rect m{x0 + x * cell, y0 + y * cell, cell, cell};
      SDL_RenderFillRect(renderer_, &m);
    }
  }
}

void SdlRenderer::Draw(const Frame& frame) {
  int out_w = 0, out_h = 0;
  SDL_GetRendererOutputSize(renderer_, &out_w, &out_h);
  if (frame.width > 0 && frame.height > 0 && (out_w != frame.width || out_h != frame.height)) {
    SDL_RenderSetLogicalSize(renderer_, frame.width, frame.height);
  }
  ++draws_;
  SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
  SetColor(renderer_, frame.background);
  SDL_RenderClear(renderer_);
  for (const auto& cmd : frame.commands) {
    if (const auto* f = std::get_if<FillRectCmd>(&cmd)) {
      FillRounded(renderer_, f->rect, f->radius, f->color);
    } else if (const auto* o = std::get_if<OutlineRectCmd>(&cmd)) {
      OutlineRounded(renderer_, o->rect, o->radius, o->thickness, o->color);
    } else if (const auto* t = std::get_if<TextCmd>(&cmd)) {
      DrawText(*t);
    } else if (const auto* i = std::get_if<ImageCmd>(&cmd)) {
      auto it = images_.find(i->image_id);
      if (it != images_.end() && it->second) {
        SDL_Rect dst{i->rect.x, i->rect.y, i->rect.w, i->rect.h};
        SDL_RenderCopy(renderer_, it->second, nullptr, &dst);
      }
    } else if (const auto* q = std::get_if<QrCmd>(&cmd)) {
      DrawQr(*q);
    }
  }
  // Every call brings new numbers, each a texture of up to a few MB on a large screen: kept
  // for ever, a busy day grew the display by hundreds of MB. Text drawn in this frame or the
  // one before stays (an alternating ticker line is simply rasterised again).
  for (auto it = text_cache_.begin(); it != text_cache_.end();) {
    if (it->second.last_draw + 1 < draws_) {
      SDL_DestroyTexture(it->second.texture);
      it = text_cache_.erase(it);
    } else {
      ++it;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Offscreen
// ---------------------------------------------------------------------------------------

bool RenderFrameToImage(const Frame& frame, FontCache* fonts, RgbaImage* out, std::string* error) {
  if (!fonts->ok()) {
    *error = fonts->error();
    return false;
  }
  SDL_Surface* surface =
      SDL_CreateRGBSurfaceWithFormat(0, frame.width, frame.height, 32, SDL_PIXELFORMAT_RGBA32);
  if (!surface) {
    *error = std::string("cannot create surface: ") + SDL_GetError();
    return false;
  }
  SDL_Renderer* ren = SDL_CreateSoftwareRenderer(surface);
  if (!ren) {
    *error = std::string("cannot create software renderer: ") + SDL_GetError();
    SDL_FreeSurface(surface);
    return false;
  }
  {
    SdlRenderer r(ren, fonts);
    r.Draw(frame);
    SDL_RenderPresent(ren);
  }
  out->width = frame.width;
  out->height = frame.height;
  out->pixels.resize(static_cast<size_t>(frame.width) * frame.height * 4);
  SDL_LockSurface(surface);
  for (int y = 0; y < frame.height; ++y) {
    std::memcpy(&out->pixels[static_cast<size_t>(y) * frame.width * 4],
                static_cast<uint8_t*>(surface->pixels) + static_cast<size_t>(y) * surface->pitch,
                static_cast<size_t>(frame.width) * 4);
  }
  SDL_UnlockSurface(surface);
  SDL_DestroyRenderer(ren);
  SDL_FreeSurface(surface);
  for (size_t i = 3; i < out->pixels.size(); i += 4) out->pixels[i] = 255;  // opaque output
  return true;
}

bool RenderFrameToPng(const Frame& frame, FontCache* fonts, const std::string& path,
                      std::string* error) {
  RgbaImage image;
  return RenderFrameToImage(frame, fonts, &image, error) && WritePngFile(image, path, error);
}

}  // namespace antre::ui
