#include <cmath>
#include <cstdio>

#include "codec/json.h"
#include "codec/report_codec.h"

namespace antre {

const std::vector<ReportColumn>& ReportRowColumns() {
  // Lambdas without captures convert to the plain function pointers the table holds.
  static const std::vector<ReportColumn> kColumns = {
      {"target_minutes", [](const ReportRow& r) { return double(r.target_minutes); }},
      {"issued", [](const ReportRow& r) { return double(r.issued); }},
      {"called", [](const ReportRow& r) { return double(r.called); }},
      {"served", [](const ReportRow& r) { return double(r.served); }},
      {"no_show", [](const ReportRow& r) { return double(r.no_show); }},
      {"expired", [](const ReportRow& r) { return double(r.expired); }},
      {"cancelled", [](const ReportRow& r) { return double(r.cancelled); }},
      {"wait_count", [](const ReportRow& r) { return double(r.wait.count); }},
      {"wait_mean_s", [](const ReportRow& r) { return double(r.wait.mean_s); }},
      {"wait_median_s", [](const ReportRow& r) { return double(r.wait.median_s); }},
      {"wait_p90_s", [](const ReportRow& r) { return double(r.wait.p90_s); }},
      {"within_target", [](const ReportRow& r) { return double(r.within_target); }},
      {"within_target_pct", [](const ReportRow& r) { return r.within_target_pct; }},
      {"service_count", [](const ReportRow& r) { return double(r.service.count); }},
      {"service_mean_s", [](const ReportRow& r) { return double(r.service.mean_s); }},
      {"service_median_s", [](const ReportRow& r) { return double(r.service.median_s); }},
      {"service_p90_s", [](const ReportRow& r) { return double(r.service.p90_s); }},
      {"bookings_made", [](const ReportRow& r) { return double(r.bookings_made); }},
      {"bookings_checked_in", [](const ReportRow& r) { return double(r.bookings_checked_in); }},
      {"bookings_no_show", [](const ReportRow& r) { return double(r.bookings_no_show); }},
      {"bookings_cancelled", [](const ReportRow& r) { return double(r.bookings_cancelled); }},
  };
  return kColumns;
}

std::string FormatReportNumber(double v) {
  char buf[32];
  if (std::floor(v) == v && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  } else {
    std::snprintf(buf, sizeof buf, "%.15g", v);
  }
  return buf;
}

namespace {

cJSON* EncodeRow(const ReportRow& row) {
  cJSON* o = cJSON_CreateObject();
  AddString(o, "key", row.key);
  for (const ReportColumn& c : ReportRowColumns()) cJSON_AddNumberToObject(o, c.name, c.value(row));
  return o;
}

}  // namespace

std::string EncodeReport(const Report& r) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "site", r.site);
  AddString(o.get(), "from", r.from);
  AddString(o.get(), "to", r.to);
  AddString(o.get(), "group", ReportGroupName(r.group));
  cJSON_AddItemToObject(o.get(), "total", EncodeRow(r.total));
  cJSON* rows = cJSON_AddArrayToObject(o.get(), "rows");
  for (const ReportRow& row : r.rows) cJSON_AddItemToArray(rows, EncodeRow(row));
  cJSON* hours = cJSON_AddArrayToObject(o.get(), "hours");
  for (const ReportHour& h : r.hours) {
    cJSON* x = cJSON_CreateObject();
    AddInt(x, "hour", h.hour);
    AddInt(x, "issued", h.issued);
    AddInt(x, "served", h.served);
    cJSON_AddItemToArray(hours, x);
  }
  cJSON* days = cJSON_AddArrayToObject(o.get(), "days");
  for (const ReportDay& d : r.days) {
    cJSON* x = cJSON_CreateObject();
    AddString(x, "day", d.day);
    AddInt(x, "issued", d.issued);
    AddInt(x, "served", d.served);
    AddInt(x, "no_show", d.no_show);
    AddInt(x, "waited", d.waited);
    AddInt(x, "wait_mean_s", d.wait_mean_s);
    cJSON_AddItemToArray(days, x);
  }
  cJSON* b = cJSON_AddObjectToObject(o.get(), "backlog");
  AddInt(b, "added", r.backlog.added);
  AddInt(b, "printed", r.backlog.printed);
  AddInt(b, "length", r.backlog.length);
  AddInt(b, "oldest_age_s", r.backlog.oldest_age_s);
  cJSON* d = cJSON_AddObjectToObject(o.get(), "delivery");
  AddInt(d, "out", r.delivery.out);
  AddInt(d, "delivered", r.delivery.delivered);
  AddInt(d, "failed", r.delivery.failed);
  AddInt(d, "retry", r.delivery.retry);
  AddInt(d, "pickup", r.delivery.pickup);
  // Bookings by channel (totals) and by operator (one row each): staff-only, as the report is.
  cJSON* channels = cJSON_AddObjectToObject(o.get(), "bookings_by_channel");
  AddInt(channels, "web", 0);
  AddInt(channels, "operator", 0);
  cJSON* operators = cJSON_AddArrayToObject(o.get(), "bookings_by_operator");
  for (const BookingSource& src : r.booking_sources) {
    cJSON* n = cJSON_GetObjectItemCaseSensitive(channels, src.channel.c_str());
    if (n == nullptr) {
      AddInt(channels, src.channel.c_str(), src.bookings);
    } else {
      cJSON_SetNumberValue(n, n->valuedouble + src.bookings);
    }
    if (src.channel != "operator") continue;
    cJSON* row = cJSON_CreateObject();
    AddString(row, "operator", src.operator_user);
    AddInt(row, "bookings", src.bookings);
    AddInt(row, "checked_in", src.checked_in);
    cJSON_AddItemToArray(operators, row);
  }
  return PrintJson(o.get());
}

}  // namespace antre
