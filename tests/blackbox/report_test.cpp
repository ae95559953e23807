// Black-box: a scripted office day through --test-clock, then every report figure (JSON and
// CSV) checked against answers worked out by hand below.
#include <cjson/cJSON.h>
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

const char* const kColumns[] = {"target_minutes",
                                "issued",
                                "called",
                                "served",
                                "no_show",
                                "expired",
                                "cancelled",
                                "wait_count",
                                "wait_mean_s",
                                "wait_median_s",
                                "wait_p90_s",
                                "within_target",
                                "within_target_pct",
                                "service_count",
                                "service_mean_s",
                                "service_median_s",
                                "service_p90_s",
                                "bookings_made",
                                "bookings_checked_in",
                                "bookings_no_show",
                                "bookings_cancelled"};

// Figures by row key ("total" for the totals) and column; a figure not listed must be 0.
using Figures = std::map<std::string, std::map<std::string, double>>;

// A report CSV: section -> lines (the header first), each line split into fields.
using Csv = std::map<std::string, std::vector<std::vector<std::string>>>;

Csv ParseCsv(const std::string& text) {
  Csv out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::string f;
    std::istringstream ls(line);
    while (std::getline(ls, f, ',')) fields.push_back(f);
    out[fields[0]].push_back(fields);
  }
  return out;
}

struct Office {
  TempDir dir;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<httplib::Client> cli;
  std::string boss, admin;
  std::map<std::string, std::string> officers;  // counter -> token
  std::map<std::string, std::string> ids;       // ticket number -> id

  Office() { Start("2026-11-30T07:00:00+07:00"); }
  void Start(const std::string& now) {
    server = std::make_unique<ServerProcess>(dir.File("r.db"),
                                             std::vector<std::string>{"--demo", "--test-clock"});
    cli = server->Client();
    Clock(now);
    SignIn();
  }
  // Sessions last 12 hours, so staff sign in again each morning.
  void SignIn() {
    boss = Login(*cli, "supervisor", "supervisor-demo");
    admin = Login(*cli, "admin", "admin-demo");
    for (const char* c : {"1", "2", "3", "4"})
      officers[c] = Login(*cli, std::string("petugas") + c, "petugas-demo");
  }
  void Restart(const std::string& now) {
    server->Kill9();
    Start(now);
  }
  void Clock(const std::string& hhmmss, const std::string& day = "2026-11-30") {
    std::string iso = hhmmss.size() > 8 ? hhmmss : day + "T" + hhmmss + "+07:00";
    REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\",\"frozen\":true}",
                      "application/json")
                ->status == 200);
  }
  void Issue(const std::string& service, const std::string& number) {
    auto res = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"),
                         "{\"service\":\"" + service + "\"}", "application/json");
    REQUIRE(res->status == 201);
    REQUIRE(JsonField(res->body, "number") == number);
    ids[number] = JsonField(res->body, "id");
  }
  // Runs a counter action by the counter's own officer; checks the ticket it reports.
  void Act(const std::string& counter, const std::string& action, const std::string& number,
           const std::string& body = "{}") {
    auto res = cli->Post(("/api/v1/sites/serang/counters/" + counter + "/" + action).c_str(),
                         Bearer(officers[counter]), body, "application/json");
    REQUIRE(res->status == 200);
    CHECK(JsonField(res->body, "number") == number);
  }
  std::string Book(const std::string& nik, const std::string& slot) {
    auto res = cli->Post("/api/v1/sites/serang/bookings",
                         WithPow(*cli, "{\"nik\":\"" + nik +
                             "\",\"name\":\"Dewi Lestari\",\"phone\":\"081211112222\",\"service\":"
                             "\"cetak\",\"slot_start\":\"2026-11-30T" +
                             slot +
                             ":00+07:00\",\"delivery\":{\"kecamatan\":"
                             "\"Cipocok Jaya\",\"kelurahan\":\"Banjaragung\",\"street\":\"Jl. "
                             "Mawar\",\"house\":\"5\"}}"),
                         "application/json");
    REQUIRE(res->status == 201);
    return JsonField(res->body, "code");
  }
  httplib::Result Report(const std::string& query, const std::string& token = "") {
    return cli->Get(("/api/v1/sites/serang/reports?" + query).c_str(),
                    Bearer(token.empty() ? boss : token));
  }
};

// Checks every figure of every row, in the JSON and in the CSV, against `want`.
void CheckRows(const std::string& json, const std::string& csv_text, const Figures& want) {
  cJSON* root = cJSON_Parse(json.c_str());
  REQUIRE(root != nullptr);
  std::map<std::string, const cJSON*> rows;
  rows["total"] = cJSON_GetObjectItem(root, "total");
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, cJSON_GetObjectItem(root, "rows"))
      rows[cJSON_GetObjectItem(item, "key")->valuestring] = item;
  for (const auto& [key, figures] : want)
    CHECK_MESSAGE(rows.count(key) == 1, "missing row " << key);

  Csv csv = ParseCsv(csv_text);
  REQUIRE(csv["rows"].size() == rows.size() + 1);  // header + one line per row
  const std::vector<std::string>& header = csv["rows"][0];
  REQUIRE(header.size() == 2 + sizeof(kColumns) / sizeof(kColumns[0]));
  std::map<std::string, std::vector<std::string>> csv_rows;
  for (size_t i = 1; i < csv["rows"].size(); ++i) csv_rows[csv["rows"][i][1]] = csv["rows"][i];

  for (const auto& [key, row] : rows) {
    auto w = want.find(key);
    for (size_t c = 0; c < sizeof(kColumns) / sizeof(kColumns[0]); ++c) {
      const std::string col = kColumns[c];
      double expected = 0;
      if (w != want.end() && w->second.count(col)) expected = w->second.at(col);
      const cJSON* v = cJSON_GetObjectItem(row, col.c_str());
      REQUIRE_MESSAGE(cJSON_IsNumber(v), key << "." << col);
      CHECK_MESSAGE(v->valuedouble == doctest::Approx(expected),
                    key << "." << col << " in " << json);
      CHECK(header[c + 2] == col);
      REQUIRE(csv_rows.count(key) == 1);
      CHECK_MESSAGE(std::stod(csv_rows[key][c + 2]) == doctest::Approx(expected),
                    "csv " << key << "." << col);
    }
  }
  cJSON_Delete(root);
}

// Checks hours (issued, served by local hour), days, backlog and delivery in JSON and CSV.
void CheckOthers(const std::string& json, const std::string& csv_text,
                 const std::map<int, std::pair<int, int>>& hours,
                 const std::vector<std::vector<std::string>>& days,
                 const std::vector<int64_t>& backlog, const std::vector<int>& delivery) {
  cJSON* root = cJSON_Parse(json.c_str());
  REQUIRE(root != nullptr);
  Csv csv = ParseCsv(csv_text);
  REQUIRE(cJSON_GetArraySize(cJSON_GetObjectItem(root, "hours")) == 24);
  REQUIRE(csv["hours"].size() == 25);
  for (int h = 0; h < 24; ++h) {
    auto it = hours.find(h);
    int issued = it == hours.end() ? 0 : it->second.first,
        served = it == hours.end() ? 0 : it->second.second;
    const cJSON* x = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "hours"), h);
    CHECK_MESSAGE(cJSON_GetObjectItem(x, "issued")->valueint == issued, "hour " << h);
    CHECK_MESSAGE(cJSON_GetObjectItem(x, "served")->valueint == served, "hour " << h);
    CHECK(csv["hours"][h + 1] == std::vector<std::string>{"hours", std::to_string(h),
                                                          std::to_string(issued),
                                                          std::to_string(served)});
  }
  const char* day_keys[] = {"day", "issued", "served", "no_show", "waited", "wait_mean_s"};
  REQUIRE(cJSON_GetArraySize(cJSON_GetObjectItem(root, "days")) == static_cast<int>(days.size()));
  REQUIRE(csv["days"].size() == days.size() + 1);
  for (size_t i = 0; i < days.size(); ++i) {
    const cJSON* x = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "days"), static_cast<int>(i));
    CHECK(cJSON_GetObjectItem(x, "day")->valuestring == days[i][0]);
    for (size_t k = 1; k < 6; ++k) {
      CHECK_MESSAGE(std::to_string(cJSON_GetObjectItem(x, day_keys[k])->valueint) == days[i][k],
                    days[i][0] << " " << day_keys[k]);
    }
    std::vector<std::string> line = {"days"};
    line.insert(line.end(), days[i].begin(), days[i].end());
    CHECK(csv["days"][i + 1] == line);
  }
  const char* backlog_keys[] = {"added", "printed", "length", "oldest_age_s"};
  std::vector<std::string> backlog_line = {"backlog"};
  for (size_t k = 0; k < 4; ++k) {
    CHECK_MESSAGE(
        cJSON_GetObjectItem(cJSON_GetObjectItem(root, "backlog"), backlog_keys[k])->valuedouble ==
            backlog[k],
        backlog_keys[k]);
    backlog_line.push_back(std::to_string(backlog[k]));
  }
  CHECK(csv["backlog"][1] == backlog_line);
  const char* delivery_keys[] = {"out", "delivered", "failed", "retry", "pickup"};
  std::vector<std::string> delivery_line = {"delivery"};
  for (size_t k = 0; k < 5; ++k) {
    CHECK_MESSAGE(
        cJSON_GetObjectItem(cJSON_GetObjectItem(root, "delivery"), delivery_keys[k])->valueint ==
            delivery[k],
        delivery_keys[k]);
    delivery_line.push_back(std::to_string(delivery[k]));
  }
  CHECK(csv["delivery"][1] == delivery_line);
  cJSON_Delete(root);
}

// The scripted day, Monday 2026-11-30 (WIB), on a frozen clock. Times in seconds:
//   ticket  issued    called at       wait  finished                service
//   A001    08:00:00  08:05:00 (1)     300  done 08:17:30               750
//   A002    08:10:00  08:17:30 (1)     450  no-show 08:20:00
//   C001    08:20:00  09:05:00 (4)    2700  done 09:25:00              1200
//   A003    08:30:00  08:31:43 (2)     103  recalled 08:35, done 08:40  497
//   B001    08:45:00  09:00:00 (3)     900  done 09:10, to backlog      600  (checked in)
//   A004    09:00:00  09:40:00 (1)    2400  done 10:00:00              1200
//   A005    10:15:00  -                     cancelled by the supervisor 10:20
//   A006    10:30:00  -                     expired at the next day's rollover
// Bookings: two made at 07:00 (cetak 09:00 and 10:00); the first checks in, the second is a
// no-show at 10:45 (slot end + 15 min grace). kk's target is set to 60 minutes, the rest 30.
void RunDay(Office& o) {
  auto target = o.cli->Post("/api/v1/sites/serang/admin/services/kk", Bearer(o.admin),
                            "{\"target_wait_minutes\":60}", "application/json");
  REQUIRE(target->status == 200);
  CHECK(JsonField(target->body, "target_wait_minutes") == "60");
  CHECK(o.cli
            ->Post("/api/v1/sites/serang/admin/services/kk", Bearer(o.admin),
                   "{\"target_wait_minutes\":0}", "application/json")
            ->status == 400);
  std::string k1 = o.Book("3673015505900001", "09:00");
  o.Book("3673011203850002", "10:00");
  o.Clock("08:00:00"), o.Issue("rekam", "A001");
  o.Clock("08:05:00"), o.Act("1", "next", "A001");
  o.Clock("08:10:00"), o.Issue("rekam", "A002");
  o.Clock("08:17:30"), o.Act("1", "next", "A002");
  o.Clock("08:20:00"), o.Issue("kk", "C001"), o.Act("1", "no-show", "A002");
  o.Clock("08:30:00"), o.Issue("rekam", "A003");
  o.Clock("08:31:43"), o.Act("2", "next", "A003");
  o.Clock("08:35:00"), o.Act("2", "recall", "A003");
  o.Clock("08:40:00"), o.Act("2", "finish", "A003");
  o.Clock("08:45:00");
  REQUIRE(o.cli
              ->Post(("/api/v1/sites/serang/bookings/" + k1 + "/check-in").c_str(),
                     Bearer("demo-kiosk-token"), "", "application/json")
              ->status == 201);
  o.Clock("09:00:00"), o.Issue("rekam", "A004"), o.Act("3", "next", "B001");
  o.Clock("09:05:00"), o.Act("4", "next", "C001");
  o.Clock("09:10:00"), o.Act("3", "finish", "B001", "{\"outcome\":\"backlog\"}");
  o.Clock("09:25:00"), o.Act("4", "finish", "C001");
  o.Clock("09:40:00"), o.Act("1", "next", "A004");
  o.Clock("10:00:00"), o.Act("1", "finish", "A004");
  o.Clock("10:15:00"), o.Issue("rekam", "A005");
  o.Clock("10:20:00");
  REQUIRE(o.cli
              ->Post(("/api/v1/sites/serang/tickets/" + o.ids["A005"] + "/cancel").c_str(),
                     Bearer(o.boss), "{\"reason\":\"pulang\"}", "application/json")
              ->status == 200);
  o.Clock("10:30:00"), o.Issue("rekam", "A006");
  o.Clock("10:50:00");
}

// By service. Totals: waits 103 300 450 900 2400 2700 (sum 6853): mean 1142.2 -> 1142, median
// (450+900)/2 = 675, p90 = 6th of 6 = 2700; within target: all but A004 (rekam, 2400 > 1800)
// = 5 of 6 = 83.3%. Service times 497 600 750 1200 1200: mean 849.4 -> 849, median 750,
// p90 = 5th = 1200. rekam waits 103 300 450 2400: mean 813.25 -> 813, median 375, p90 = 4th =
// 2400, 3 of 4 = 75%; service 497 750 1200: mean 815.7 -> 816, median 750, p90 = 3rd = 1200.
Figures DayByService() {
  Figures f;
  f["total"] = {{"issued", 8},
                {"called", 6},
                {"served", 5},
                {"no_show", 1},
                {"cancelled", 1},
                {"wait_count", 6},
                {"wait_mean_s", 1142},
                {"wait_median_s", 675},
                {"wait_p90_s", 2700},
                {"within_target", 5},
                {"within_target_pct", 83.3},
                {"service_count", 5},
                {"service_mean_s", 849},
                {"service_median_s", 750},
                {"service_p90_s", 1200},
                {"bookings_made", 2},
                {"bookings_checked_in", 1},
                {"bookings_no_show", 1}};
  f["rekam"] = {{"target_minutes", 30}, {"issued", 6},           {"called", 4},
                {"served", 3},          {"no_show", 1},          {"cancelled", 1},
                {"wait_count", 4},      {"wait_mean_s", 813},    {"wait_median_s", 375},
                {"wait_p90_s", 2400},   {"within_target", 3},    {"within_target_pct", 75},
                {"service_count", 3},   {"service_mean_s", 816}, {"service_median_s", 750},
                {"service_p90_s", 1200}};
  f["cetak"] = {{"target_minutes", 30},
                {"issued", 1},
                {"called", 1},
                {"served", 1},
                {"wait_count", 1},
                {"wait_mean_s", 900},
                {"wait_median_s", 900},
                {"wait_p90_s", 900},
                {"within_target", 1},
                {"within_target_pct", 100},
                {"service_count", 1},
                {"service_mean_s", 600},
                {"service_median_s", 600},
                {"service_p90_s", 600},
                {"bookings_made", 2},
                {"bookings_checked_in", 1},
                {"bookings_no_show", 1}};
  f["kk"] = {{"target_minutes", 60},
             {"issued", 1},
             {"called", 1},
             {"served", 1},
             {"wait_count", 1},
             {"wait_mean_s", 2700},
             {"wait_median_s", 2700},
             {"wait_p90_s", 2700},
             {"within_target", 1},
             {"within_target_pct", 100},
             {"service_count", 1},
             {"service_mean_s", 1200},
             {"service_median_s", 1200},
             {"service_p90_s", 1200}};
  for (const char* s : {"akta", "ikd", "info"}) f[s] = {{"target_minutes", 30}};
  return f;
}

// By counter (and, one officer per counter, by officer). Issue, expiry, bookings and the
// cancel of a waiting ticket name no counter: totals only. Counter 1 waits 300 450 2400:
// mean 1050, median 450, p90 2400, 2 of 3 = 66.7%; service 750 1200: mean 975, median 975.
Figures DayByCounter(const std::string& k1, const std::string& k2, const std::string& k3,
                     const std::string& k4) {
  Figures f = DayByService();
  Figures out;
  out["total"] = f["total"];
  out[k1] = {{"called", 3},          {"served", 2},           {"no_show", 1},
             {"wait_count", 3},      {"wait_mean_s", 1050},   {"wait_median_s", 450},
             {"wait_p90_s", 2400},   {"within_target", 2},    {"within_target_pct", 66.7},
             {"service_count", 2},   {"service_mean_s", 975}, {"service_median_s", 975},
             {"service_p90_s", 1200}};
  auto one = [](double wait, double service) {
    return std::map<std::string, double>{{"called", 1},
                                         {"served", 1},
                                         {"wait_count", 1},
                                         {"wait_mean_s", wait},
                                         {"wait_median_s", wait},
                                         {"wait_p90_s", wait},
                                         {"within_target", 1},
                                         {"within_target_pct", 100},
                                         {"service_count", 1},
                                         {"service_mean_s", service},
                                         {"service_median_s", service},
                                         {"service_p90_s", service}};
  };
  out[k2] = one(103, 497);
  out[k3] = one(900, 600);
  out[k4] = one(2700, 1200);
  return out;
}

}  // namespace

TEST_CASE("Reports: a scripted day, every figure by service, counter and officer, JSON and CSV") {
  Office o;
  RunDay(o);
  const std::string day = "from=2026-11-30&to=2026-11-30";
  std::map<int, std::pair<int, int>> hours = {{8, {5, 2}}, {9, {1, 2}}, {10, {2, 1}}};
  std::vector<std::vector<std::string>> days = {{"2026-11-30", "8", "5", "1", "6", "1142"}};

  auto json = o.Report(day);
  REQUIRE(json->status == 200);
  CHECK(json->get_header_value("Content-Type").find("application/json") == 0);
  auto csv = o.Report(day + "&format=csv");
  REQUIRE(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
  CHECK(csv->get_header_value("Content-Disposition")
            .find("antre-serang-2026-11-30-2026-11-30-service.csv") != std::string::npos);
  CheckRows(json->body, csv->body, DayByService());
  // As of now (10:50): the card went to the backlog at 09:10, 100 minutes ago.
  CheckOthers(json->body, csv->body, hours, days, {1, 0, 1, 6000}, {0, 0, 0, 0, 0});

  Figures counters = DayByCounter("1", "2", "3", "4");
  for (const char* c : {"5", "6"}) counters[c] = {};
  CheckRows(o.Report(day + "&group=counter")->body,
            o.Report(day + "&group=counter&format=csv")->body, counters);
  CheckRows(o.Report(day + "&group=officer")->body,
            o.Report(day + "&group=officer&format=csv")->body,
            DayByCounter("petugas1", "petugas2", "petugas3", "petugas4"));

  // The next day: the rollover expires A006; the backlog card is printed and delivered.
  o.Clock("08:00:00", "2026-12-01");
  o.SignIn();
  REQUIRE(o.cli
              ->Post("/api/v1/sites/serang/backlog/print", Bearer(o.officers["3"]), "",
                     "application/json")
              ->status == 200);
  auto list = o.cli->Get("/api/v1/sites/serang/deliveries", Bearer(o.officers["3"]));
  std::string delivery = JsonField(list->body, "id");
  REQUIRE(!delivery.empty());
  o.Clock("09:00:00", "2026-12-01");
  REQUIRE(o.cli
              ->Post(("/api/v1/sites/serang/deliveries/" + delivery + "/out").c_str(),
                     Bearer(o.officers["3"]), "{}", "application/json")
              ->status == 200);
  o.Clock("10:00:00", "2026-12-01");
  REQUIRE(o.cli
              ->Post(("/api/v1/sites/serang/deliveries/" + delivery + "/delivered").c_str(),
                     Bearer(o.officers["3"]), "{\"receiver\":\"Ibu Dewi\"}", "application/json")
              ->status == 200);

  // The first day alone, now that it is over: the backlog as it stood at midnight
  // (24:00 - 09:10 = 53,400 s); the expiry and the courier belong to the second day.
  auto past = o.Report(day);
  CheckRows(past->body, o.Report(day + "&format=csv")->body, DayByService());
  CheckOthers(past->body, o.Report(day + "&format=csv")->body, hours, days, {1, 0, 1, 53400},
              {0, 0, 0, 0, 0});

  // Both days: A006 expired, the card printed, the backlog empty, one delivery out and in.
  const std::string both = "from=2026-11-30&to=2026-12-01";
  Figures two = DayByService();
  two["total"]["expired"] = 1;
  two["rekam"]["expired"] = 1;
  auto two_json = o.Report(both);
  auto two_csv = o.Report(both + "&format=csv");
  CheckRows(two_json->body, two_csv->body, two);
  std::vector<std::vector<std::string>> two_days = {days[0],
                                                    {"2026-12-01", "0", "0", "0", "0", "0"}};
  CheckOthers(two_json->body, two_csv->body, hours, two_days, {1, 1, 0, 0}, {1, 1, 0, 0, 0});

  // After kill -9 and a restart the log gives the same answers.
  o.Restart("2026-12-01T10:00:00+07:00");
  CHECK(o.Report(both)->body == two_json->body);
  CHECK(o.Report(both + "&format=csv")->body == two_csv->body);
}

TEST_CASE("Reports: bad ranges and parameters are refused; supervisors and admins only") {
  Office o;
  struct Bad {
    const char* query;
    const char* message;
  };
  const Bad kBad[] = {
      {"to=2026-11-30", "missing parameter 'from'"},
      {"from=2026-11-30", "missing parameter 'to'"},
      {"from=2026-11-31&to=2026-12-01", "'from' must be a date"},
      {"from=30-11-2026&to=2026-12-01", "'from' must be a date"},
      {"from=2026-12-02&to=2026-12-01", "'from' must not be after 'to'"},
      {"from=2025-11-29&to=2026-11-30", "at most 366 days"},
      {"from=2026-11-30&to=2026-11-30&group=kiosk", "group must be"},
      {"from=2026-11-30&to=2026-11-30&format=xlsx", "format must be"},
  };
  for (const Bad& b : kBad) {
    // The English words are checked: the reasons' Indonesian is the catalogue's business.
    httplib::Headers english = Bearer(o.boss);
    english.emplace("Accept-Language", "en");
    auto res = o.cli->Get(("/api/v1/sites/serang/reports?" + std::string(b.query)).c_str(), english);
    REQUIRE(res);
    CHECK_MESSAGE(res->status == 400, b.query);
    CHECK_MESSAGE(res->body.find("\"code\":\"invalid_input\"") != std::string::npos, b.query);
    CHECK_MESSAGE(res->body.find(b.message) != std::string::npos, b.query << ": " << res->body);
  }
  CHECK(o.Report("from=2025-11-30&to=2026-11-30")->status == 200);  // 366 days
  CHECK(o.Report("from=2026-11-30&to=2026-11-30", o.admin)->status == 200);
  CHECK(o.Report("from=2026-11-30&to=2026-11-30", o.officers["1"])->status == 403);
  CHECK(o.cli->Get("/api/v1/sites/serang/reports?from=2026-11-30&to=2026-11-30")->status == 401);
  CHECK(o.cli->Get("/api/v1/sites/nowhere/reports?from=2026-11-30&to=2026-11-30", Bearer(o.boss))
            ->status == 404);
}
