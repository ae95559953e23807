// Simple service icons drawn from filled and outlined (rounded) rects, so any renderer of
// the draw list can show them and they scale to any size.
#pragma once

#include <string>

#include "ui/draw.h"

namespace antre::kiosk {

// Draws the icon for a service id ("rekam", "cetak", "kk", "akta", "ikd", "info") or a group
// ("priority", "wheelchair", "pregnant"), "booking" (a QR code) or "speaker" (speech mode)
// into the square box; unknown names get a document. bg is the colour behind.
void DrawIcon(ui::Frame* f, const std::string& name, ui::Rect box, ui::Color ink, ui::Color bg);

// Draws a face for a survey answer into the square box: 1 a deep frown, 2 a slight frown,
// 3 a smile, 4 a broad open smile. Levels outside 1-4 are clamped. bg is the colour behind.
void DrawFace(ui::Frame* f, int level, ui::Rect box, ui::Color ink, ui::Color bg);

}  // namespace antre::kiosk
