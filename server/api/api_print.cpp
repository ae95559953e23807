// Handlers for blank-card stock, the print backlog, home delivery, and the booking details an
// officer sees for the ticket being served.
#include "api_util.h"
#include "codec/domain_json.h"
#include "core/text_rules.h"

namespace antre {
namespace {

TimeZone Zone(ApiContext& ctx, const std::string& site) {
  auto s = ctx.store->GetSite(site);
  return s.ok() ? s.value().tz : TimeZone{"UTC", 0};
}

JsonPtr EncodeDelivery(const DeliveryItem& d, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  AddInt(o.get(), "id", d.id);
  AddString(o.get(), "booking", d.booking);
  AddString(o.get(), "status", d.status);
  AddString(o.get(), "name", d.name);
  AddString(o.get(), "kecamatan", d.kecamatan);
  AddString(o.get(), "kelurahan", d.kelurahan);
  AddString(o.get(), "street", d.street);
  AddString(o.get(), "house", d.house);
  AddString(o.get(), "receiver", d.receiver);
  AddString(o.get(), "reason", d.reason);
  AddString(o.get(), "updated_at", FormatIsoLocal(d.updated_at, tz));
  return o;
}

JsonPtr EncodeBacklogItem(const BacklogItem& b, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  AddInt(o.get(), "id", b.id);
  AddString(o.get(), "number", b.number);
  AddString(o.get(), "booking", b.booking);
  AddString(o.get(), "created_at", FormatIsoLocal(b.created_at, tz));
  AddInt(o.get(), "position", b.position);
  return o;
}

}  // namespace

void GetStock(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&, const Params& p) {
  auto site = ctx.store->GetSite(p.at("site"));
  if (!site.ok()) return SendError(res, site.error());
  auto count = ctx.store->StockCount(site.value().id);
  if (!count.ok()) return SendError(res, count.error());
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "level", StockLevel(count.value(), site.value().booking.stock_low_threshold));
  // A site without a print service keeps no blank cards: pages show no level for it.
  AddBool(o.get(), "prints_cards", site.value().PrintsCards());
  // The exact count is for staff; the public sees only available / low / empty.
  if (Authorize(ctx, req, kStaff).ok()) AddInt(o.get(), "count", count.value());
  SendJson(res, 200, o);
}

void PostStock(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
               const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  int64_t delta = 0;
  std::string kind, reason;
  Status st = ReadInt(body.value().get(), "delta", true, &delta);
  if (st.ok()) st = ReadString(body.value().get(), "kind", true, &kind);
  if (st.ok()) st = ReadString(body.value().get(), "reason", false, &reason);
  if (st.ok()) st = CheckText("reason", reason);
  if (!st.ok()) return SendError(res, st.error);
  if (delta < -100000 || delta > 100000 || reason.size() > 200) {
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "delta must be within ±100000 and reason ≤ 200 characters"));
  }
  auto count = ctx.store->MoveStock(p.at("site"), static_cast<int>(delta), kind, reason, who.name);
  if (!count.ok()) return SendError(res, count.error());
  auto site = ctx.store->GetSite(p.at("site"));
  JsonPtr o(cJSON_CreateObject());
  AddInt(o.get(), "count", count.value());
  AddString(o.get(), "level", StockLevel(count.value(), site.value().booking.stock_low_threshold));
  SendJson(res, 200, o);
}

namespace {

JsonPtr EncodeTransfer(const StockTransfer& t, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  AddInt(o.get(), "id", t.id);
  AddString(o.get(), "kind", t.kind);
  AddString(o.get(), t.kind == "transfer_in" ? "from" : "to", t.other_site);
  AddInt(o.get(), "count", t.count);
  AddString(o.get(), "reason", t.reason);
  AddString(o.get(), "actor", t.actor);
  AddString(o.get(), "at", FormatIsoLocal(t.at, tz));
  return o;
}

}  // namespace

// POST …/stock/transfers {"to","count","reason"}: the route lets in a supervisor of the source
// site; the destination must be theirs too.
void PostStockTransfer(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                       const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string to, reason;
  int64_t count = 0;
  Status st = ReadString(body.value().get(), "to", true, &to);
  if (st.ok()) st = ReadInt(body.value().get(), "count", true, &count);
  if (st.ok()) st = ReadString(body.value().get(), "reason", false, &reason);
  if (st.ok()) st = CheckText("to", to);
  if (st.ok() && (count < 1 || count > 100000)) st = {MakeError(ErrorCode::kInvalidInput, "count must be 1-100000")};
  if (!st.ok()) return SendError(res, st.error);
  if (!MayWorkAt(who, to)) {
    return SendError(res, MakeError(ErrorCode::kForbidden, "this account may not work at site " + to));
  }
  auto idem = IdemKey(req, "stock-transfer:" + p.at("site") + ":" + who.name);
  if (!idem.ok()) return SendError(res, idem.error());
  auto out = ctx.store->TransferStock(p.at("site"), to, static_cast<int>(count), reason, who.name, idem.value());
  if (!out.ok()) return SendError(res, out.error());
  JsonPtr o = EncodeTransfer(out.value().transfer, Zone(ctx, p.at("site")));
  AddString(o.get(), "from", p.at("site"));
  AddInt(o.get(), "from_count", out.value().from_count);
  AddInt(o.get(), "to_count", out.value().to_count);
  AddBool(o.get(), "replayed", out.value().replayed);
  SendJson(res, out.value().replayed ? 200 : 201, o);
}

void GetStockTransfers(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&, const Params& p) {
  auto items = ctx.store->StockTransfers(p.at("site"), 50);
  if (!items.ok()) return SendError(res, items.error());
  TimeZone tz = Zone(ctx, p.at("site"));
  JsonPtr arr(cJSON_CreateArray());
  for (const auto& t : items.value()) cJSON_AddItemToArray(arr.get(), EncodeTransfer(t, tz).release());
  SendJson(res, 200, arr);
}

void GetBacklog(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&, const Params& p) {
  auto items = ctx.store->Backlog(p.at("site"));
  if (!items.ok()) return SendError(res, items.error());
  TimeZone tz = Zone(ctx, p.at("site"));
  JsonPtr o(cJSON_CreateObject());
  AddInt(o.get(), "length", static_cast<int64_t>(items.value().size()));
  int64_t oldest = items.value().empty() ? 0 : (ctx.clock->NowMs() - items.value().front().created_at) / 60000;
  AddInt(o.get(), "oldest_minutes", oldest);
  cJSON* arr = cJSON_AddArrayToObject(o.get(), "items");
  for (const auto& b : items.value()) cJSON_AddItemToArray(arr, EncodeBacklogItem(b, tz).release());
  SendJson(res, 200, o);
}

void PrintBacklog(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                  const Params& p) {
  auto idem = IdemKey(req, "backlog:" + who.name);
  if (!idem.ok()) return SendError(res, idem.error());
  auto item = ctx.store->PrintFromBacklog(p.at("site"), who.name, idem.value());
  if (!item.ok()) return SendError(res, item.error());
  SendJson(res, 200, EncodeBacklogItem(item.value(), Zone(ctx, p.at("site"))));
}

void ListDeliveries(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                    const Params& p) {
  auto items = ctx.store->Deliveries(p.at("site"), req.Query("status"));
  if (!items.ok()) return SendError(res, items.error());
  // Full names and home addresses: every read is in the audit log (UU 27/2022), and a read
  // that cannot be logged is not answered.
  std::string status = req.Query("status");
  bool is_word = status.size() <= 20 && status.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
  Status st = ctx.store->Audit(who.name, "deliveries.view", p.at("site"),
                               std::to_string(items.value().size()) + " deliveries" +
                                   (status.empty() || !is_word ? "" : ", status " + status));
  if (!st.ok()) return SendError(res, st.error);
  TimeZone tz = Zone(ctx, p.at("site"));
  JsonPtr arr(cJSON_CreateArray());
  for (const auto& d : items.value()) cJSON_AddItemToArray(arr.get(), EncodeDelivery(d, tz).release());
  SendJson(res, 200, arr);
}

void ActOnDelivery(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                   const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string text;
  const std::string& action = p.at("action");
  Status st;
  if (action == "delivered") st = ReadString(body.value().get(), "receiver", true, &text);
  if (action == "failed") st = ReadString(body.value().get(), "reason", true, &text);
  if (st.ok()) st = CheckText(action == "delivered" ? "receiver" : "reason", text);
  if (!st.ok()) return SendError(res, st.error);
  char* end = nullptr;
  long long id = std::strtoll(p.at("id").c_str(), &end, 10);
  if (*end != '\0') return SendError(res, MakeError(ErrorCode::kNotFound, "no such delivery"));
  auto d = ctx.store->UpdateDelivery(p.at("site"), id, action, text, who.name);
  if (!d.ok()) return SendError(res, d.error());
  SendJson(res, 200, EncodeDelivery(d.value(), Zone(ctx, p.at("site"))));
}

void ListNotifications(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&,
                       const Params& p) {
  auto items = ctx.store->RecentNotifications(p.at("site"), 200);
  if (!items.ok()) return SendError(res, items.error());
  TimeZone tz = Zone(ctx, p.at("site"));
  JsonPtr arr(cJSON_CreateArray());
  for (const auto& n : items.value()) {
    cJSON* o = cJSON_CreateObject();
    AddInt(o, "id", n.id);
    AddString(o, "kind", n.kind);
    AddString(o, "booking", n.booking);
    AddString(o, "status", n.status);
    AddInt(o, "attempts", n.attempts);
    AddString(o, "next_at", FormatIsoLocal(n.next_at, tz));
    AddString(o, "last_error", n.last_error);
    AddString(o, "created_at", FormatIsoLocal(n.created_at, tz));
    if (n.sent_at > 0) {
      AddString(o, "sent_at", FormatIsoLocal(n.sent_at, tz));
    } else {
      AddNull(o, "sent_at");
    }
    cJSON_AddItemToArray(arr.get(), o);
  }
  SendJson(res, 200, arr);
}

void TicketBooking(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                   const Params& p) {
  bool full = req.Query("full") == "1";
  auto b = ctx.store->BookingOfTicket(p.at("site"), p.at("id"), full, who.name);
  if (!b.ok()) return SendError(res, b.error());
  TimeZone tz = Zone(ctx, p.at("site"));
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "code", b.value().code);
  AddString(o.get(), "name", b.value().name);
  AddString(o.get(), "nik", b.value().nik);
  AddString(o.get(), "phone", b.value().phone);
  AddString(o.get(), "slot_start", FormatIsoLocal(b.value().slot_start, tz));
  AddBool(o.get(), "full", full);
  if (b.value().delivery_json.empty()) {
    AddNull(o.get(), "delivery");
  } else {
    auto parsed = ParseJson(b.value().delivery_json);
    cJSON* delivery = cJSON_AddObjectToObject(o.get(), "delivery");
    if (parsed.ok()) {
      for (const char* key : {"kecamatan", "kelurahan", "street", "house"}) {
        std::string v;
        ReadString(parsed.value().get(), key, false, &v);
        // Street and house only when the officer opened the full record.
        if (full || std::string(key) == "kecamatan" || std::string(key) == "kelurahan") AddString(delivery, key, v);
      }
    }
  }
  SendJson(res, 200, o);
}

}  // namespace antre
