// Reports on the wire: JSON for the page and scripts, CSV for spreadsheets. Both print the
// same figures from one column table, so the page, the JSON and the CSV always agree.
#pragma once

#include <string>
#include <vector>

#include "core/report.h"

namespace antre {

// One figure of a report row: its wire name and its value.
struct ReportColumn {
  const char* name;
  double (*value)(const ReportRow&);
};

// The figures of a row, in CSV column order (the key comes first and is not listed).
const std::vector<ReportColumn>& ReportRowColumns();

// Prints a figure as JSON prints it: integers without a decimal point, shares as "66.7".
std::string FormatReportNumber(double v);

// The report as a JSON object (see docs/api.md, "Reports").
std::string EncodeReport(const Report& r);

// The report as CSV: sections (report, rows, hours, days, backlog, delivery), each a header
// line then data lines, every line starting with the section name; a blank line between.
std::string EncodeReportCsv(const Report& r);

// One CSV line (RFC 4180: a field with a comma, quote or line break is quoted), ending CRLF.
std::string CsvLine(const std::vector<std::string>& fields);

// A site's report under the site's name, for the city comparison. A site that prints no cards
// (no print service) has no print backlog: its backlog figures are not applicable, not 0.
struct SiteReport {
  std::string name;
  Report report;
  bool prints_cards = true;
};

// The city comparison as JSON: {"from","to","sites":[{"site","name","prints_cards", the total
// row's figures, backlog_* (null where the site prints no cards) and delivery_* figures}]}
// (see docs/api.md, "City view").
std::string EncodeCityReport(const std::string& from, const std::string& to, const std::vector<SiteReport>& sites);

// The same as CSV: a header line, then one line per site (site, name, from, to, figures); the
// backlog fields of a site that prints no cards are empty.
std::string EncodeCityReportCsv(const std::vector<SiteReport>& sites);

}  // namespace antre
