#include "ui/layout_check.h"

#include <algorithm>
#include <cmath>

namespace antre::ui {

namespace {

std::string Describe(const Rect& r) {
  return "(" + std::to_string(r.x) + "," + std::to_string(r.y) + " " + std::to_string(r.w) + "x" +
         std::to_string(r.h) + ")";
}

bool InsideFrame(const Rect& r, const Frame& f) {
  return r.x >= 0 && r.y >= 0 && r.right() <= f.width && r.bottom() <= f.height;
}

// Adds a problem if text `t` does not fit its box.
void CheckText(const TextCmd& t, const TextMeasurer& m, std::vector<LayoutProblem>* out) {
  int line_h = m.LineHeight(t.size_px, t.bold);
  int widest = 0;
  int lines = 1;
  if (t.wrap) {
    auto wrapped = WrapText(m, t.text, t.size_px, t.bold, t.box.w);
    lines = static_cast<int>(wrapped.size());
    for (const auto& l : wrapped) widest = std::max(widest, m.Width(l, t.size_px, t.bold));
  } else {
    widest = m.Width(t.text, t.size_px, t.bold);
  }
  if (widest > t.box.w || lines * line_h > t.box.h) {
    out->push_back({LayoutProblemKind::kTextOverflow,
                    "text \"" + t.text + "\" needs " + std::to_string(widest) + "x" +
                        std::to_string(lines * line_h) + " but its box is " + Describe(t.box)});
  }
}

}  // namespace

std::vector<LayoutProblem> CheckLayout(const Frame& frame, const TextMeasurer& m,
                                       int min_target_px) {
  std::vector<LayoutProblem> out;
  for (const auto& cmd : frame.commands) {
    Rect r;
    std::string what;
    if (const auto* f = std::get_if<FillRectCmd>(&cmd)) {
      r = f->rect, what = "box";
    } else if (const auto* o = std::get_if<OutlineRectCmd>(&cmd)) {
      r = o->rect, what = "outline";
    } else if (const auto* t = std::get_if<TextCmd>(&cmd)) {
      r = t->box, what = "text \"" + t->text + "\"";
      CheckText(*t, m, &out);
    } else if (const auto* i = std::get_if<ImageCmd>(&cmd)) {
      r = i->rect, what = "image " + i->image_id;
    } else if (const auto* q = std::get_if<QrCmd>(&cmd)) {
      r = q->rect, what = "QR code";
    }
    if (!InsideFrame(r, frame)) {
      out.push_back({LayoutProblemKind::kOutsideFrame, what + " at " + Describe(r) +
                                                           " leaves the frame"});
    }
  }
  for (size_t i = 0; i < frame.targets.size(); ++i) {
    const auto& t = frame.targets[i];
    if (t.rect.w < min_target_px || t.rect.h < min_target_px) {
      out.push_back({LayoutProblemKind::kTargetTooSmall,
                     "target " + t.id + " " + Describe(t.rect) + " is under " +
                         std::to_string(min_target_px) + " px"});
    }
    if (!InsideFrame(t.rect, frame)) {
      out.push_back({LayoutProblemKind::kOutsideFrame, "target " + t.id + " leaves the frame"});
    }
    for (size_t j = i + 1; j < frame.targets.size(); ++j) {
      if (t.rect.Intersects(frame.targets[j].rect)) {
        out.push_back({LayoutProblemKind::kTargetsOverlap,
                       "targets " + t.id + " and " + frame.targets[j].id + " overlap"});
      }
    }
  }
  return out;
}

int MmToPx(double mm, int screen_px, double screen_mm) {
  return static_cast<int>(std::ceil(mm * screen_px / screen_mm));
}

}  // namespace antre::ui
