// Pure shared/ui: wrapping, layout check, dates, contrast, QR matrix.
#include <doctest/doctest.h>

#include "ui/date_format.h"
#include "ui/draw.h"
#include "ui/layout_check.h"
#include "ui/qr.h"
#include "ui/text_layout.h"

using namespace antre;
using namespace antre::ui;

TEST_CASE("WrapText: breaks at spaces and never exceeds the width when words fit") {
  FakeTextMeasurer m;  // 10 px text: 6.2 px per code point
  auto lines = WrapText(m, "Layanan GRATIS tidak dipungut biaya", 10, false, 100);
  REQUIRE(lines.size() >= 3);
  for (const auto& l : lines) CHECK(m.Width(l, 10, false) <= 100);
  CHECK(lines[0] == "Layanan GRATIS");
}

TEST_CASE("WrapText: newline starts a line; an overlong word is split by code point") {
  FakeTextMeasurer m;
  CHECK(WrapText(m, "a\nb", 10, false, 500) == std::vector<std::string>{"a", "b"});
  auto lines = WrapText(m, "ééééééééééé", 10, false, 31);  // 5 code points per line
  CHECK(lines == std::vector<std::string>{"ééééé", "ééééé", "é"});
}

TEST_CASE("FitTextSize: shrinks until the text fits") {
  FakeTextMeasurer m;
  int px = FitTextSize(m, "Perekaman e-KTP", 100, 10, true, false, 300, 200);
  CHECK(px < 100);
  CHECK(m.Width("Perekaman e-KTP", px, true) <= 300);
}

TEST_CASE("CheckLayout: finds overflow, out-of-frame boxes, small and overlapping targets") {
  FakeTextMeasurer m;
  Frame f;
  f.width = 400, f.height = 400;
  f.Text({0, 0, 100, 30}, "fits", 20, {});
  CHECK(CheckLayout(f, m, 50).empty());

  SUBCASE("overflow") {
    f.Text({0, 40, 100, 30}, "this is far too long", 20, {});
    auto p = CheckLayout(f, m, 50);
    REQUIRE(p.size() == 1);
    CHECK(p[0].kind == LayoutProblemKind::kTextOverflow);
  }
  SUBCASE("wrapped text too tall") {
    f.Text({0, 40, 100, 30}, "one two three four", 20, {}, Align::kLeft, false, true);
    CHECK(CheckLayout(f, m, 50).at(0).kind == LayoutProblemKind::kTextOverflow);
  }
  SUBCASE("outside") {
    f.Fill({350, 350, 100, 10}, {});
    CHECK(CheckLayout(f, m, 50).at(0).kind == LayoutProblemKind::kOutsideFrame);
  }
  SUBCASE("targets") {
    f.Target({0, 100, 40, 80}, "small");
    f.Target({100, 100, 80, 80}, "a");
    f.Target({150, 150, 80, 80}, "b");
    auto p = CheckLayout(f, m, 50);
    REQUIRE(p.size() == 2);
    CHECK(p[0].kind == LayoutProblemKind::kTargetTooSmall);
    CHECK(p[1].kind == LayoutProblemKind::kTargetsOverlap);
  }
}

TEST_CASE("Frame: hit test picks the target under the point") {
  Frame f;
  f.Target({0, 0, 10, 10}, "a");
  f.Target({20, 0, 10, 10}, "b");
  CHECK(f.HitTest({5, 5}) == "a");
  CHECK(f.HitTest({25, 9}) == "b");
  CHECK(f.HitTest({15, 5}).empty());
  CHECK(MmToPx(20, 1080, 268) == 81);
}

TEST_CASE("FormatLongDateTime: Indonesian and English, in the site's zone") {
  TimeZone wib{"Asia/Jakarta", 420};
  UnixMs at = ParseIso("2026-11-28T09:41:30+07:00").value();
  CHECK(FormatLongDateTime(at, wib, Lang::kId) == "Sabtu, 28 November 2026 09:41");
  CHECK(FormatLongDateTime(at, wib, Lang::kEn) == "Saturday, 28 November 2026 09:41");
  UnixMs new_year = ParseIso("2026-12-31T17:05:00Z").value();  // 00:05 WIB on 1 January
  CHECK(FormatLongDateTime(new_year, wib, Lang::kId) == "Jumat, 1 Januari 2027 00:05");
  CHECK(FormatLongDate(ParseIso("2026-08-17T08:00:00+07:00").value(), wib, Lang::kId) ==
        "Senin, 17 Agustus 2026");
}

TEST_CASE("ContrastRatio: WCAG reference values") {
  CHECK(ContrastRatio({0, 0, 0, 255}, {255, 255, 255, 255}) == doctest::Approx(21.0));
  CHECK(ContrastRatio({255, 255, 255, 255}, {255, 255, 255, 255}) == doctest::Approx(1.0));
  CHECK(ContrastRatio({118, 118, 118, 255}, {255, 255, 255, 255}) == doctest::Approx(4.54).epsilon(0.01));
}

TEST_CASE("EncodeQr: a URL becomes a square symbol with finder patterns") {
  QrMatrix q = EncodeQr("http://127.0.0.1:8080/t/20c0b554a3b02ab6adf88659");
  REQUIRE(q.size >= 21);
  CHECK((q.size - 17) % 4 == 0);
  // Finder pattern corners are dark, the separator next to them light.
  CHECK(q.Dark(0, 0));
  CHECK(q.Dark(q.size - 1, 0));
  CHECK(q.Dark(0, q.size - 1));
  CHECK_FALSE(q.Dark(7, 7));
}
