// The public satisfaction survey (SKM): one response per served ticket, and the totals the
// IKM is computed from. A response holds answers, the service and the day only: no name, no
// NIK, and the survey.answered event carries neither the ticket nor the answers.
#include <algorithm>

#include "codec/domain_json.h"
#include "store.h"
#include "store_rows.h"
#include "core/event_types.h"

namespace antre {
namespace {

const char* const kSumColumns =
    "service, COUNT(*), SUM(u1), SUM(u2), SUM(u3), SUM(u4), SUM(u5), SUM(u6), SUM(u7), SUM(u8), "
    "SUM(u9)";

// The filter every period query shares: "site=? AND day BETWEEN ? AND ?" plus the service.
std::string PeriodWhere(const std::string& service) {
  return std::string(" WHERE site=? AND day BETWEEN ? AND ?") +
         (service.empty() ? "" : " AND service=?");
}

void BindPeriod(Stmt& q, const std::string& site, const LocalDate& from, const LocalDate& to,
                const std::string& service) {
  q.Bind(1, site).Bind(2, FormatDate(from)).Bind(3, FormatDate(to));
  if (!service.empty()) q.Bind(4, service);
}

}  // namespace

Status SurveyStore::SubmitSurvey(const std::string& ticket_id, const SurveyAnswers& answers) {
  return Change<Status>([&](Write& w) -> Status { return SubmitSurveyLocked(w, ticket_id, answers); });
}

Status SurveyStore::SubmitSurveyForNumber(const std::string& site, const std::string& number,
                                          const SurveyAnswers& answers) {
  return Change<Status>([&](Write& w) -> Status {
    auto id = TodaysTicketIdLocked(site, number);
    if (!id.ok()) return {id.error()};
    return SubmitSurveyLocked(w, id.value(), answers);
  });
}

Result<std::string> SurveyStore::SurveyStateForNumber(const std::string& site,
                                                      const std::string& number) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto id = TodaysTicketIdLocked(site, number);
  if (!id.ok()) return id.error();
  return SurveyStateLocked(id.value());
}

Result<std::string> SurveyStore::TodaysTicketIdLocked(const std::string& site_id,
                                                      const std::string& number) const {
  const Site* site = FindSiteLocked(site_id);
  if (!site) return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
  Stmt q(*db_, "SELECT id FROM tickets WHERE site=? AND day=? AND number=?");
  q.Bind(1, site->id).Bind(2, FormatDate(LocalDateAt(clock_->NowMs(), site->tz))).Bind(3, number);
  if (q.Step()) return q.Text(0);
  if (!q.done()) return q.Fail("cannot read tickets");
  return MakeError(ErrorCode::kNotFound, "no ticket " + number + " today");
}

Status SurveyStore::SubmitSurveyLocked(Write& w, const std::string& ticket_id, const SurveyAnswers& answers) {
  Status valid = ValidateSurveyAnswers(answers);
  if (!valid.ok()) return valid;
  auto loaded = LoadTicket(ticket_id);
  if (!loaded.ok()) return {loaded.error()};
  if (!loaded.value()) return {MakeError(ErrorCode::kNotFound, "no such ticket")};
  const Ticket& t = *loaded.value();
  const Site* site = FindSiteLocked(t.site);
  if (!site) return {MakeError(ErrorCode::kNotFound, "no such ticket")};
  if (t.status != TicketStatus::kDone) {
    return {MakeError(ErrorCode::kConflict, "the survey opens once this ticket has been served")};
  }
  Stmt dup(*db_, "SELECT 1 FROM surveys WHERE ticket=?");
  dup.Bind(1, t.id);
  if (dup.Step())
    return {
        MakeError(ErrorCode::kAlreadyAnswered, "this ticket's survey has already been answered")};
  if (!dup.done()) return {dup.Fail("cannot read surveys")};

  UnixMs now = clock_->NowMs();
  Stmt ins(*db_,
           "INSERT INTO surveys(ticket, site, service, day, at, u1, u2, u3, u4, u5, u6, u7, u8, "
           "u9, comment, source) "
           "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  ins.Bind(1, t.id).Bind(2, t.site).Bind(3, t.service).Bind(4, t.day).Bind(5, now);
  for (int i = 0; i < kSurveyElements; ++i) ins.Bind(6 + i, answers.u[i]);
  ins.Bind(15, answers.comment).Bind(16, answers.source);
  ins.Run();
  if (!ins.done()) return {ins.Fail("cannot store survey")};

  JsonPtr data(cJSON_CreateObject());
  AddString(data.get(), "service", t.service);
  AddString(data.get(), "source", answers.source);
  AddString(data.get(), "at", FormatIsoLocal(now, site->tz));
  auto ev = AppendEvent(*site, event::kSurveyAnswered, nullptr, "", "resident", PrintJson(data.get()), &w.events());
  return ev.ok() ? Status::Ok() : Status{ev.error()};
}

Result<std::string> SurveyStore::SurveyState(const std::string& ticket_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  return SurveyStateLocked(ticket_id);
}

Result<std::string> SurveyStore::SurveyStateLocked(const std::string& ticket_id) const {
  auto loaded = LoadTicket(ticket_id);
  if (!loaded.ok()) return loaded.error();
  if (!loaded.value()) return MakeError(ErrorCode::kNotFound, "no such ticket");
  Stmt q(*db_, "SELECT 1 FROM surveys WHERE ticket=?");
  q.Bind(1, ticket_id);
  if (q.Step()) return std::string("answered");
  if (!q.done()) return q.Fail("cannot read surveys");
  return std::string(loaded.value()->status == TicketStatus::kDone ? "open" : "not_served");
}

Result<std::vector<SurveyTotals>> SurveyStore::SurveyTotalsBetween(const std::string& site_id,
                                                                   const LocalDate& from,
                                                                   const LocalDate& to,
                                                                   const std::string& service) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Site* site = FindSiteLocked(site_id);
  if (!site) return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
  if (!service.empty() && !site->FindService(service)) {
    return MakeError(ErrorCode::kNotFound, "unknown service '" + service + "'");
  }
  // Every service of the site gets a row, answered or not, in the site's order; a response
  // for a service removed since then still counts, after the others.
  std::vector<SurveyTotals> out;
  for (const Service& s : site->services) {
    if (service.empty() || s.id == service) out.push_back(SurveyTotals{s.id, {}, 0});
  }
  std::string sql = std::string("SELECT ") + kSumColumns + " FROM surveys" + PeriodWhere(service) +
                    " GROUP BY service";
  Stmt q(*db_, sql.c_str());
  BindPeriod(q, site_id, from, to, service);
  while (q.Step()) {
    SurveyTotals row{q.Text(0), {}, static_cast<int>(q.Int(1))};
    for (int i = 0; i < kSurveyElements; ++i) row.sums[i] = q.Int(2 + i);
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const SurveyTotals& r) { return r.service == row.service; });
    if (it == out.end()) {
      out.push_back(row);
    } else {
      *it = row;
    }
  }
  if (!q.done()) return q.Fail("cannot read surveys");
  return out;
}

Result<std::vector<SurveyResponse>> SurveyStore::SurveyResponsesBetween(
    const std::string& site_id, const LocalDate& from, const LocalDate& to,
    const std::string& service) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSiteLocked(site_id))
    return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
  // Ordered by day and service, not by time: the order of answers within a day says nothing.
  std::string sql = "SELECT day, service, source, u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM surveys" +
                    PeriodWhere(service) +
                    " ORDER BY day, service, u1, u2, u3, u4, u5, u6, u7, u8, u9";
  Stmt q(*db_, sql.c_str());
  BindPeriod(q, site_id, from, to, service);
  std::vector<SurveyResponse> out;
  while (q.Step()) {
    SurveyResponse r{q.Text(0), q.Text(1), q.Text(2), {}};
    for (int i = 0; i < kSurveyElements; ++i) r.u[i] = static_cast<int>(q.Int(3 + i));
    out.push_back(r);
  }
  if (!q.done()) return q.Fail("cannot read surveys");
  return out;
}

Result<std::vector<SurveyComment>> SurveyStore::SurveyCommentsBetween(const std::string& site_id,
                                                                      const LocalDate& from,
                                                                      const LocalDate& to,
                                                                      const std::string& service,
                                                                      int limit) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSiteLocked(site_id))
    return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
  std::string sql = "SELECT day, service, comment FROM surveys" + PeriodWhere(service) +
                    " AND comment != '' ORDER BY at DESC LIMIT " + std::to_string(limit);
  Stmt q(*db_, sql.c_str());
  BindPeriod(q, site_id, from, to, service);
  std::vector<SurveyComment> out;
  while (q.Step()) out.push_back(SurveyComment{q.Text(0), q.Text(1), q.Text(2)});
  if (!q.done()) return q.Fail("cannot read surveys");
  return out;
}

}  // namespace antre
