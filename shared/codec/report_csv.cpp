#include "codec/report_codec.h"

namespace antre {
namespace {

// Quotes a field when it holds a comma, quote or line break (RFC 4180).
std::string Field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}


std::string N(int64_t v) { return std::to_string(v); }

std::vector<std::string> RowLine(const ReportRow& row) {
  std::vector<std::string> f = {"rows", row.key};
  for (const ReportColumn& c : ReportRowColumns()) f.push_back(FormatReportNumber(c.value(row)));
  return f;
}

}  // namespace

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + Field(fields[i]);
  return out + "\r\n";
}

std::string EncodeReportCsv(const Report& r) {
  std::string out = CsvLine({"report", "site", "from", "to", "group"});
  out += CsvLine({"report", r.site, r.from, r.to, ReportGroupName(r.group)});
  std::vector<std::string> header = {"rows", "key"};
  for (const ReportColumn& c : ReportRowColumns()) header.push_back(c.name);
  out += "\r\n" + CsvLine(header);
  out += CsvLine(RowLine(r.total));
  for (const ReportRow& row : r.rows) out += CsvLine(RowLine(row));
  out += "\r\n" + CsvLine({"hours", "hour", "issued", "served"});
  for (const ReportHour& h : r.hours) out += CsvLine({"hours", N(h.hour), N(h.issued), N(h.served)});
  out += "\r\n" + CsvLine({"days", "day", "issued", "served", "no_show", "waited", "wait_mean_s"});
  for (const ReportDay& d : r.days) {
    out += CsvLine(
        {"days", d.day, N(d.issued), N(d.served), N(d.no_show), N(d.waited), N(d.wait_mean_s)});
  }
  out += "\r\n" + CsvLine({"backlog", "added", "printed", "length", "oldest_age_s"});
  out += CsvLine({"backlog", N(r.backlog.added), N(r.backlog.printed), N(r.backlog.length),
               N(r.backlog.oldest_age_s)});
  out += "\r\n" + CsvLine({"delivery", "out", "delivered", "failed", "retry", "pickup"});
  const DeliveryFigures& d = r.delivery;
  out += CsvLine({"delivery", N(d.out), N(d.delivered), N(d.failed), N(d.retry), N(d.pickup)});
  return out;
}

}  // namespace antre
