// The city view: every site a supervisor may see, side by side. GET /api/v1/city/summary is
// the live figures of each site (what the supervisor page shows per site, added up); GET
// /api/v1/city/report is the site report's totals over a period, one row per site.
#include <algorithm>
#include <utility>

#include "api_util.h"
#include "codec/report_codec.h"
#include "core/booking_rules.h"

namespace antre {
namespace {

// The sites `who` may see, in the server's order: all for admins and accounts without a list.
std::vector<std::string> VisibleSites(ApiContext& ctx, const Principal& who) {
  std::vector<std::string> out;
  for (const auto& id : ctx.store->SiteIds()) {
    if (MayWorkAt(who, id)) out.push_back(id);
  }
  return out;
}

// One site's live figures as the summary row; a read that fails fails the whole answer, so a
// broken database never shows as an empty office.
Result<JsonPtr> SiteSummary(ApiContext& ctx, const std::string& site_id) {
  auto site = ctx.store->GetSite(site_id);
  if (!site.ok()) return site.error();
  auto queue = ctx.store->Queue(site_id);
  if (!queue.ok()) return queue.error();
  auto counters = ctx.store->CounterStatuses(site_id);
  if (!counters.ok()) return counters.error();
  auto stock = ctx.store->StockCount(site_id);
  if (!stock.ok()) return stock.error();
  auto backlog = ctx.store->Backlog(site_id);
  if (!backlog.ok()) return backlog.error();
  auto devices = ctx.store->Devices(site_id);
  if (!devices.ok()) return devices.error();

  int waiting = 0, longest = 0;
  for (const ServiceQueue& s : queue.value().services) {
    waiting += s.waiting;
    longest = std::max(longest, s.longest_wait_minutes);
  }
  int open = 0, idle = 0, serving = 0, paused = 0;
  for (const CounterStatus& c : counters.value()) {
    auto holder = ctx.store->CounterHolder(site_id, c.counter.id);
    if (!holder.ok()) return holder.error();
    bool is_open = !holder.value().empty();
    open += is_open;
    serving += c.state == CounterState::kServing;
    paused += c.state == CounterState::kPaused;
    idle += is_open && c.state == CounterState::kIdle;
  }
  int silent = 0, never = 0;
  for (const DeviceStatus& d : devices.value()) {
    silent += d.silent;
    never += d.last_seen == 0;
  }
  const UnixMs now = ctx.clock->NowMs();
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "id", site.value().id);
  AddString(o.get(), "name", site.value().name);
  AddInt(o.get(), "waiting", waiting);
  AddInt(o.get(), "longest_wait_minutes", longest);
  cJSON* c = cJSON_AddObjectToObject(o.get(), "counters");
  AddInt(c, "total", static_cast<int64_t>(counters.value().size()));
  AddInt(c, "open", open);
  AddInt(c, "serving", serving);
  AddInt(c, "idle", idle);
  AddInt(c, "paused", paused);
  // A site without a print service keeps no blank cards: its 0 is no shortage.
  AddBool(o.get(), "prints_cards", site.value().PrintsCards());
  cJSON* s = cJSON_AddObjectToObject(o.get(), "stock");
  AddString(s, "level", StockLevel(stock.value(), site.value().booking.stock_low_threshold));
  AddInt(s, "count", stock.value());
  cJSON* b = cJSON_AddObjectToObject(o.get(), "backlog");
  AddInt(b, "length", static_cast<int64_t>(backlog.value().size()));
  AddInt(b, "oldest_minutes",
         backlog.value().empty() ? 0 : (now - backlog.value().front().created_at) / 60000);
  cJSON* d = cJSON_AddObjectToObject(o.get(), "devices");
  AddInt(d, "total", static_cast<int64_t>(devices.value().size()));
  AddInt(d, "silent", silent);
  AddInt(d, "never_connected", never);
  return Result<JsonPtr>(std::move(o));
}

Result<LocalDate> DateParam(const HttpRequest& req, const char* name) {
  if (!req.HasQuery(name))
    return MakeError(ErrorCode::kInvalidInput, std::string("missing parameter '") + name + "'");
  auto d = ParseDate(req.Query(name));
  if (!d.ok())
    return MakeError(ErrorCode::kInvalidInput,
                     std::string("'") + name + "' must be a date YYYY-MM-DD");
  return d;
}

}  // namespace

void GetCitySummary(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal& who,
                    const Params&) {
  JsonPtr o(cJSON_CreateObject());
  cJSON* sites = cJSON_AddArrayToObject(o.get(), "sites");
  for (const auto& id : VisibleSites(ctx, who)) {
    auto row = SiteSummary(ctx, id);
    if (!row.ok()) return SendError(res, row.error());
    cJSON_AddItemToArray(sites, row.value().release());
  }
  SendJson(res, 200, o);
}

void GetCityReport(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                   const Params&) {
  auto from = DateParam(req, "from");
  if (!from.ok()) return SendError(res, from.error());
  auto to = DateParam(req, "to");
  if (!to.ok()) return SendError(res, to.error());
  std::string format = req.HasQuery("format") ? req.Query("format") : "json";
  if (format != "json" && format != "csv") {
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "format must be json or csv"));
  }
  std::vector<SiteReport> rows;
  for (const auto& id : VisibleSites(ctx, who)) {
    auto site = ctx.store->GetSite(id);
    if (!site.ok()) return SendError(res, site.error());
    auto report = ctx.store->BuildReport(id, from.value(), to.value(), ReportGroup::kService);
    if (!report.ok()) return SendError(res, report.error());
    rows.push_back(SiteReport{site.value().name, std::move(report.value()),
                              site.value().PrintsCards()});
  }
  const std::string from_text = FormatDate(from.value()), to_text = FormatDate(to.value());
  if (format == "json") return SendJson(res, 200, EncodeCityReport(from_text, to_text, rows));
  res.status = 200;
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("Content-Disposition",
                "attachment; filename=\"antre-city-" + from_text + "-" + to_text + ".csv\"");
  res.SetContent(EncodeCityReportCsv(rows), "text/csv; charset=utf-8");
}

}  // namespace antre
