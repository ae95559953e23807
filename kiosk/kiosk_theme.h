// The kiosk's colours, chosen for >= 7:1 text contrast (checked in tests/kiosk).
#pragma once

#include <utility>
#include <vector>

#include "ui/draw.h"

namespace antre::kiosk {

namespace theme {
constexpr ui::Color kPage{255, 255, 255, 255};
constexpr ui::Color kInk{26, 26, 26, 255};
constexpr ui::Color kMutedInk{64, 64, 64, 255};
constexpr ui::Color kHeader{11, 61, 145, 255};     // navy
constexpr ui::Color kOnDark{255, 255, 255, 255};
constexpr ui::Color kService{11, 61, 145, 255};
constexpr ui::Color kPriority{106, 27, 154, 255};  // purple: a path of its own
constexpr ui::Color kClosed{224, 224, 224, 255};
constexpr ui::Color kClosedInk{51, 51, 51, 255};
constexpr ui::Color kFree{11, 93, 30, 255};        // dark green notice band
constexpr ui::Color kAlert{155, 0, 0, 255};        // printer fault, out of order
constexpr ui::Color kButtonLight{232, 240, 254, 255};
constexpr ui::Color kButtonLightInk{11, 37, 69, 255};
constexpr ui::Color kBooking{0, 90, 90, 255};      // dark teal: the OPAK MANIS path
constexpr ui::Color kNotice{255, 244, 214, 255};   // calm pale amber: blank-card stock
constexpr ui::Color kNoticeInk{77, 51, 0, 255};
constexpr ui::Color kFocus{255, 204, 0, 255};      // the speech-mode highlight ring
}  // namespace theme

// Every (text, background) pair the screens draw, for the contrast test.
inline std::vector<std::pair<ui::Color, ui::Color>> TextColorPairs() {
  using namespace theme;
  return {{kInk, kPage},       {kMutedInk, kPage}, {kOnDark, kHeader},  {kOnDark, kService},
          {kOnDark, kPriority}, {kClosedInk, kClosed}, {kOnDark, kFree}, {kOnDark, kAlert},
          {kButtonLightInk, kButtonLight}, {kAlert, kPage},
          {kOnDark, kBooking},  {kNoticeInk, kNotice}, {kInk, kButtonLight}, {kPriority, kPage}};
}

}  // namespace antre::kiosk
