// GET /api/v1/sites/:site/reports: the supervisor report of a range as JSON or CSV.
#include "api_util.h"
#include "codec/report_codec.h"

namespace antre {
namespace {

Result<LocalDate> DateParam(const HttpRequest& req, const char* name) {
  if (!req.HasQuery(name))
    return MakeError(ErrorCode::kInvalidInput, std::string("missing parameter '") + name + "'");
  auto d = ParseDate(req.Query(name));
  if (!d.ok())
    return MakeError(ErrorCode::kInvalidInput, std::string("'") + name + "' must be a date YYYY-MM-DD");
  return d;
}

JsonPtr EncodeSourceCounts(const std::vector<BookingSourceCount>& rows, const char* key) {
  JsonPtr arr(cJSON_CreateArray());
  for (const BookingSourceCount& r : rows) {
    cJSON* item = cJSON_CreateObject();
    AddString(item, key, r.key);
    AddInt(item, "count", r.count);
    cJSON_AddItemToArray(arr.get(), item);
  }
  return arr;
}

}  // namespace

void GetReport(ApiContext& ctx, const HttpRequest& req, HttpResponse& res,
               const Principal&, const Params& p) {
  auto date = [&](const char* name) { return DateParam(req, name); };
  auto from = date("from");
  if (!from.ok()) return SendError(res, from.error());
  auto to = date("to");
  if (!to.ok()) return SendError(res, to.error());
  ReportGroup group = ReportGroup::kService;
  if (req.HasQuery("group") && !ParseReportGroup(req.Query("group"), &group)) {
    return SendError(
        res, MakeError(ErrorCode::kInvalidInput, "group must be service, counter or officer"));
  }
  std::string format = req.HasQuery("format") ? req.Query("format") : "json";
  if (format != "json" && format != "csv") {
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "format must be json or csv"));
  }
  auto report = ctx.store->BuildReport(p.at("site"), from.value(), to.value(), group);
  if (!report.ok()) return SendError(res, report.error());
  if (format == "json") return SendJson(res, 200, EncodeReport(report.value()));
  const Report& r = report.value();
  res.status = 200;
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("Content-Disposition", "attachment; filename=\"antre-" + r.site + "-" + r.from +
                                            "-" + r.to + "-" + ReportGroupName(r.group) + ".csv\"");
  res.SetContent(EncodeReportCsv(r), "text/csv; charset=utf-8");
}

void GetBookingSources(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                       const Params& p) {
  auto from = DateParam(req, "from");
  if (!from.ok()) return SendError(res, from.error());
  auto to = DateParam(req, "to");
  if (!to.ok()) return SendError(res, to.error());
  int64_t top = 20;
  if (req.HasQuery("top")) {
    const std::string& text = req.Query("top");
    top = text.size() >= 1 && text.size() <= 3 && text.find_first_not_of("0123456789") == std::string::npos
              ? std::stoll(text)
              : 0;
    if (top < 1 || top > 200) return SendError(res, MakeError(ErrorCode::kInvalidInput, "top must be 1-200"));
  }
  auto sources = ctx.store->BookingSourcesBetween(p.at("site"), from.value(), to.value(), static_cast<int>(top));
  if (!sources.ok()) return SendError(res, sources.error());
  // Client addresses are personal data: who looked, and at which period, goes in the log.
  Status st = ctx.store->Audit(who.name, "bookings.sources.view", p.at("site"),
                               FormatDate(from.value()) + ".." + FormatDate(to.value()));
  if (!st.ok()) return SendError(res, st.error);
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "site", p.at("site"));
  AddString(o.get(), "from", FormatDate(from.value()));
  AddString(o.get(), "to", FormatDate(to.value()));
  AddInt(o.get(), "total", sources.value().total);
  cJSON_AddItemToObject(o.get(), "by_address", EncodeSourceCounts(sources.value().by_address, "address").release());
  cJSON_AddItemToObject(o.get(), "by_phone_prefix",
                        EncodeSourceCounts(sources.value().by_phone_prefix, "prefix").release());
  SendJson(res, 200, o);
}

}  // namespace antre
