#include "report.h"
#include "core/event_types.h"

#include <algorithm>
#include <cmath>

namespace antre {

const char* ReportGroupName(ReportGroup g) {
  switch (g) {
    case ReportGroup::kService:
      return "service";
    case ReportGroup::kCounter:
      return "counter";
    case ReportGroup::kOfficer:
      return "officer";
  }
  return "service";
}

bool ParseReportGroup(const std::string& text, ReportGroup* out) {
  for (ReportGroup g : {ReportGroup::kService, ReportGroup::kCounter, ReportGroup::kOfficer}) {
    if (text == ReportGroupName(g)) {
      *out = g;
      return true;
    }
  }
  return false;
}

Status CheckReportRange(const LocalDate& from, const LocalDate& to) {
  long days = DaysFromCivil(to) - DaysFromCivil(from) + 1;
  if (days < 1) return {MakeError(ErrorCode::kInvalidInput, "'from' must not be after 'to'")};
  if (days > kMaxReportDays) {
    return {MakeError(ErrorCode::kInvalidInput,
                      "a report covers at most " + std::to_string(kMaxReportDays) + " days")};
  }
  return Status::Ok();
}

// Durations are never negative (a call follows its issue), so integer division rounds half up.
DurationStats SummarizeDurations(std::vector<int64_t>* ms) {
  DurationStats s;
  std::vector<int64_t>& v = *ms;
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  int64_t n = static_cast<int64_t>(v.size());
  int64_t sum = 0;
  for (int64_t x : v) sum += x;
  s.count = static_cast<int>(n);
  s.mean_s = (sum + n * 500) / (n * 1000);
  s.median_s = n % 2 == 1 ? (v[n / 2] + 500) / 1000 : (v[n / 2 - 1] + v[n / 2] + 1000) / 2000;
  int64_t rank = (9 * n + 9) / 10;  // ceil(0.9 n), 1-based
  s.p90_s = (v[rank - 1] + 500) / 1000;
  return s;
}

double SharePercent(int part, int whole) {
  if (whole <= 0) return 0;
  return std::floor(1000.0 * part / whole + 0.5) / 10.0;
}

// ---------------------------------------------------------------- the fold

ReportBuilder::ReportBuilder(ReportSettings settings) : settings_(std::move(settings)) {
  first_day_ = DaysFromCivil(settings_.from);
  long last = DaysFromCivil(settings_.to);
  for (long d = first_day_; d <= last; ++d) {
    DaySamples ds;
    ds.day.day = FormatDate(CivilFromDays(d));
    days_.push_back(ds);
  }
  for (int h = 0; h < 24; ++h) hours_.push_back(ReportHour{h, 0, 0});
  for (const std::string& key : settings_.key_order) rows_[key].row.key = key;
  total_.row.key = "total";
}

ReportBuilder::DaySamples* ReportBuilder::DayOf(const std::string& day) {
  auto date = ParseDate(day);
  if (!date.ok()) return nullptr;
  long i = DaysFromCivil(date.value()) - first_day_;
  if (i < 0 || i >= static_cast<long>(days_.size())) return nullptr;
  return &days_[static_cast<size_t>(i)];
}

int ReportBuilder::HourOf(UnixMs at) const {
  int64_t local = at + static_cast<int64_t>(settings_.tz.offset_minutes) * 60000;
  int64_t hour = (local / 3600000) % 24;
  return static_cast<int>(hour < 0 ? hour + 24 : hour);
}

ReportBuilder::Samples* ReportBuilder::RowFor(const ReportEvent& e) {
  const std::string* key = &e.service;
  if (settings_.group == ReportGroup::kCounter) key = &e.counter;
  if (settings_.group == ReportGroup::kOfficer) key = e.counter.empty() ? &e.counter : &e.actor;
  if (key->empty()) return nullptr;
  Samples& s = rows_[*key];
  if (s.row.key.empty()) s.row.key = *key;
  return &s;
}

void ReportBuilder::Count(const ReportEvent& e, int ReportRow::*field) {
  total_.row.*field += 1;
  if (Samples* s = RowFor(e)) s->row.*field += 1;
}

void ReportBuilder::Add(const ReportEvent& e) {
  if (e.day != current_day_) {
    // A ticket lives within one local day (the rollover expires the rest), so a day's
    // tickets can be forgotten when the next day starts: memory stays one day's worth.
    current_day_ = e.day;
    tickets_.clear();
    current_ = DayOf(e.day);
  }
  DaySamples* day = current_;
  if (!day) return;
  const std::string& t = e.type;
  if (t == event::kTicketIssued) {
    Count(e, &ReportRow::issued);
    day->day.issued += 1;
    hours_[HourOf(e.at)].issued += 1;
    tickets_[e.ticket].issued_at = e.at;
  } else if (t == event::kTicketCalled) {
    auto it = tickets_.find(e.ticket);
    if (it == tickets_.end()) return;  // issued before the range
    TicketState& ts = it->second;
    ts.last_call_at = e.at;
    if (ts.called) return;
    ts.called = true;
    int64_t wait = e.at - ts.issued_at;
    auto target = settings_.target_minutes.find(e.service);
    int minutes = target == settings_.target_minutes.end() ? settings_.default_target_minutes
                                                           : target->second;
    bool within = wait <= static_cast<int64_t>(minutes) * 60000;
    Count(e, &ReportRow::called);
    total_.waits.push_back(wait);
    if (within) total_.row.within_target += 1;
    if (Samples* s = RowFor(e)) {
      s->waits.push_back(wait);
      if (within) s->row.within_target += 1;
    }
    day->day.waited += 1;
    day->wait_sum_ms += wait;
  } else if (t == event::kTicketDone) {
    Count(e, &ReportRow::served);
    day->day.served += 1;
    hours_[HourOf(e.at)].served += 1;
    auto it = tickets_.find(e.ticket);
    if (it == tickets_.end() || it->second.last_call_at == 0) return;
    int64_t took = e.at - it->second.last_call_at;
    total_.services.push_back(took);
    if (Samples* s = RowFor(e)) s->services.push_back(took);
  } else if (t == event::kTicketNoShow) {
    Count(e, &ReportRow::no_show);
    day->day.no_show += 1;
  } else if (t == event::kTicketExpired) {
    Count(e, &ReportRow::expired);
  } else if (t == event::kTicketCancelled) {
    Count(e, &ReportRow::cancelled);
  } else if (t == event::kBookingCreated) {
    Count(e, &ReportRow::bookings_made);
  } else if (t == event::kBookingCheckedIn) {
    Count(e, &ReportRow::bookings_checked_in);
  } else if (t == event::kBookingNoShow) {
    Count(e, &ReportRow::bookings_no_show);
  } else if (t == event::kBookingCancelled) {
    Count(e, &ReportRow::bookings_cancelled);
  } else if (t == event::kPrintBacklog) {
    backlog_added_ += 1;
  } else if (t == event::kPrintPrinted) {
    backlog_printed_ += 1;
  }
}

Report ReportBuilder::Finish() {
  auto close = [this](Samples& s) {
    s.row.wait = SummarizeDurations(&s.waits);
    s.row.service = SummarizeDurations(&s.services);
    s.row.within_target_pct = SharePercent(s.row.within_target, s.row.wait.count);
    return s.row;
  };
  Report r;
  r.site = settings_.site;
  r.from = FormatDate(settings_.from);
  r.to = FormatDate(settings_.to);
  r.group = settings_.group;
  r.total = close(total_);
  if (settings_.group == ReportGroup::kService) {
    for (auto& [key, s] : rows_) {
      auto target = settings_.target_minutes.find(key);
      s.row.target_minutes = target == settings_.target_minutes.end()
                                 ? settings_.default_target_minutes
                                 : target->second;
    }
  }
  for (const std::string& key : settings_.key_order) r.rows.push_back(close(rows_[key]));
  for (auto& [key, s] : rows_) {
    if (std::find(settings_.key_order.begin(), settings_.key_order.end(), key) ==
        settings_.key_order.end()) {
      r.rows.push_back(close(s));
    }
  }
  r.hours = hours_;
  for (DaySamples& d : days_) {
    int64_t n = d.day.waited;
    d.day.wait_mean_s = n == 0 ? 0 : (d.wait_sum_ms + n * 500) / (n * 1000);
    r.days.push_back(d.day);
  }
  r.backlog.added = backlog_added_;
  r.backlog.printed = backlog_printed_;
  return r;
}

}  // namespace antre
