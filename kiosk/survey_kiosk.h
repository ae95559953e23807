// `antre-kiosk --survey`: the survey kiosk's window loop and its screenshots.
#pragma once

#include <string>
#include <vector>

#include "kiosk/kiosk_settings.h"
#include "kiosk/screenshot.h"
#include "kiosk/survey_screen.h"

namespace antre::ui {
class FontCache;
}

namespace antre::kiosk {

// Every survey screen (keypad empty and typed, checking, a question with and without an
// earlier answer, sending, thanks, and each refusal) at one size in one language.
std::vector<FixtureFrame> SurveyFixtureFrames(int width, int height, Lang lang,
                                              const ui::TextMeasurer& m, ScreenConfig base);

// Writes every survey fixture frame at every screenshot size in both languages as
// DIR/survey-<name>.png, checked with CheckLayout; returns the number written, -1 on failure.
int WriteSurveyScreenshots(const std::string& dir, ui::FontCache* fonts, const ScreenConfig& base,
                           std::vector<std::string>* problems, std::string* error);

// Runs the survey kiosk (or, with --screenshot, writes its screenshots); returns the exit code.
int RunSurveyKiosk(const KioskSettings& settings, ui::FontCache* fonts);

}  // namespace antre::kiosk
