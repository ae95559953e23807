// The city comparison report: one row per site with the site report's totals, backlog and
// courier figures, as JSON and CSV. Columns come from the site report's own table, so a city
// row and a site report's total line always agree.
#include "codec/json.h"
#include "codec/report_codec.h"

namespace antre {
namespace {

struct ExtraColumn {
  const char* name;
  int64_t (*value)(const Report&);
  bool printing = false;  // a print backlog figure: none for a site that prints no cards
};

// Backlog and courier figures after the row figures, named as CSV columns.
const std::vector<ExtraColumn>& ExtraColumns() {
  static const std::vector<ExtraColumn> kColumns = {
      {"backlog_added", [](const Report& r) { return int64_t(r.backlog.added); }, true},
      {"backlog_printed", [](const Report& r) { return int64_t(r.backlog.printed); }, true},
      {"backlog_length", [](const Report& r) { return int64_t(r.backlog.length); }, true},
      {"backlog_oldest_age_s", [](const Report& r) { return r.backlog.oldest_age_s; }, true},
      {"delivery_out", [](const Report& r) { return int64_t(r.delivery.out); }},
      {"delivery_delivered", [](const Report& r) { return int64_t(r.delivery.delivered); }},
      {"delivery_failed", [](const Report& r) { return int64_t(r.delivery.failed); }},
      {"delivery_retry", [](const Report& r) { return int64_t(r.delivery.retry); }},
      {"delivery_pickup", [](const Report& r) { return int64_t(r.delivery.pickup); }},
  };
  return kColumns;
}

}  // namespace

std::string EncodeCityReport(const std::string& from, const std::string& to,
                             const std::vector<SiteReport>& sites) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "from", from);
  AddString(o.get(), "to", to);
  cJSON* rows = cJSON_AddArrayToObject(o.get(), "sites");
  for (const SiteReport& s : sites) {
    cJSON* row = cJSON_CreateObject();
    AddString(row, "site", s.report.site);
    AddString(row, "name", s.name);
    AddBool(row, "prints_cards", s.prints_cards);
    for (const ReportColumn& c : ReportRowColumns())
      cJSON_AddNumberToObject(row, c.name, c.value(s.report.total));
    for (const ExtraColumn& c : ExtraColumns()) {
      if (c.printing && !s.prints_cards) {
        cJSON_AddNullToObject(row, c.name);
      } else {
        AddInt(row, c.name, c.value(s.report));
      }
    }
    cJSON_AddItemToArray(rows, row);
  }
  return PrintJson(o.get());
}

std::string EncodeCityReportCsv(const std::vector<SiteReport>& sites) {
  std::vector<std::string> header = {"site", "name", "from", "to"};
  for (const ReportColumn& c : ReportRowColumns()) header.push_back(c.name);
  for (const ExtraColumn& c : ExtraColumns()) header.push_back(c.name);
  std::string out = CsvLine(header);
  for (const SiteReport& s : sites) {
    std::vector<std::string> f = {s.report.site, s.name, s.report.from, s.report.to};
    for (const ReportColumn& c : ReportRowColumns())
      f.push_back(FormatReportNumber(c.value(s.report.total)));
    for (const ExtraColumn& c : ExtraColumns())
      f.push_back(c.printing && !s.prints_cards ? "" : std::to_string(c.value(s.report)));
    out += CsvLine(f);
  }
  return out;
}

}  // namespace antre
