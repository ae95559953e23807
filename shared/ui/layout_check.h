// Checks a Frame against the layout rules every screen must keep: text fits its box, nothing
// leaves the frame, touch targets are big enough and do not overlap.
#pragma once

#include <string>
#include <vector>

#include "ui/draw.h"
#include "ui/text_layout.h"

namespace antre::ui {

// What a problem is about.
enum class LayoutProblemKind { kTextOverflow, kOutsideFrame, kTargetTooSmall, kTargetsOverlap };

// One broken rule, with a human-readable description naming the text or target.
struct LayoutProblem {
  LayoutProblemKind kind;
  std::string message;
};

// Returns every problem in the frame (empty when it is fine). Text is measured with `m` and
// wrapped as the renderer wraps it; targets narrower or lower than min_target_px are reported.
std::vector<LayoutProblem> CheckLayout(const Frame& frame, const TextMeasurer& m,
                                       int min_target_px);

// The pixel size of `mm` millimetres on a screen `screen_px` pixels across `screen_mm` mm.
int MmToPx(double mm, int screen_px, double screen_mm);

}  // namespace antre::ui
