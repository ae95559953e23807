// GET /api/v1/sites/:site/reports: the supervisor report of a range as JSON or CSV.
#include "api_util.h"
#include "codec/report_codec.h"

namespace antre {

void GetReport(ApiContext& ctx, const httplib::Request& req, httplib::Response& res,
               const Principal&, const Params& p) {
  auto date = [&](const char* name) -> Result<LocalDate> {
    if (!req.has_param(name))
      return MakeError(ErrorCode::kInvalidInput, std::string("missing parameter '") + name + "'");
    auto d = ParseDate(req.get_param_value(name));
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
  if (req.has_param("group") && !ParseReportGroup(req.get_param_value("group"), &group)) {
    return SendError(
        res, MakeError(ErrorCode::kInvalidInput, "group must be service, counter or officer"));
  }
  std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
  if (format != "json" && format != "csv") {
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "format must be json or csv"));
  }
  auto report = ctx.store->BuildReport(p.at("site"), from.value(), to.value(), group);
  if (!report.ok()) return SendError(res, report.error());
  if (format == "json") return SendJson(res, 200, EncodeReport(report.value()));
  const Report& r = report.value();
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Disposition", "attachment; filename=\"antre-" + r.site + "-" + r.from +
                                            "-" + r.to + "-" + ReportGroupName(r.group) + ".csv\"");
  res.set_content(EncodeReportCsv(r), "text/csv; charset=utf-8");
}

}  // namespace antre
