// Measuring and wrapping text without SDL: screens, the layout check and the renderer all
// wrap through WrapText with the same measurer, so what is checked is what is drawn.
#pragma once

#include <string>
#include <vector>

namespace antre::ui {

// Measures text in one font family at a pixel size. The SDL_ttf implementation lives in
// sdl_renderer.h (TtfTextMeasurer); FakeTextMeasurer is a deterministic one for unit tests.
class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  // Width in pixels of one line of UTF-8 text.
  virtual int Width(const std::string& text, int size_px, bool bold) const = 0;
  // Height of one line (the font's line skip) in pixels.
  virtual int LineHeight(int size_px, bool bold) const = 0;
};

// Every code point is 0.62 em wide (0.68 bold), a line is 1.2 em: wider than DejaVu Sans on
// average, so a layout that passes with it rarely fails with the real font.
class FakeTextMeasurer : public TextMeasurer {
 public:
  int Width(const std::string& text, int size_px, bool bold) const override;
  int LineHeight(int size_px, bool bold) const override;
};

// Number of Unicode code points in UTF-8 text (invalid bytes count one each).
int CountCodePoints(const std::string& text);

// Splits text into lines no wider than max_width, breaking at spaces (and at '\n'). A word
// wider than max_width is split between code points, so a line can still overflow only when
// a single code point is wider than the box.
std::vector<std::string> WrapText(const TextMeasurer& m, const std::string& text, int size_px,
                                  bool bold, int max_width);

// The largest size <= max_px (and >= min_px) at which text fits the box: one line when
// wrap is false, wrapped lines otherwise. Returns min_px if even that does not fit.
int FitTextSize(const TextMeasurer& m, const std::string& text, int max_px, int min_px,
                bool bold, bool wrap, int box_w, int box_h);

}  // namespace antre::ui
