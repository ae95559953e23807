#include "ui/draw.h"

#include <algorithm>
#include <cmath>

namespace antre::ui {

Rect Rect::Inset(int d) const {
  return Rect{x + d, y + d, std::max(0, w - 2 * d), std::max(0, h - 2 * d)};
}

std::string Frame::HitTest(Point p) const {
  for (auto it = targets.rbegin(); it != targets.rend(); ++it) {
    if (it->rect.Contains(p)) return it->id;
  }
  return "";
}

const TouchTarget* Frame::FindTarget(const std::string& id) const {
  for (const auto& t : targets) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

std::vector<std::string> Frame::Texts() const {
  std::vector<std::string> out;
  for (const auto& c : commands) {
    if (const auto* t = std::get_if<TextCmd>(&c)) out.push_back(t->text);
  }
  return out;
}

bool Frame::HasText(const std::string& needle) const {
  for (const auto& c : commands) {
    const auto* t = std::get_if<TextCmd>(&c);
    if (t && t->text.find(needle) != std::string::npos) return true;
  }
  return false;
}

namespace {
double Channel(uint8_t v) {
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
}  // namespace

double RelativeLuminance(Color c) {
  return 0.2126 * Channel(c.r) + 0.7152 * Channel(c.g) + 0.0722 * Channel(c.b);
}

double ContrastRatio(Color a, Color b) {
  double la = RelativeLuminance(a), lb = RelativeLuminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

}  // namespace antre::ui
