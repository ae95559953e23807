#include "kiosk/survey_app.h"

#include "codec/json.h"
#include "codec/wire_decode.h"

namespace antre::kiosk {
SurveyApp::SurveyApp(SurveyAppOptions options, SurveyScreen* screen)
    : options_(std::move(options)),
      screen_(screen),
      api_(options_.server, options_.token, ApiClientOptions{2000, 8000}) {}

SurveyApp::~SurveyApp() { Stop(); }

void SurveyApp::Start() {
  net_.Start();
}

void SurveyApp::Stop() {
  net_.Stop();
}

void SurveyApp::Pump(UnixMs now) {
  net_.RunDelivered(now);

  if (!site_known_ && !site_in_flight_ && now >= next_site_read_) {
    // The board names the site and lists its services, whose prefixes the keypad offers.
    site_in_flight_ = true;
    Post([this] {
      Result<BoardSnapshot> b = api_.GetBoard(options_.site);
      Deliver([this, b](UnixMs at) {
        site_in_flight_ = false;
        if (!b.ok()) {
          next_site_read_ = at + options_.retry_ms;
          return;
        }
        site_known_ = true;
        screen_->SetSiteName(b.value().site_name);
        std::vector<std::string> prefixes;
        for (const auto& s : b.value().services) prefixes.push_back(s.service.prefix);
        screen_->SetPrefixes(prefixes);
      });
    });
  }
  if (auto number = screen_->TakeCheckRequest()) {
    std::string n = *number;
    Post([this, n] {
      Result<std::string> state = api_.SurveyState(options_.site, n);
      Deliver([this, n, state](UnixMs at) { screen_->OnChecked(n, state, at); });
    });
  }
  if (auto sub = screen_->TakeSubmission()) {
    SurveySubmission s = *sub;
    Post([this, s] {
      JsonPtr body(cJSON_CreateObject());
      AddString(body.get(), "number", s.number);
      for (int i = 0; i < kSurveyElements; ++i)
        AddInt(body.get(), ("u" + std::to_string(i + 1)).c_str(), s.answers[i]);
      Status st = api_.SubmitSurvey(options_.site, PrintJson(body.get()));
      Deliver([this, s, st](UnixMs at) { screen_->OnSent(s.number, st, at); });
    });
  }
  screen_->Tick(now);
}

}  // namespace antre::kiosk
