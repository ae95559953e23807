// Layout helpers shared by the kiosk's draw files (kiosk_draw.cpp, kiosk_draw_checkin.cpp).
// Internal to kiosk/: sizes scale with s = 1 on a 1080x1920 portrait or 1920x1080 landscape.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>

#include "kiosk/kiosk_screen.h"
#include "kiosk/kiosk_theme.h"
#include "ui/draw.h"
#include "ui/text_layout.h"

namespace antre::kiosk::draw {

// The Indonesian or the English text, by the screen's language.
inline std::string Tr(Lang lang, const std::string& id, const std::string& en) {
  return lang == Lang::kId ? id : en;
}

// A priority group as the ticket names it ("Lansia (60 tahun ke atas)").
inline std::string PriorityLabel(Priority p, Lang lang) {
  switch (p) {
    case Priority::kLansia: return Tr(lang, "Lansia (60 tahun ke atas)", "Elderly (60 and over)");
    case Priority::kDisabilitas: return Tr(lang, "Penyandang disabilitas", "Person with a disability");
    case Priority::kHamil: return Tr(lang, "Ibu hamil", "Pregnant woman");
    case Priority::kNone: break;
  }
  return "";
}

// Adds text at the largest size up to max_px that fits the box.
inline void FitText(ui::Frame* f, const ui::TextMeasurer& m, ui::Rect box, const std::string& text,
                    int max_px, bool bold, ui::Color color, ui::Align align = ui::Align::kLeft,
                    bool wrap = false) {
  int px = ui::FitTextSize(m, text, max_px, 10, bold, wrap, box.w, box.h);
  f->Text(box, text, px, color, align, bold, wrap);
}

// The frame's size, orientation, scale and minimum target.
struct Metrics {
  int w, h;
  bool landscape;
  double s;
  int pad;
  int min_target;
  int P(double v) const { return static_cast<int>(std::lround(v * s)); }
};

inline Metrics Measure(const ScreenConfig& c, int min_target) {
  Metrics k;
  k.w = c.width, k.h = c.height;
  k.landscape = c.width > c.height;
  k.s = k.landscape ? std::min(c.width / 1920.0, c.height / 1080.0)
                    : std::min(c.width / 1080.0, c.height / 1920.0);
  k.pad = std::max(8, k.P(24));
  k.min_target = min_target;
  return k;
}

// A big rounded button with a label; the label wraps when it must.
inline void Button(ui::Frame* f, const ui::TextMeasurer& m, ui::Rect r, const std::string& id,
                   const std::string& label, int max_px, ui::Color bg, ui::Color ink,
                   const Metrics& k) {
  f->Fill(r, bg, k.P(20));
  if (bg == theme::kButtonLight)
    f->Outline(r, theme::kButtonLightInk, std::max(2, k.P(4)), k.P(20));
  FitText(f, m, r.Inset(k.pad), label, max_px, true, ink, ui::Align::kCenter, true);
  f->Target(r, id);
}

}  // namespace antre::kiosk::draw
