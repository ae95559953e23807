// Layout helpers shared by the kiosk's draw files (kiosk_draw.cpp, kiosk_draw_checkin.cpp).
// Internal to kiosk/: sizes scale with s = 1 on a 1080x1920 portrait or 1920x1080 landscape.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>

#include "kiosk/icons.h"
#include "kiosk/kiosk_screen.h"
#include "kiosk/kiosk_theme.h"
#include "kiosk/speech_guide.h"
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

// Where the header band puts its text and its controls (the speaker button and the language
// switch). Portrait stacks the two controls on the right; landscape sets them side by side.
struct HeaderLayout {
  int height = 0;
  ui::Rect text, speech, lang;  // speech / lang are empty when not shown
};

inline HeaderLayout LayHeader(const Metrics& k, bool with_speech, bool with_lang) {
  HeaderLayout h;
  const int button_w = std::max(k.min_target, k.P(k.landscape ? 360 : 330));
  const bool stacked = with_speech && with_lang && !k.landscape;
  h.height = std::max(k.min_target + 2 * k.pad, k.P(k.landscape ? 150 : 200));
  if (stacked) h.height = std::max(h.height, 2 * k.min_target + 3 * k.pad / 2);
  const int count = (with_speech ? 1 : 0) + (with_lang ? 1 : 0);
  const int controls_w = stacked ? button_w : count * button_w + std::max(0, count - 1) * k.pad;
  int x = k.w - k.pad - controls_w;
  if (stacked) {
    int bh = (h.height - 3 * k.pad / 2) / 2;
    h.speech = {x, k.pad / 2, button_w, bh};
    h.lang = {x, h.height - k.pad / 2 - bh, button_w, bh};
  } else {
    ui::Rect r{x, k.pad, button_w, h.height - 2 * k.pad};
    if (with_speech) h.speech = r, r.x += button_w + k.pad;
    if (with_lang) h.lang = r;
  }
  int text_right = count ? x - k.pad : k.w - k.pad;
  h.text = {k.pad, k.pad / 2, text_right - k.pad, h.height - k.pad};
  return h;
}

// The speaker button: "Bantuan suara" turns speech on; once on it reads "Ulangi" (repeat).
inline void SpeechButton(ui::Frame* f, const ui::TextMeasurer& m, ui::Rect r, bool is_on, Lang lang,
                         const Metrics& k) {
  const ui::Color bg = is_on ? theme::kNotice : theme::kButtonLight;
  const ui::Color ink = is_on ? theme::kNoticeInk : theme::kButtonLightInk;
  f->Fill(r, bg, k.P(20));
  f->Outline(r, ink, std::max(2, k.P(4)), k.P(20));
  int icon = std::min(r.h - k.pad, r.w / 4);
  DrawIcon(f, "speaker", {r.x + k.pad / 2, r.y + (r.h - icon) / 2, icon, icon}, ink, bg);
  ui::Rect label{r.x + k.pad / 2 + icon + k.pad / 4, r.y + k.pad / 4, r.w - icon - k.pad - k.pad / 4,
                 r.h - k.pad / 2};
  FitText(f, m, label, is_on ? Tr(lang, "Ulangi", "Repeat") : Tr(lang, "Bantuan suara", "Voice guide"), k.P(44),
          true, ink, ui::Align::kCenter, true);
  f->Target(r, kSpeechButtonId);
}

// The highlight of the control speech mode has selected: a thick black and yellow ring
// inside its box (seen by residents with low vision, on any background).
inline void FocusRing(ui::Frame* f, const std::string& id, const Metrics& k) {
  if (id.empty()) return;
  const ui::TouchTarget* t = f->FindTarget(id);
  if (!t) return;
  int ring = std::max(6, k.P(18));
  f->Outline(t->rect, theme::kInk, ring, k.P(20));
  f->Outline(t->rect.Inset(ring / 4), theme::kFocus, ring * 5 / 8, k.P(20));
}

}  // namespace antre::kiosk::draw
