#include "core/report.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "codec/report_codec.h"

using namespace antre;

namespace {

ReportSettings Day(ReportGroup group = ReportGroup::kService) {
  ReportSettings s;
  s.site = "serang";
  s.tz = ParseTimeZone("Asia/Jakarta").value();
  s.from = s.to = ParseDate("2026-11-30").value();
  s.group = group;
  if (group == ReportGroup::kService) s.key_order = {"rekam", "kk"};
  if (group == ReportGroup::kCounter) s.key_order = {"1", "2"};
  s.target_minutes = {{"rekam", 30}, {"kk", 10}};
  return s;
}

// An event at local time hh:mm:ss on 2026-11-30 (WIB).
ReportEvent At(const std::string& type, const std::string& ticket, const std::string& hms,
               const std::string& service, const std::string& counter = "",
               const std::string& actor = "") {
  ReportEvent e;
  e.type = type;
  e.ticket = ticket;
  e.service = service;
  e.counter = counter;
  e.actor = actor;
  e.day = "2026-11-30";
  e.at = ParseIso("2026-11-30T" + hms + "+07:00").value();
  return e;
}

}  // namespace

TEST_CASE("Report: mean, median and nearest-rank p90 in whole seconds") {
  struct Case {
    std::vector<int64_t> ms;
    DurationStats want;
  };
  const Case kCases[] = {
      {{}, {0, 0, 0, 0}},
      {{60000}, {1, 60, 60, 60}},
      {{1000, 2000}, {2, 2, 2, 2}},  // mean 1.5 -> 2 (half up), median (1+2)/2 -> 2
      {{3000, 1000, 2000}, {3, 2, 2, 3}},
      {{1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000},
       {10, 6, 6, 9}},  // p90 = 9th of 10
      {{1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000},
       {11, 6, 6, 10}},  // ceil(9.9) = 10th
      {{1499, 1499}, {2, 1, 1, 1}},
  };
  for (const Case& c : kCases) {
    std::vector<int64_t> ms = c.ms;
    DurationStats s = SummarizeDurations(&ms);
    CHECK(s.count == c.want.count);
    CHECK(s.mean_s == c.want.mean_s);
    CHECK(s.median_s == c.want.median_s);
    CHECK(s.p90_s == c.want.p90_s);
  }
  CHECK(SharePercent(2, 3) == doctest::Approx(66.7));
  CHECK(SharePercent(1, 3) == doctest::Approx(33.3));
  CHECK(SharePercent(0, 0) == 0);
  CHECK(FormatReportNumber(66.7) == "66.7");
  CHECK(FormatReportNumber(100) == "100");
}

TEST_CASE("Report: waits run from issue to the first call; service from the latest call to done") {
  ReportBuilder b(Day());
  b.Add(At("ticket.issued", "t1", "08:00:00", "rekam"));
  b.Add(At("ticket.called", "t1", "08:10:00", "rekam", "1", "petugas1"));
  b.Add(At("ticket.recalled", "t1", "08:12:00", "rekam", "1", "petugas1"));
  b.Add(At("ticket.called", "t1", "08:20:00", "kk", "2", "petugas2"));  // after a transfer to kk
  b.Add(At("ticket.done", "t1", "08:25:00", "kk", "2", "petugas2"));
  b.Add(
      At("ticket.called", "old", "08:30:00", "rekam", "1", "petugas1"));  // issued before the range
  Report r = b.Finish();
  CHECK(r.total.issued == 1);
  CHECK(r.total.called == 1);
  CHECK(r.total.wait.mean_s == 600);
  CHECK(r.total.service.mean_s == 300);
  CHECK(r.total.within_target == 1);
  REQUIRE(r.rows.size() == 2);
  CHECK(r.rows[0].key == "rekam");
  CHECK(r.rows[0].target_minutes == 30);
  CHECK(r.rows[0].wait.count == 1);
  CHECK(r.rows[1].key == "kk");
  CHECK(r.rows[1].served == 1);
  CHECK(r.hours[8].issued == 1);
  CHECK(r.hours[8].served == 1);
  CHECK(r.days.size() == 1);
  CHECK(r.days[0].wait_mean_s == 600);
}

TEST_CASE("Report: counter and officer rows; events outside the range change nothing") {
  SUBCASE("by officer") {
    ReportBuilder b(Day(ReportGroup::kOfficer));
    b.Add(At("ticket.issued", "t1", "08:00:00", "kk"));
    b.Add(At("ticket.called", "t1", "08:11:00", "kk", "2", "petugas2"));
    b.Add(At("ticket.no_show", "t1", "08:15:00", "kk", "2", "petugas2"));
    b.Add(At("ticket.expired", "t2", "08:15:00", "kk", "", "system"));
    Report r = b.Finish();
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].key == "petugas2");
    CHECK(r.rows[0].no_show == 1);
    CHECK(r.rows[0].within_target == 0);  // kk's target is 10 minutes
    CHECK(r.rows[0].issued == 0);
    CHECK(r.total.expired == 1);
  }
  SUBCASE("outside the range") {
    ReportBuilder b(Day(ReportGroup::kCounter));
    ReportEvent e = At("ticket.issued", "t1", "08:00:00", "kk");
    e.day = "2026-12-01";
    b.Add(e);
    Report r = b.Finish();
    CHECK(r.total.issued == 0);
    REQUIRE(r.rows.size() == 2);  // the listed keys, even when empty
  }
  CHECK(CheckReportRange(ParseDate("2026-01-01").value(), ParseDate("2026-12-31").value()).ok());
  CHECK(!CheckReportRange(ParseDate("2026-01-02").value(), ParseDate("2026-01-01").value()).ok());
  CHECK(!CheckReportRange(ParseDate("2025-01-01").value(), ParseDate("2026-01-02").value()).ok());
}

TEST_CASE("Report: the city CSV has one line per site, the total row's figures, names quoted") {
  Report a;
  a.site = "serang";
  a.from = a.to = "2026-11-30";
  a.total.issued = 8;
  a.total.within_target_pct = 83.3;
  a.backlog.length = 2;
  a.delivery.pickup = 1;
  Report b = a;
  b.site = "mpp";
  b.total.issued = 0;
  std::string csv = EncodeCityReportCsv({{"Disdukcapil, Kota \"Serang\"", a}, {"MPP", b, false}});
  size_t header_end = csv.find("\r\n");
  std::string header = csv.substr(0, header_end);
  CHECK(header.rfind("site,name,from,to,target_minutes,issued,", 0) == 0);
  CHECK(header.find(",within_target_pct,") != std::string::npos);
  auto ends_with = [](const std::string& text, const std::string& tail) {
    return text.size() >= tail.size() &&
           text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
  };
  CHECK(ends_with(
      header,
      ",bookings_cancelled,backlog_added,backlog_printed,backlog_length,backlog_oldest_age_s,"
      "delivery_out,delivery_delivered,delivery_failed,delivery_retry,delivery_pickup"));
  std::string first = csv.substr(header_end + 2, csv.find("\r\n", header_end + 2) - header_end - 2);
  CHECK(first.rfind("serang,\"Disdukcapil, Kota \"\"Serang\"\"\",2026-11-30,2026-11-30,0,8,", 0) ==
        0);
  CHECK(first.find(",83.3,") != std::string::npos);
  CHECK(ends_with(first, ",0,0,2,0,0,0,0,0,1"));  // backlog added .. delivery pickup
  CHECK(csv.find("\r\nmpp,MPP,2026-11-30,2026-11-30,0,0,") != std::string::npos);
  // MPP prints no cards: its four backlog fields are empty, not 0; its courier figures stay.
  CHECK(ends_with(csv, ",,,,,0,0,0,0,1\r\n"));
  std::string second = csv.substr(csv.find("\r\nmpp,") + 2);
  second.resize(second.size() - 2);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
  // Every line has as many fields as the header (the quoted name's comma is not a field).
  auto fields = [](const std::string& line) {
    int n = 1;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      if (c == ',' && !quoted) ++n;
    }
    return n;
  };
  CHECK(fields(first) == fields(header));
  CHECK(fields(second) == fields(header));

  // The JSON says so, and its backlog figures are null where the CSV's fields are empty.
  std::string json = EncodeCityReport("2026-11-30", "2026-11-30", {{"Serang", a}, {"MPP", b, false}});
  CHECK(json.find("\"site\":\"serang\",\"name\":\"Serang\",\"prints_cards\":true,") != std::string::npos);
  CHECK(json.find("\"backlog_length\":2,") != std::string::npos);
  CHECK(json.find("\"site\":\"mpp\",\"name\":\"MPP\",\"prints_cards\":false,") != std::string::npos);
  CHECK(json.find("\"backlog_added\":null,\"backlog_printed\":null,\"backlog_length\":null,"
                  "\"backlog_oldest_age_s\":null,\"delivery_out\":0,") != std::string::npos);
}
