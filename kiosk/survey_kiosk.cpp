#include "kiosk/survey_kiosk.h"

#include <sys/stat.h>

#include "ui/layout_check.h"
#include "ui/sdl_renderer.h"

namespace antre::kiosk {
namespace {

// Taps the centre of target `id`, past the tap guard.
void Tap(SurveyScreen* s, const std::string& id, UnixMs* now) {
  *now += 2000;
  ui::Frame f = s->BuildFrame(ui::FakeTextMeasurer());
  if (const ui::TouchTarget* t = f.FindTarget(id)) s->OnTap(t->rect.Center(), *now);
}

}  // namespace

std::vector<FixtureFrame> SurveyFixtureFrames(int width, int height, Lang lang,
                                              const ui::TextMeasurer& m, ScreenConfig base) {
  std::vector<FixtureFrame> out;
  std::string suffix = std::string(lang == Lang::kId ? "-id-" : "-en-") + std::to_string(width) +
                       "x" + std::to_string(height);
  base.site_name = "Disdukcapil Kota Serang";
  UnixMs now = 1795833660000;  // 2026-11-28T09:41:00+07:00
  auto fresh = [&]() {
    SurveyScreen s(base);
    s.Resize(width, height);
    if (lang == Lang::kEn) Tap(&s, "lang", &now);
    return s;
  };
  auto add = [&](const std::string& name, const SurveyScreen& s) {
    out.push_back({"survey-" + name + suffix, s.BuildFrame(m), s.MinTargetPx()});
  };
  SurveyScreen s = fresh();
  add("number-empty", s);
  s.OnText("a13", now);
  add("number-typed", s);
  Tap(&s, "continue", &now);
  add("checking", s);
  s.OnChecked("A013", std::string("open"), now);
  add("question-1", s);
  {
    SurveyScreen spoken = s;  // speech mode: the third answer highlighted by a first tap
    Tap(&spoken, "speech", &now);
    Tap(&spoken, "choice:3", &now);
    add("question-1-speech", spoken);
  }
  for (int i = 0; i < 7; ++i) Tap(&s, "choice:4", &now);
  add("question-8", s);
  Tap(&s, "back", &now);
  add("question-7-answered", s);
  Tap(&s, "choice:3", &now);
  Tap(&s, "choice:2", &now);
  Tap(&s, "choice:4", &now);
  add("sending", s);
  s.OnSent("A013", Status::Ok(), now);
  add("thanks", s);
  const std::pair<const char*, Result<std::string>> refusals[] = {
      {"not-found", Error{ErrorCode::kNotFound, "no ticket A013 today"}},
      {"not-served", std::string("not_served")},
      {"answered", std::string("answered")},
      {"offline", Error{ErrorCode::kUnavailable, "no answer"}},
  };
  for (const auto& [name, answer] : refusals) {
    SurveyScreen r = fresh();
    r.OnText("A13", now);
    r.OnEnter(now);
    r.OnChecked("A013", answer, now);
    add(std::string("refused-") + name, r);
  }
  return out;
}

int WriteSurveyScreenshots(const std::string& dir, ui::FontCache* fonts, const ScreenConfig& base,
                           std::vector<std::string>* problems, std::string* error) {
  mkdir(dir.c_str(), 0755);
  ui::TtfTextMeasurer m(fonts);
  int written = 0;
  for (auto [w, h] : ScreenshotSizes()) {
    for (Lang lang : {Lang::kId, Lang::kEn}) {
      for (const auto& ff : SurveyFixtureFrames(w, h, lang, m, base)) {
        for (const auto& p : ui::CheckLayout(ff.frame, m, ff.min_target_px))
          problems->push_back(ff.name + ": " + p.message);
        if (!ui::RenderFrameToPng(ff.frame, fonts, dir + "/" + ff.name + ".png", error)) return -1;
        ++written;
      }
    }
  }
  return written;
}

}  // namespace antre::kiosk
