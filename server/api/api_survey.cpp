// Handlers for the public satisfaction survey (SKM) and its index (IKM): residents answer
// from the ticket page, supervisors read the index as JSON or CSV. The arithmetic is in
// core/survey.h; here are only parsing and encoding.
#include <algorithm>

#include "api_util.h"
#include "codec/domain_json.h"
#include "core/survey.h"
#include "core/text_rules.h"

namespace antre {
namespace {

constexpr int kMaxComments = 200;

// Reads u1..u9, the optional comment and (for kiosks) the source into `out`.
Status ReadAnswers(const cJSON* body, SurveyAnswers* out) {
  for (int i = 0; i < kSurveyElements; ++i) {
    std::string key = "u" + std::to_string(i + 1);
    int64_t v = 0;
    Status st = ReadInt(body, key.c_str(), true, &v);
    if (!st.ok()) return st;
    out->u[i] = v >= 1 && v <= 4 ? static_cast<int>(v) : 0;  // 0 is refused by validation
  }
  Status st = ReadString(body, "comment", false, &out->comment);
  // A comment is typed in a text area: line breaks are allowed, other controls are not.
  if (st.ok()) st = CheckText("comment", out->comment, LineBreaks::kAllowed);
  return st;
}

// from/to of ?from=&to= (local dates, inclusive); the current month up to today by default.
Status ReadPeriod(ApiContext& ctx, const HttpRequest& req, const Site& site, LocalDate* from,
                  LocalDate* to) {
  LocalDate today = LocalDateAt(ctx.clock->NowMs(), site.tz);
  *from = LocalDate{today.year, today.month, 1};
  *to = today;
  for (auto [key, target] : {std::pair<const char*, LocalDate*>{"from", from}, {"to", to}}) {
    if (!req.HasQuery(key)) continue;
    auto d = ParseDate(req.Query(key));
    if (!d.ok())
      return {MakeError(ErrorCode::kInvalidInput, std::string(key) + ": " + d.error().message)};
    *target = d.value();
  }
  if (*to < *from) return {MakeError(ErrorCode::kInvalidInput, "'to' must not be before 'from'")};
  return Status::Ok();
}

// A number with two decimals from hundredths (cJSON prints 80.48 as 80.48).
void AddHundredths(cJSON* obj, const char* key, int hundredths) {
  cJSON_AddItemToObject(obj, key, cJSON_CreateNumber(hundredths / 100.0));
}

void AddLocalized(cJSON* obj, const char* key, const std::string& id, const std::string& en) {
  cJSON* o = cJSON_AddObjectToObject(obj, key);
  AddString(o, "id", id);
  AddString(o, "en", en);
}

// respondents, means (null without respondents), ikm, grade and its label.
void AddSummary(cJSON* obj, const IkmSummary& s) {
  AddInt(obj, "respondents", s.respondents);
  if (s.respondents == 0) {
    AddNull(obj, "means");
    AddNull(obj, "ikm");
    AddNull(obj, "grade");
    AddNull(obj, "grade_label");
    return;
  }
  cJSON* means = cJSON_AddArrayToObject(obj, "means");
  for (int m : s.mean_hundredths) cJSON_AddItemToArray(means, cJSON_CreateNumber(m / 100.0));
  AddHundredths(obj, "ikm", s.ikm_hundredths);
  AddString(obj, "grade", IkmGradeName(s.grade));
  AddLocalized(obj, "grade_label", IkmGradeLabelId(s.grade), IkmGradeLabelEn(s.grade));
}

IkmSummary Overall(const std::vector<SurveyTotals>& rows) {
  std::array<int64_t, kSurveyElements> sums{};
  int n = 0;
  for (const auto& r : rows) {
    for (int i = 0; i < kSurveyElements; ++i) sums[i] += r.sums[i];
    n += r.respondents;
  }
  return ComputeIkm(sums, n);
}

std::string ServiceName(const Site& site, const std::string& id) {
  const Service* s = site.FindService(id);
  return s ? s->name.id : id;
}

// A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180).
std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void SendCsv(HttpResponse& res, const std::string& filename, const std::string& body) {
  res.status = 200;
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.SetContent(body, "text/csv; charset=utf-8");
}

// One row per service and a last row "all": the table an office publishes.
std::string SummaryCsv(const Site& site, const LocalDate& from, const LocalDate& to,
                       const std::vector<SurveyTotals>& rows) {
  std::string out =
      "from,to,service,service_name,respondents,u1,u2,u3,u4,u5,u6,u7,u8,u9,ikm,grade\r\n";
  auto line = [&](const std::string& id, const std::string& name, const IkmSummary& s) {
    out += FormatDate(from) + "," + FormatDate(to) + "," + CsvField(id) + "," + CsvField(name) +
           "," + std::to_string(s.respondents);
    for (int m : s.mean_hundredths) out += "," + (s.respondents ? FormatHundredths(m) : "");
    out += "," + (s.respondents ? FormatHundredths(s.ikm_hundredths) : "") + "," +
           IkmGradeName(s.grade) + "\r\n";
  };
  for (const auto& r : rows)
    line(r.service, ServiceName(site, r.service), ComputeIkm(r.sums, r.respondents));
  line("all", "Semua layanan", Overall(rows));
  return out;
}

// One row per response: day, service, source and the nine answers.
std::string ResponsesCsv(const std::vector<SurveyResponse>& rows) {
  std::string out = "day,service,source,u1,u2,u3,u4,u5,u6,u7,u8,u9\r\n";
  for (const auto& r : rows) {
    out += r.day + "," + CsvField(r.service) + "," + r.source;
    for (int v : r.u) out += "," + std::to_string(v);
    out += "\r\n";
  }
  return out;
}

}  // namespace

void GetTicketSurvey(ApiContext& ctx, const HttpRequest&, HttpResponse& res,
                     const Principal&, const Params& p) {
  auto state = ctx.store->SurveyState(p.at("id"));
  if (!state.ok()) return SendError(res, state.error());
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "state", state.value());
  SendJson(res, 200, o);
}

void PostTicketSurvey(ApiContext& ctx, const HttpRequest& req, HttpResponse& res,
                      const Principal&, const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  SurveyAnswers answers;
  answers.source = "web";
  Status st = ReadAnswers(body.value().get(), &answers);
  if (st.ok()) st = ctx.store->SubmitSurvey(p.at("id"), answers);
  if (!st.ok()) return SendError(res, st.error);
  SendJson(res, 201, "{\"state\":\"answered\"}");
}

void GetKioskSurvey(ApiContext& ctx, const HttpRequest&, HttpResponse& res,
                    const Principal& who, const Params& p) {
  if (who.site != p.at("site"))
    return SendError(res, MakeError(ErrorCode::kForbidden, "this kiosk belongs to another site"));
  auto state = ctx.store->SurveyStateForNumber(p.at("site"), p.at("number"));
  if (!state.ok()) return SendError(res, state.error());
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "number", p.at("number"));
  AddString(o.get(), "state", state.value());
  SendJson(res, 200, o);
}

void PostKioskSurvey(ApiContext& ctx, const HttpRequest& req, HttpResponse& res,
                     const Principal& who, const Params& p) {
  if (who.site != p.at("site"))
    return SendError(res, MakeError(ErrorCode::kForbidden, "this kiosk belongs to another site"));
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string number;
  SurveyAnswers answers;
  answers.source = "kiosk";
  Status st = ReadString(body.value().get(), "number", true, &number);
  if (st.ok()) st = ReadAnswers(body.value().get(), &answers);
  if (st.ok()) st = ctx.store->SubmitSurveyForNumber(p.at("site"), number, answers);
  if (!st.ok()) return SendError(res, st.error);
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "number", number);
  AddString(o.get(), "state", "answered");
  SendJson(res, 201, o);
}

void GetIkm(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&,
            const Params& p) {
  auto site = ctx.store->GetSite(p.at("site"));
  if (!site.ok()) return SendError(res, site.error());
  LocalDate from, to;
  Status st = ReadPeriod(ctx, req, site.value(), &from, &to);
  if (!st.ok()) return SendError(res, st.error);
  std::string service = req.Query("service");
  std::string format = req.HasQuery("format") ? req.Query("format") : "json";
  std::string rows = req.HasQuery("rows") ? req.Query("rows") : "services";
  if (format != "json" && format != "csv")
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "format must be json or csv"));
  if (rows != "services" && rows != "responses") {
    return SendError(res,
                     MakeError(ErrorCode::kInvalidInput, "rows must be services or responses"));
  }
  auto totals = ctx.store->SurveyTotalsBetween(site.value().id, from, to, service);
  if (!totals.ok()) return SendError(res, totals.error());
  std::string name = "ikm-" + site.value().id + "-" + FormatDate(from) + "-" + FormatDate(to);
  if (format == "csv" && rows == "responses") {
    auto responses = ctx.store->SurveyResponsesBetween(site.value().id, from, to, service);
    if (!responses.ok()) return SendError(res, responses.error());
    return SendCsv(res, name + "-responses.csv", ResponsesCsv(responses.value()));
  }
  if (format == "csv")
    return SendCsv(res, name + ".csv", SummaryCsv(site.value(), from, to, totals.value()));

  auto comments =
      ctx.store->SurveyCommentsBetween(site.value().id, from, to, service, kMaxComments);
  if (!comments.ok()) return SendError(res, comments.error());
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "site", site.value().id);
  AddString(o.get(), "site_name", site.value().name);
  AddString(o.get(), "from", FormatDate(from));
  AddString(o.get(), "to", FormatDate(to));
  cJSON* elements = cJSON_AddArrayToObject(o.get(), "elements");
  for (const SurveyElement& e : SurveyElements()) {
    cJSON* item = cJSON_CreateObject();
    AddString(item, "code", e.code);
    AddLocalized(item, "name", e.name_id, e.name_en);
    cJSON_AddItemToArray(elements, item);
  }
  AddSummary(cJSON_AddObjectToObject(o.get(), "overall"), Overall(totals.value()));
  cJSON* services = cJSON_AddArrayToObject(o.get(), "services");
  for (const auto& r : totals.value()) {
    cJSON* item = cJSON_CreateObject();
    AddString(item, "service", r.service);
    const Service* s = site.value().FindService(r.service);
    AddLocalized(item, "name", s ? s->name.id : r.service, s ? s->name.en : r.service);
    AddSummary(item, ComputeIkm(r.sums, r.respondents));
    cJSON_AddItemToArray(services, item);
  }
  cJSON* list = cJSON_AddArrayToObject(o.get(), "comments");
  for (const auto& c : comments.value()) {
    cJSON* item = cJSON_CreateObject();
    AddString(item, "day", c.day);
    AddString(item, "service", c.service);
    AddString(item, "text", c.text);
    cJSON_AddItemToArray(list, item);
  }
  SendJson(res, 200, o);
}

}  // namespace antre
