// The audit view: who did what and when. Logins and staff changes live in the audit table;
// counter actions are already in the event log with their actor, so they are read from there
// rather than written twice. Both are merged in one query, newest first.
#include <string>

#include "codec/event_codec.h"
#include "core/event_types.h"
#include "store.h"
#include "store_rows.h"

namespace antre {
namespace {

// Counter actions an officer (or supervisor on their behalf) makes at a counter; events of
// these types with a counter and an actor are shown in the audit view.
constexpr const char* kCounterActions =
    "'ticket.called','ticket.recalled','ticket.done','ticket.no_show','ticket.transferred',"
    "'counter.paused','counter.resumed'";

// A counter action's target (the ticket number) and detail (the counter, or where a transfer
// went), read from the event's data with the event codec.
void DescribeEvent(const std::string& type, const std::string& data, const std::string& counter_name,
                   const std::string& counter, AuditEntry* entry) {
  auto decoded = DecodeEventData(data);
  TicketEventData d = decoded.ok() ? decoded.value().ticket : TicketEventData{};
  const std::string& where = counter_name.empty() ? counter : counter_name;
  entry->target = d.number;
  if (type == event::kTicketTransferred) {
    entry->detail = d.from_service + " -> " + d.service + ", " + where;
  } else {
    entry->detail = d.counter_name.empty() ? where : d.counter_name;
  }
}

}  // namespace

Result<std::vector<AuditEntry>> AdminStore::AuditLog(const AuditQuery& query) const {
  std::lock_guard<std::mutex> lock(mu_);
  // With a user the filter is written as a plain equality so audit_by_actor(actor, at) is used.
  // Without one, ?1 is still named (as '') so every parameter has a type for PostgreSQL.
  const std::string by_actor = query.actor.empty() ? " AND ?1=''" : " AND actor=?1";
  const std::string sql =
      "SELECT at, actor, action, target, detail, src, id, data, counter_name, counter FROM ("
      "SELECT at, actor, action, target, detail, 'audit' AS src, id, '' AS data, '' AS counter_name, "
      "'' AS counter FROM audit WHERE at>=?2 AND at<?3" +
      by_actor +
      " UNION ALL "
      "SELECT e.at, e.actor, e.type, '', '', 'event', e.id, e.data, COALESCE(c.name, ''), e.counter "
      "FROM events e LEFT JOIN counters c ON c.site=e.site AND c.id=e.counter "
      "WHERE e.actor<>'' AND e.counter IS NOT NULL AND e.counter<>'' AND e.type IN (" +
      kCounterActions + ") AND e.at>=?2 AND e.at<?3" + (query.actor.empty() ? "" : " AND e.actor=?1") +
      ") AS merged WHERE at<?4 OR (at=?4 AND (src<?5 OR (src=?5 AND id<?6))) "
      "ORDER BY at DESC, src DESC, id DESC LIMIT ?7";
  Stmt q(*db_, sql.c_str());
  q.Bind(1, query.actor).Bind(2, query.from).Bind(3, query.to);
  if (query.has_before) {
    q.Bind(4, query.before_at).Bind(5, query.before_source).Bind(6, query.before_id);
  } else {
    q.Bind(4, INT64_MAX).Bind(5, std::string()).Bind(6, int64_t{0});
  }
  q.Bind(7, query.limit);
  std::vector<AuditEntry> out;
  while (q.Step()) {
    AuditEntry entry{q.Text(5), q.Int(6), q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4)};
    if (entry.source == "event") DescribeEvent(entry.action, q.Text(7), q.Text(8), q.Text(9), &entry);
    out.push_back(std::move(entry));
  }
  if (!q.done()) return q.Fail("cannot read the audit log");
  return out;
}

}  // namespace antre
