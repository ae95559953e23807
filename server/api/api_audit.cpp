// Handler for the audit view (admins): logins, staff changes and counter actions, filtered by
// user and local date, newest first, paged with an opaque cursor.
#include <cstdlib>

#include "api_util.h"

namespace antre {
namespace {

constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 500;

// The cursor of the position after `e`: "<at>.<source>.<id>".
std::string CursorOf(const AuditEntry& e) {
  return std::to_string(e.at) + "." + e.source + "." + std::to_string(e.id);
}

// Parses a cursor made by CursorOf; InvalidInput otherwise.
Status ParseCursor(const std::string& text, AuditQuery* q) {
  Error bad = MakeError(ErrorCode::kInvalidInput, "before must be the 'next' value of an earlier page");
  size_t a = text.find('.');
  size_t b = a == std::string::npos ? a : text.find('.', a + 1);
  if (b == std::string::npos) return {bad};
  std::string at = text.substr(0, a), source = text.substr(a + 1, b - a - 1), id = text.substr(b + 1);
  if (source != "audit" && source != "event") return {bad};
  for (const std::string* n : {&at, &id}) {
    if (n->empty() || n->size() > 18 || n->find_first_not_of("0123456789") != std::string::npos) return {bad};
  }
  q->has_before = true;
  q->before_at = std::strtoll(at.c_str(), nullptr, 10);
  q->before_source = source;
  q->before_id = std::strtoll(id.c_str(), nullptr, 10);
  return Status::Ok();
}

}  // namespace

void ListAudit(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&, const Params&) {
  // Dates are local days of the office; all sites of one office share its time zone.
  std::vector<std::string> sites = ctx.store->SiteIds();
  TimeZone tz{"UTC", 0};
  if (!sites.empty()) {
    auto site = ctx.store->GetSite(sites.front());
    if (site.ok()) tz = site.value().tz;
  }
  AuditQuery q;
  q.actor = req.Query("user");
  if (q.actor.size() > 64) return SendError(res, MakeError(ErrorCode::kInvalidInput, "user is at most 64 characters"));
  if (req.HasQuery("from")) {
    auto d = ParseDate(req.Query("from"));
    if (!d.ok()) return SendError(res, MakeError(ErrorCode::kInvalidInput, "from must be a YYYY-MM-DD date"));
    q.from = StartOfLocalDay(d.value(), tz);
  }
  if (req.HasQuery("to")) {
    auto d = ParseDate(req.Query("to"));
    if (!d.ok()) return SendError(res, MakeError(ErrorCode::kInvalidInput, "to must be a YYYY-MM-DD date"));
    q.to = StartOfLocalDay(CivilFromDays(DaysFromCivil(d.value()) + 1), tz);  // the whole day
  }
  if (q.to <= q.from) return SendError(res, MakeError(ErrorCode::kInvalidInput, "from must not be after to"));
  q.limit = kDefaultLimit;
  if (req.HasQuery("limit")) {
    const std::string text = req.Query("limit");
    char* end = nullptr;
    long v = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v < 1 || v > kMaxLimit) {
      return SendError(res, MakeError(ErrorCode::kInvalidInput, "limit must be 1-" + std::to_string(kMaxLimit)));
    }
    q.limit = static_cast<int>(v);
  }
  if (req.HasQuery("before")) {
    Status st = ParseCursor(req.Query("before"), &q);
    if (!st.ok()) return SendError(res, st.error);
  }
  const int page = q.limit;
  q.limit = page + 1;  // one more tells whether another page follows
  auto rows = ctx.store->AuditLog(q);
  if (!rows.ok()) return SendError(res, rows.error());
  std::vector<AuditEntry>& entries = rows.value();
  const bool more = static_cast<int>(entries.size()) > page;
  if (more) entries.resize(page);
  JsonPtr o(cJSON_CreateObject());
  cJSON* arr = cJSON_AddArrayToObject(o.get(), "entries");
  for (const AuditEntry& e : entries) {
    cJSON* item = cJSON_CreateObject();
    AddString(item, "at", FormatIsoLocal(e.at, tz));
    AddString(item, "user", e.actor);
    AddString(item, "action", e.action);
    AddString(item, "target", e.target);
    AddString(item, "detail", e.detail);
    AddString(item, "source", e.source);
    cJSON_AddItemToArray(arr, item);
  }
  if (more) {
    AddString(o.get(), "next", CursorOf(entries.back()));
  } else {
    AddNull(o.get(), "next");
  }
  SendJson(res, 200, o);
}

}  // namespace antre
