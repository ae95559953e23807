#include "kiosk/survey_app.h"

#include "codec/json.h"
#include "codec/wire_decode.h"

namespace antre::kiosk {
namespace {

Error ErrorOf(const HttpResponse& r) {
  if (r.status >= 500)
    return MakeError(ErrorCode::kUnavailable, "server error " + std::to_string(r.status));
  ErrorCode fallback = r.status == 404   ? ErrorCode::kNotFound
                       : r.status == 409 ? ErrorCode::kConflict
                       : r.status == 401 ? ErrorCode::kUnauthorized
                       : r.status == 403 ? ErrorCode::kForbidden
                                         : ErrorCode::kInvalidInput;
  return DecodeApiError(r.body, fallback);
}

}  // namespace

Result<std::string> ReadSurveyState(const Result<HttpResponse>& http) {
  if (!http.ok()) return http.error();
  if (http.value().status != 200) return ErrorOf(http.value());
  auto parsed = ParseJson(http.value().body);
  if (!parsed.ok()) return parsed.error();
  std::string state;
  Status st = ReadString(parsed.value().get(), "state", true, &state);
  if (!st.ok()) return st.error;
  return state;
}

Status ReadSurveySent(const Result<HttpResponse>& http) {
  if (!http.ok()) return {http.error()};
  if (http.value().status != 201) return {ErrorOf(http.value())};
  return Status::Ok();
}

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
  const std::string base = "/api/v1/sites/" + EscapePathSegment(options_.site) + "/surveys";
  if (auto number = screen_->TakeCheckRequest()) {
    std::string n = *number;
    Post([this, base, n] {
      Result<std::string> state =
          ReadSurveyState(api_.Send("GET", base + "/" + EscapePathSegment(n), ""));
      Deliver([this, n, state](UnixMs at) { screen_->OnChecked(n, state, at); });
    });
  }
  if (auto sub = screen_->TakeSubmission()) {
    SurveySubmission s = *sub;
    Post([this, base, s] {
      JsonPtr body(cJSON_CreateObject());
      AddString(body.get(), "number", s.number);
      for (int i = 0; i < kSurveyElements; ++i)
        AddInt(body.get(), ("u" + std::to_string(i + 1)).c_str(), s.answers[i]);
      Status st = ReadSurveySent(api_.Send("POST", base, PrintJson(body.get())));
      Deliver([this, s, st](UnixMs at) { screen_->OnSent(s.number, st, at); });
    });
  }
  screen_->Tick(now);
}

}  // namespace antre::kiosk
