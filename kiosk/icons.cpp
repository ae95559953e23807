#include "kiosk/icons.h"

#include <algorithm>
#include <utility>

namespace antre::kiosk {

namespace {

// A box at fractions of the icon square (units of 1/100 of its side).
ui::Rect At(ui::Rect b, int x, int y, int w, int h) {
  int s = std::min(b.w, b.h);
  return {b.x + s * x / 100, b.y + s * y / 100, std::max(1, s * w / 100), std::max(1, s * h / 100)};
}

void Person(ui::Frame* f, ui::Rect b, int x, int y, int scale, ui::Color ink) {
  int s = std::min(b.w, b.h);
  int head = scale * 30 / 100;
  f->Fill(At(b, x - head / 2, y, head, head), ink, s * head / 200);
  f->Fill(At(b, x - scale / 4, y + head + 2, scale / 2, scale * 45 / 100), ink, s * scale / 800);
}

}  // namespace

void DrawIcon(ui::Frame* f, const std::string& name, ui::Rect box, ui::Color ink, ui::Color bg) {
  int s = std::min(box.w, box.h);
  int line = std::max(2, s / 22);
  if (name == "speaker") {  // a loudspeaker with two sound waves: speech mode
    f->Fill(At(box, 8, 36, 18, 28), ink, s / 40);
    for (int i = 0; i < 4; ++i) f->Fill(At(box, 26 + i * 6, 30 - i * 6, 7, 40 + i * 12), ink);
    // Each wave is a rounded ring with its left half painted over: a ")" shape.
    f->Outline(At(box, 66, 16, 26, 68), ink, line, s / 8);
    f->Fill(At(box, 64, 14, 15, 72), bg);
    f->Outline(At(box, 54, 32, 16, 36), ink, line, s / 14);
    f->Fill(At(box, 52, 30, 9, 40), bg);
  } else if (name == "rekam") {  // a person in a camera frame: recording biometrics
    f->Outline(At(box, 8, 8, 84, 84), ink, line, s / 10);
    Person(f, box, 50, 20, 80, ink);
  } else if (name == "cetak") {  // an ID card
    f->Outline(At(box, 5, 22, 90, 56), ink, line, s / 14);
    f->Fill(At(box, 14, 34, 24, 32), ink, s / 40);
    for (int i = 0; i < 3; ++i) f->Fill(At(box, 46, 36 + i * 11, 38 - i * 8, 5), ink);
  } else if (name == "kk") {  // a family
    Person(f, box, 28, 16, 70, ink);
    Person(f, box, 72, 16, 70, ink);
    Person(f, box, 50, 42, 50, ink);
  } else if (name == "ikd") {  // a phone with a QR-like square
    f->Outline(At(box, 27, 5, 46, 90), ink, line, s / 12);
    f->Fill(At(box, 37, 25, 26, 26), ink);
    f->Fill(At(box, 42, 30, 7, 7), bg);
    f->Fill(At(box, 52, 41, 6, 6), bg);
    f->Fill(At(box, 44, 80, 12, 5), ink, s / 40);
  } else if (name == "booking") {  // a QR code: three finder squares and a few modules
    for (auto [x, y] : {std::pair<int, int>{8, 8}, {60, 8}, {8, 60}}) {
      f->Outline(At(box, x, y, 32, 32), ink, line);
      f->Fill(At(box, x + 10, y + 10, 12, 12), ink);
    }
    for (auto [x, y] : {std::pair<int, int>{62, 62}, {80, 62}, {62, 80}, {80, 84}, {46, 46}, {46, 20}, {20, 46}}) {
      f->Fill(At(box, x, y, 10, 10), ink);
    }
  } else if (name == "info") {  // (i)
    f->Outline(At(box, 8, 8, 84, 84), ink, line, s * 42 / 100);
    f->Fill(At(box, 44, 24, 12, 12), ink, s * 6 / 100);
    f->Fill(At(box, 44, 42, 12, 36), ink, s / 50);
  } else if (name == "wheelchair") {  // a seated person on a wheel
    f->Fill(At(box, 30, 4, 20, 20), ink, s / 10);
    f->Fill(At(box, 32, 28, 16, 34), ink, s / 60);
    f->Fill(At(box, 32, 52, 40, 12), ink, s / 60);
    f->Outline(At(box, 14, 46, 50, 50), ink, line, s / 4);
    f->Fill(At(box, 68, 56, 10, 36), ink, s / 60);
  } else if (name == "pregnant") {  // a person with a round belly
    f->Fill(At(box, 34, 4, 22, 22), ink, s * 11 / 100);
    f->Fill(At(box, 32, 30, 24, 62), ink, s / 40);
    f->Fill(At(box, 38, 40, 36, 36), ink, s * 18 / 100);
  } else if (name == "priority") {  // a person with a walking stick
    Person(f, box, 42, 8, 80, ink);
    f->Fill(At(box, 72, 40, 6, 52), ink, s / 60);
    f->Fill(At(box, 62, 40, 16, 6), ink, s / 60);
  } else {  // a certificate / any document
    f->Outline(At(box, 16, 6, 68, 88), ink, line, s / 24);
    for (int i = 0; i < 4; ++i) f->Fill(At(box, 26, 20 + i * 12, 48, 5), ink);
    f->Fill(At(box, 52, 68, 18, 18), ink, s * 9 / 100);
  }
}

void DrawFace(ui::Frame* f, int level, ui::Rect box, ui::Color ink, ui::Color bg) {
  level = std::clamp(level, 1, 4);
  int s = std::min(box.w, box.h);
  int line = std::max(2, s / 16);
  auto dot = [&](int x, int y, int d) { f->Fill(At(box, x - d / 2, y - d / 2, d, d), ink, std::max(1, s * d / 200)); };
  dot(34, 38, 12);  // eyes
  dot(66, 38, 12);
  if (level == 4) {
    // A half disc: a round mouth with its upper half painted over.
    f->Fill(At(box, 28, 44, 44, 44), ink, s * 22 / 100);
    f->Fill(At(box, 26, 42, 48, 24), bg);
  } else {
    // A curve of overlapping dots, y = corner + depth * (1 - t^2) for t in -1..1: a positive
    // depth puts the middle lower than the corners (a smile), a negative one higher (a frown).
    int corner = level == 3 ? 60 : level == 2 ? 74 : 80;
    int depth = level == 3 ? 12 : level == 2 ? -6 : -16;
    for (int x = 30; x <= 70; x += 4) {
      int t = (x - 50) * 5;  // -100..100
      dot(x, corner + depth * (10000 - t * t) / 10000, 9);
    }
  }
  f->Outline(At(box, 3, 3, 94, 94), ink, line, s * 47 / 100);  // last: nothing paints over it
}

}  // namespace antre::kiosk
