// The survey kiosk (`antre-kiosk --survey`): the screen's flow with no I/O and its layout at
// every size in both languages.
#include <doctest/doctest.h>

#include "kiosk/icons.h"
#include "kiosk/kiosk_settings.h"
#include "kiosk/survey_kiosk.h"
#include "ui/sdl_renderer.h"

using namespace antre;
using namespace antre::kiosk;

namespace {

// A survey screen driven by taps on its own targets, each past the tap guard.
struct Rig {
  SurveyScreen screen{ScreenConfig{}};
  UnixMs now = 1795833660000;
  bool Tap(const std::string& id) {
    now += 1000;
    ui::Frame f = screen.BuildFrame(ui::FakeTextMeasurer());
    const ui::TouchTarget* t = f.FindTarget(id);
    if (t) screen.OnTap(t->rect.Center(), now);
    return t != nullptr;
  }
};

}  // namespace

TEST_CASE("SurveyKiosk: number, check, nine answers, one submission, thanks") {
  Rig r;
  CHECK_FALSE(r.Tap("continue"));  // no number yet: no Next button to tap
  REQUIRE(r.Tap("prefix:B"));
  REQUIRE(r.Tap("digit:0"));
  REQUIRE(r.Tap("digit:7"));
  CHECK(r.screen.number() == "B007");
  REQUIRE(r.Tap("continue"));
  CHECK(r.screen.state() == SurveyState::kChecking);
  CHECK(r.screen.TakeCheckRequest() == std::optional<std::string>("B007"));
  CHECK_FALSE(r.screen.TakeCheckRequest());
  r.screen.OnChecked("B999", std::string("open"), r.now);  // stale: ignored
  CHECK(r.screen.state() == SurveyState::kChecking);
  r.screen.OnChecked("B007", std::string("open"), r.now);
  REQUIRE(r.screen.state() == SurveyState::kQuestion);

  const int want[kSurveyElements] = {4, 3, 4, 4, 3, 4, 4, 3, 4};
  for (int i = 0; i < kSurveyElements; ++i) {
    CHECK(r.screen.question() == i);
    REQUIRE(r.Tap("choice:" + std::to_string(i == 2 ? 1 : want[i])));
    if (i == 2) {  // a change of mind: back to U3 and answer again
      REQUIRE(r.Tap("back"));
      CHECK(r.screen.answers()[2] == 1);
      REQUIRE(r.Tap("choice:4"));
    }
  }
  CHECK(r.screen.state() == SurveyState::kSending);
  auto sub = r.screen.TakeSubmission();
  REQUIRE(sub);
  CHECK(sub->number == "B007");
  for (int i = 0; i < kSurveyElements; ++i) CHECK(sub->answers[i] == want[i]);
  CHECK_FALSE(r.screen.TakeSubmission());

  // No server: the same answers can be sent again.
  r.screen.OnSent("B007", Status{Error{ErrorCode::kUnavailable, "down"}}, r.now);
  CHECK(r.screen.refusal() == SurveyRefusal::kUnavailable);
  REQUIRE(r.Tap("retry"));
  CHECK(r.screen.TakeSubmission()->answers[2] == 4);
  r.screen.OnSent("B007", Status::Ok(), r.now);
  CHECK(r.screen.state() == SurveyState::kThanks);
  CHECK(r.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("Terima kasih!"));
  r.screen.Tick(r.now + 8000);
  CHECK(r.screen.state() == SurveyState::kNumber);
  CHECK(r.screen.number().empty());
}

TEST_CASE("SurveyKiosk: refusals say why, and a keyboard types the number") {
  struct Row {
    Result<std::string> answer;
    SurveyRefusal want;
    const char* text;
  };
  const Row rows[] = {
      {std::string("not_served"), SurveyRefusal::kNotServed, "belum selesai dilayani"},
      {std::string("answered"), SurveyRefusal::kAnswered, "sudah diisi"},
      {Error{ErrorCode::kNotFound, "no ticket"}, SurveyRefusal::kNotFound, "tidak ada hari ini"},
      {Error{ErrorCode::kUnavailable, "down"}, SurveyRefusal::kUnavailable,
       "tidak dapat dihubungi"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    Rig r;
    r.screen.OnText("a1", r.now);  // lower case letter: the prefix
    r.screen.OnText("2", r.now);
    r.screen.OnBackspace(r.now);
    r.screen.OnText("3", r.now);
    r.screen.OnEnter(r.now);
    REQUIRE(r.screen.TakeCheckRequest() == std::optional<std::string>("A013"));
    r.screen.OnChecked("A013", row.answer, r.now);
    CHECK(r.screen.refusal() == row.want);
    CHECK(r.screen.BuildFrame(ui::FakeTextMeasurer()).HasText(row.text));
    REQUIRE(r.Tap("ok"));
    CHECK(r.screen.state() == SurveyState::kNumber);
  }
}

TEST_CASE("SurveyKiosk: someone who walks away leaves nothing for the next resident") {
  Rig r;
  r.Tap("lang");
  r.screen.OnText("C5", r.now);
  r.screen.OnEnter(r.now);
  r.screen.OnChecked("C005", std::string("open"), r.now);
  REQUIRE(r.Tap("choice:1"));
  REQUIRE(r.Tap("choice:2"));
  r.screen.Tick(r.now + 44000);
  CHECK(r.screen.state() == SurveyState::kQuestion);
  r.screen.Tick(r.now + 45000);
  CHECK(r.screen.state() == SurveyState::kNumber);
  CHECK(r.screen.number().empty());
  CHECK(r.screen.answers()[0] == 0);
  CHECK(r.screen.lang() == ui::Lang::kId);
  // A double tap does not answer two questions.
  r.screen.OnText("C5", r.now);
  r.screen.OnEnter(r.now);
  r.screen.OnChecked("C005", std::string("open"), r.now + 50000);
  r.now += 51000;
  ui::Frame f = r.screen.BuildFrame(ui::FakeTextMeasurer());
  ui::Point p = f.FindTarget("choice:4")->rect.Center();
  r.screen.OnTap(p, r.now);
  r.screen.OnTap(p, r.now + 100);
  CHECK(r.screen.question() == 1);
}

TEST_CASE(
    "SurveyKiosk: every screen fits, with targets >= 20 mm, at every size and in both languages") {
  ui::FontCache fonts;
  REQUIRE_MESSAGE(fonts.ok(), fonts.error());
  ui::TtfTextMeasurer m(&fonts);
  int frames = 0;
  for (auto [w, h] : ScreenshotSizes()) {
    for (ui::Lang lang : {ui::Lang::kId, ui::Lang::kEn}) {
      for (const auto& ff : SurveyFixtureFrames(w, h, lang, m, ScreenConfig{})) {
        ++frames;
        for (const auto& p : ui::CheckLayout(ff.frame, m, ff.min_target_px))
          FAIL_CHECK(ff.name << ": " << p.message);
      }
    }
  }
  CHECK(frames == 3 * 2 * 13);
}

TEST_CASE(
    "SurveyKiosk: --survey (a flag, or \"survey\": true in the config) selects the survey kiosk") {
  const char* plain[] = {"antre-kiosk", "--site", "serang"};
  const char* survey[] = {"antre-kiosk", "--survey", "--site", "serang"};
  CHECK_FALSE(ParseKioskArgs(3, plain).value().survey);
  auto parsed = ParseKioskArgs(4, survey);
  REQUIRE(parsed.ok());
  CHECK(parsed.value().survey);
  CHECK(parsed.value().site == "serang");
}

TEST_CASE("SurveyKiosk: every answer has a face as well as words, frowning to smiling") {
  for (auto [w, h] : ScreenshotSizes()) {
    Rig r;
    r.screen.Resize(w, h);
    r.screen.OnText("A13", r.now);
    r.screen.OnEnter(r.now);
    r.screen.OnChecked("A013", std::string("open"), r.now);
    ui::Frame f = r.screen.BuildFrame(ui::FakeTextMeasurer());
    for (int i = 1; i <= 4; ++i) {
      const ui::TouchTarget* t = f.FindTarget("choice:" + std::to_string(i));
      REQUIRE(t);
      // A face's outline is a circle (a square with a radius near half its side) in the button.
      int faces = 0;
      for (const auto& c : f.commands) {
        const auto* o = std::get_if<ui::OutlineRectCmd>(&c);
        if (o && o->rect.w == o->rect.h && o->radius * 100 >= o->rect.w * 45 && t->rect.Contains(o->rect.Center()) &&
            o->rect.w >= t->rect.h / 3) {
          ++faces;
        }
      }
      CHECK_MESSAGE(faces == 1, w, "x", h, " choice ", i);
    }
  }
}

TEST_CASE("SurveyKiosk: faces frown for 1 and 2, smile for 3 and 4") {
  const ui::Color ink{0, 0, 0, 255}, bg{255, 255, 255, 255};
  // The mouth's middle dot against its corner dot: below the corners is a smile.
  auto smile_depth = [&](int level) {
    ui::Frame f;
    DrawFace(&f, level, {0, 0, 200, 200}, ink, bg);
    std::vector<ui::Rect> dots;
    for (const auto& c : f.commands) {
      if (const auto* fill = std::get_if<ui::FillRectCmd>(&c)) dots.push_back(fill->rect);
    }
    REQUIRE(dots.size() >= 4);  // two eyes, then the mouth
    if (level == 4) return dots[2].Center().y > dots[0].Center().y ? 100 : -100;  // an open half disc below the eyes
    const ui::Rect& corner = dots[2];
    const ui::Rect& middle = dots[2 + (dots.size() - 2) / 2];
    return middle.Center().y - corner.Center().y;
  };
  CHECK(smile_depth(1) < smile_depth(2));
  CHECK(smile_depth(2) < 0);
  CHECK(smile_depth(3) > 0);
  CHECK(smile_depth(4) > 0);
  ui::Frame broad;
  DrawFace(&broad, 4, {0, 0, 200, 200}, ink, bg);
  bool painted_over = false;  // the open mouth's upper half is covered in the background colour
  for (const auto& c : broad.commands) {
    if (const auto* fill = std::get_if<ui::FillRectCmd>(&c)) painted_over = painted_over || fill->color == bg;
  }
  CHECK(painted_over);
}
