// GET /api/v1/sites/:site/reports: the supervisor report of a range as JSON or CSV.
#include "api_util.h"
#include "codec/report_codec.h"

namespace antre {

void GetReport(ApiContext& ctx, const HttpRequest& req, HttpResponse& res,
               const Principal&, const Params& p) {
  auto date = [&](const char* name) -> Result<LocalDate> {
    if (!req.HasQuery(name))
      return MakeError(ErrorCode::kInvalidInput, std::string("missing parameter '") + name + "'");
    auto d = ParseDate(req.Query(name));
    if (!d.ok())
      return MakeError(ErrorCode::kInvalidInput,
                       std::string("'") + name + "' must be a date YYYY-MM-DD");
    return d;
  };
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

}  // namespace antre
