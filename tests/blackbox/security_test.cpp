// Black-box: issue #15's findings against the real server: password guessing, control and
// bidi characters in free text, an impossible Last-Event-ID, the public health answer, and
// free text with personal data that outlived its retention (in the API and in the files).
#include <cjson/cJSON.h>
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

// The test office with 127.0.0.1 as a trusted proxy, so X-Forwarded-For gives each request
// the address of a different resident or guesser, as behind nginx.
struct Office {
  TempDir dir;
  ServerProcess server;
  std::unique_ptr<httplib::Client> cli;

  // With `two_sites`, a second site "pandeglang" (a copy of serang) where only petugas6 works.
  explicit Office(bool two_sites = false)
      : server(dir.File("sec.db"), {"--config", Config(dir, two_sites), "--test-clock"}), cli(server.Client()) {
    Clock("2026-11-30T07:00:00+07:00");
  }
  static std::string Config(const TempDir& dir, bool two_sites = false) {
    std::ifstream in(std::string(ANTRE_TEST_OFFICE));
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    const std::string from = "\"heartbeat_seconds\": 15";
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), from + ", \"trusted_proxies\": [\"127.0.0.1\"]");
    if (two_sites) {
      cJSON* root = cJSON_Parse(text.c_str());
      REQUIRE(root != nullptr);
      cJSON* sites = cJSON_GetObjectItem(root, "sites");
      cJSON* copy = cJSON_Duplicate(cJSON_GetArrayItem(sites, 0), true);
      cJSON_ReplaceItemInObject(copy, "id", cJSON_CreateString("pandeglang"));
      cJSON_AddItemToArray(sites, copy);
      const cJSON* u = nullptr;
      cJSON_ArrayForEach(u, cJSON_GetObjectItem(root, "users")) {
        if (std::string(cJSON_GetObjectItem(u, "username")->valuestring) != "petugas6") continue;
        cJSON* list = cJSON_CreateArray();
        cJSON_AddItemToArray(list, cJSON_CreateString("pandeglang"));
        cJSON_AddItemToObject(const_cast<cJSON*>(u), "sites", list);
      }
      char* printed = cJSON_Print(root);
      text = printed;
      cJSON_free(printed);
      cJSON_Delete(root);
    }
    std::ofstream(dir.File("sec.json")) << text;
    return dir.File("sec.json");
  }
  void Clock(const std::string& iso) {
    REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\"}", "application/json")->status == 200);
  }
  httplib::Result LoginFrom(const std::string& address, const std::string& user, const std::string& password) {
    return cli->Post("/api/v1/auth/login", {{"X-Forwarded-For", address}},
                     "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", "application/json");
  }
  httplib::Result Post(const std::string& path, const std::string& token, const std::string& body) {
    return cli->Post(path.c_str(), Bearer(token), body, "application/json");
  }
  // The audit entries of `user` (all users if empty), newest first, as (action, target, detail).
  std::vector<std::vector<std::string>> Audit(const std::string& admin, const std::string& user = "") {
    auto res = cli->Get(("/api/v1/admin/audit?limit=500" + (user.empty() ? "" : "&user=" + user)).c_str(),
                        Bearer(admin));
    REQUIRE(res->status == 200);
    std::vector<std::vector<std::string>> out;
    cJSON* root = cJSON_Parse(res->body.c_str());
    const cJSON* e = nullptr;
    cJSON_ArrayForEach(e, cJSON_GetObjectItem(root, "entries")) {
      out.push_back({cJSON_GetObjectItem(e, "action")->valuestring, cJSON_GetObjectItem(e, "target")->valuestring,
                     cJSON_GetObjectItem(e, "detail")->valuestring});
    }
    cJSON_Delete(root);
    return out;
  }
};

int Count(const std::vector<std::vector<std::string>>& entries, const std::string& action) {
  int n = 0;
  for (const auto& e : entries) n += e[0] == action;
  return n;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

// ---------------------------------------------------------------- login

TEST_CASE("Security: 10 wrong passwords lock a username for 15 minutes, even the right one, and are audited") {
  Office o;
  std::string admin = Login(*o.cli, "admin", "admin-demo");
  REQUIRE(!admin.empty());
  // From ten addresses, so only the username's count can lock.
  for (int i = 1; i <= 10; ++i) {
    CHECK(o.LoginFrom("203.0.113." + std::to_string(i), "petugas1", "tebakan-" + std::to_string(i))->status == 401);
  }
  auto locked = o.LoginFrom("203.0.113.50", "petugas1", "petugas-demo");
  CHECK(locked->status == 429);
  CHECK(JsonField(locked->body, "code") == "rate_limited");
  int retry = std::atoi(locked->get_header_value("Retry-After").c_str());
  CHECK(retry > 0);
  CHECK(retry <= 900);
  CHECK(o.LoginFrom("203.0.113.50", "petugas2", "petugas-demo")->status == 200);  // others are not locked

  auto entries = o.Audit(admin, "petugas1");
  CHECK(Count(entries, "login.failed") == 10);
  CHECK(Count(entries, "login.locked") == 1);
  bool saw_address = false, saw_lock = false;
  for (const auto& e : entries) {
    saw_address = saw_address || (e[0] == "login.failed" && e[1] == "203.0.113.7");
    saw_lock = saw_lock || (e[0] == "login.locked" && e[1] == "203.0.113.10" && e[2].find("username") == 0);
  }
  CHECK(saw_address);
  CHECK(saw_lock);

  o.Clock("2026-11-30T07:14:00+07:00");
  CHECK(o.LoginFrom("203.0.113.50", "petugas1", "petugas-demo")->status == 429);
  // The lock runs 15 minutes from the tenth failure, which a busy machine may reach some
  // seconds after 07:00:00 (the test clock runs on).
  o.Clock("2026-11-30T07:15:30+07:00");
  CHECK(o.LoginFrom("203.0.113.50", "petugas1", "petugas-demo")->status == 200);
}

TEST_CASE("Security: 10 failures from one address lock that address, whatever the usernames") {
  Office o;
  std::string admin = Login(*o.cli, "admin", "admin-demo");
  for (int i = 0; i < 10; ++i) {
    CHECK(o.LoginFrom("198.51.100.9", "tamu" + std::to_string(i), "rahasia")->status == 401);
  }
  auto locked = o.LoginFrom("198.51.100.9", "supervisor", "supervisor-demo");
  CHECK(locked->status == 429);
  CHECK(!locked->get_header_value("Retry-After").empty());
  CHECK(o.LoginFrom("198.51.100.10", "supervisor", "supervisor-demo")->status == 200);
  bool saw_lock = false;
  for (const auto& e : o.Audit(admin)) {
    saw_lock = saw_lock || (e[0] == "login.locked" && e[1] == "198.51.100.9" && e[2].find("address") == 0);
  }
  CHECK(saw_lock);
}

TEST_CASE("Security: a username with a control character is refused, not read as another user") {
  Office o;
  const char* kBad[] = {R"({"username":"admin\u0000x","password":"admin-demo"})",
                        R"({"username":"admin\u0007","password":"admin-demo"})",
                        R"({"username":"admin\n","password":"admin-demo"})",
                        R"({"username":"\u202eadmin","password":"admin-demo"})"};
  for (const char* body : kBad) {
    CAPTURE(body);
    auto res = o.cli->Post("/api/v1/auth/login", body, "application/json");
    CHECK(res->status == 400);
    CHECK(JsonField(res->body, "code") == "invalid_input");
    CHECK(res->body.find("token") == std::string::npos);
  }
}

// ---------------------------------------------------------------- text rules

TEST_CASE("Security: names, addresses, reasons and comments refuse control and bidi characters, naming the field") {
  Office o;
  auto booking = [&](const std::string& name, const std::string& street) {
    return o.cli->Post("/api/v1/sites/serang/bookings",
                       WithPow(*o.cli, R"({"nik":"3673015505900001","name":")" + name +
                           R"(","phone":"081211112222","service":"cetak","slot_start":"2026-11-30T09:00:00+07:00",)"
                           R"("delivery":{"kecamatan":"Cipocok Jaya","kelurahan":"Banjaragung","street":")" +
                           street + R"(","house":"5"}})"),
                       "application/json");
  };
  auto refused = [](const httplib::Result& res, const std::string& field) {
    REQUIRE(res);
    CAPTURE(res->body);
    CHECK(res->status == 400);
    CHECK(JsonField(res->body, "code") == "invalid_input");
    CHECK(JsonField(res->body, "message").find(field) != std::string::npos);
  };
  refused(booking(R"(Siti\u202eAminah)", "Jl. Mawar"), "name");  // right-to-left override
  refused(booking(R"(Siti\r\nAminah)", "Jl. Mawar"), "name");
  refused(booking(R"(Siti\u0007)", "Jl. Mawar"), "name");  // BEL
  refused(booking(R"(Siti \u2066Aminah)", "Jl. Mawar"), "name");  // an isolate
  refused(booking("Siti Aminah", R"(Jl. Mawar\u202e)"), "street");
  auto good = booking("Siti Aminah", "Jl. Mawar");
  REQUIRE(good->status == 201);

  std::string boss = Login(*o.cli, "supervisor", "supervisor-demo");
  std::string officer = Login(*o.cli, "petugas3", "petugas-demo");
  auto walk_in = o.Post("/api/v1/sites/serang/tickets", "demo-kiosk-token", R"({"service":"rekam"})");
  std::string cancel = "/api/v1/sites/serang/tickets/" + JsonField(walk_in->body, "id") + "/cancel";
  refused(o.Post(cancel, boss, R"({"reason":"salah\u0007"})"), "reason");
  refused(o.Post(cancel, boss, R"({"reason":"salah\nlayanan"})"), "reason");
  refused(o.Post("/api/v1/sites/serang/stock", boss, R"({"delta":-1,"kind":"adjusted","reason":"\u001b[31mrusak"})"),
          "reason");
  refused(o.Post("/api/v1/sites/serang/announcements", boss,
                 R"({"text":{"id":"Loket \u202e3 tutup"},"ends_at":"2026-11-30T16:00:00+07:00"})"),
          "text.id");
  // Announcements and comments come from text areas: a line break is theirs to use.
  CHECK(o.Post("/api/v1/sites/serang/announcements", boss,
               R"({"text":{"id":"Loket 3 tutup.\nSilakan ke loket 4."},"ends_at":"2026-11-30T16:00:00+07:00"})")
            ->status == 201);
  refused(o.Post("/api/v1/sites/serang/admin/counters/1", Login(*o.cli, "admin", "admin-demo"),
                 R"({"name":"Loket\u00851"})"),
          "name");

  // A served ticket's survey comment.
  o.Clock("2026-11-30T08:00:00+07:00");
  auto served = o.Post("/api/v1/sites/serang/tickets", "demo-kiosk-token", R"({"service":"cetak"})");
  REQUIRE(o.Post("/api/v1/sites/serang/counters/3/next", officer, "{}")->status == 200);
  REQUIRE(o.Post("/api/v1/sites/serang/counters/3/finish", officer, R"({"outcome":"printed"})")->status == 200);
  std::string survey = "/api/v1/tickets/" + JsonField(served->body, "id") + "/survey";
  const std::string answers = R"("u1":4,"u2":4,"u3":4,"u4":4,"u5":4,"u6":4,"u7":4,"u8":4,"u9":4)";
  refused(o.cli->Post(survey.c_str(), "{" + answers + R"(,"comment":"bagus\u0000sekali"})", "application/json"),
          "NUL");
  refused(o.cli->Post(survey.c_str(), "{" + answers + R"(,"comment":"bagus\u202e"})", "application/json"),
          "comment");
  CHECK(o.cli->Post(survey.c_str(), "{" + answers + R"(,"comment":"Cepat.\nRamah."})", "application/json")->status ==
        201);

  // The courier's receiver and failure reason.
  std::string code = JsonField(good->body, "code");
  o.Clock("2026-11-30T08:45:00+07:00");
  REQUIRE(o.Post("/api/v1/sites/serang/bookings/" + code + "/check-in", "demo-kiosk-token", "")->status == 201);
  REQUIRE(o.Post("/api/v1/sites/serang/counters/3/next", officer, "{}")->status == 200);
  REQUIRE(o.Post("/api/v1/sites/serang/counters/3/finish", officer, R"({"outcome":"printed"})")->status == 200);
  auto list = o.cli->Get("/api/v1/sites/serang/deliveries", Bearer(officer));
  std::string delivery = "/api/v1/sites/serang/deliveries/" + JsonField(list->body, "id") + "/";
  REQUIRE(o.Post(delivery + "out", officer, "{}")->status == 200);
  refused(o.Post(delivery + "failed", officer, R"({"reason":"rumah\u0008kosong"})"), "reason");
  refused(o.Post(delivery + "delivered", officer, R"({"receiver":"Siti\u202eAminah"})"), "receiver");
  CHECK(o.Post(delivery + "delivered", officer, R"({"receiver":"Siti Aminah"})")->status == 200);
}

// ---------------------------------------------------------------- event stream resume

TEST_CASE("Security: a Last-Event-ID after the newest event or beyond 64 bits is refused") {
  Office o;
  REQUIRE(o.Post("/api/v1/sites/serang/tickets", "demo-kiosk-token", R"({"service":"rekam"})")->status == 201);
  long long newest = std::stoll(JsonField(o.cli->Get("/api/v1/sites/serang/board")->body, "last_event_id"));
  REQUIRE(newest > 0);
  const std::string kBad[] = {"99999999999999999999999", "9223372036854775808", std::to_string(newest + 1),
                              "+1", "-1", "1x"};
  for (const std::string& id : kBad) {
    CAPTURE(id);
    StreamCollector header(o.server.port(), "serang", -1, {{"Last-Event-ID", id}});
    CHECK(header.Status(5000) == 400);
  }
  // The same through the query (EventSource cannot set headers).
  auto cli = o.server.Client();
  cli->set_read_timeout(3, 0);
  auto query = cli->Get("/api/v1/sites/serang/events?last_event_id=99999999999999999999999");
  REQUIRE(query);
  CHECK(query->status == 400);
  CHECK(JsonField(query->body, "code") == "invalid_input");

  StreamCollector newest_ok(o.server.port(), "serang", newest);
  CHECK(newest_ok.Status(5000) == 200);
  StreamCollector replay(o.server.port(), "serang", 0);
  CHECK(replay.Status(5000) == 200);
  CHECK(replay.WaitFor([](const auto& items) { return !items.empty(); }, 5000));
}

// ---------------------------------------------------------------- health

TEST_CASE("Security: public health says only ok or degraded; staff see the details") {
  Office o;
  auto pub = o.cli->Get("/api/v1/health");
  REQUIRE(pub->status == 200);
  CHECK(JsonField(pub->body, "status") == "ok");
  for (const char* detail : {"disk_free_bytes", "version", "database", "event_streams", "public_streams"}) {
    CAPTURE(detail);
    CHECK(pub->body.find(detail) == std::string::npos);
  }
  CHECK(o.cli->Get("/api/v1/health", Bearer("demo-kiosk-token"))->body.find("disk_free_bytes") == std::string::npos);
  CHECK(o.cli->Get("/api/v1/health", Bearer("not-a-token"))->body.find("disk_free_bytes") == std::string::npos);
  auto staff = o.cli->Get("/api/v1/health", Bearer(Login(*o.cli, "petugas1", "petugas-demo")));
  REQUIRE(staff->status == 200);
  if (!TestingOnPostgres()) CHECK(std::stoll(JsonField(staff->body, "disk_free_bytes")) > 0);
  CHECK(JsonField(staff->body, "database") == "ok");
}

// ---------------------------------------------------------------- erasure

TEST_CASE("Security: free text with personal data is erased after retention, from the API and the files") {
  Office o;
  std::string officer = Login(*o.cli, "petugas3", "petugas-demo");
  std::string boss = Login(*o.cli, "supervisor", "supervisor-demo");
  auto made = o.cli->Post("/api/v1/sites/serang/bookings",
                          WithPow(*o.cli, R"({"nik":"3673015505900001","name":"Dewi Lestari","phone":"081211112222",)"
                          R"("service":"cetak","slot_start":"2026-11-30T09:00:00+07:00","delivery":{"kecamatan":)"
                          R"("Cipocok Jaya","kelurahan":"Banjaragung","street":"Jl. Mawar Merah","house":"5"}})"),
                          "application/json");
  REQUIRE(made->status == 201);
  std::string code = JsonField(made->body, "code");
  // A supervisor types a NIK into a cancel reason; a stock reason names someone.
  auto walk_in = o.Post("/api/v1/sites/serang/tickets", "demo-kiosk-token", R"({"service":"rekam"})");
  REQUIRE(o.Post("/api/v1/sites/serang/tickets/" + JsonField(walk_in->body, "id") + "/cancel", boss,
                 R"({"reason":"ganda, NIK 3673011505900009"})")->status == 200);
  REQUIRE(o.Post("/api/v1/sites/serang/stock", boss, R"({"delta":-1,"kind":"adjusted","reason":"rusak milik Bu Ani"})")
              ->status == 200);
  o.Clock("2026-11-30T08:45:00+07:00");
  REQUIRE(o.Post("/api/v1/sites/serang/bookings/" + code + "/check-in", "demo-kiosk-token", "")->status == 201);
  REQUIRE(o.Post("/api/v1/sites/serang/counters/3/next", officer, "{}")->status == 200);
  auto served = o.Post("/api/v1/sites/serang/counters/3/finish", officer, R"({"outcome":"printed"})");
  REQUIRE(served->status == 200);
  REQUIRE(o.cli->Post(("/api/v1/tickets/" + JsonField(served->body, "id") + "/survey").c_str(),
                      R"({"u1":4,"u2":4,"u3":4,"u4":4,"u5":4,"u6":4,"u7":4,"u8":4,"u9":4,"comment":"Pak Joko ramah"})",
                      "application/json")->status == 201);
  auto list = o.cli->Get("/api/v1/sites/serang/deliveries", Bearer(officer));
  REQUIRE(list->status == 200);
  CHECK(list->body.find("Jl. Mawar Merah") != std::string::npos);
  std::string delivery = "/api/v1/sites/serang/deliveries/" + JsonField(list->body, "id") + "/";
  REQUIRE(o.Post(delivery + "out", officer, "{}")->status == 200);
  REQUIRE(o.Post(delivery + "failed", officer, R"({"reason":"kosong, kata Bu Ratna tetangga"})")->status == 200);
  REQUIRE(o.Post(delivery + "out", officer, "{}")->status == 200);
  REQUIRE(o.Post(delivery + "delivered", officer, R"x({"receiver":"Siti Aminah (ibu kandung)"})x")->status == 200);

  std::string admin = Login(*o.cli, "admin", "admin-demo");
  // The courier list shows names and addresses: its reads are in the audit log.
  bool saw_view = false;
  for (const auto& e : o.Audit(admin, "petugas3")) saw_view = saw_view || (e[0] == "deliveries.view" && e[1] == "serang");
  CHECK(saw_view);
  auto audit_before = o.cli->Get("/api/v1/admin/audit?limit=500", Bearer(admin));
  CHECK(audit_before->body.find("3673011505900009") != std::string::npos);

  o.Clock("2027-03-02T10:00:00+07:00");  // past the 90 days of retention
  admin = Login(*o.cli, "admin", "admin-demo");
  auto delivered = o.cli->Get("/api/v1/sites/serang/deliveries?status=delivered", Bearer(admin));
  REQUIRE(delivered->status == 200);
  CHECK(JsonField(delivered->body, "status") == "delivered");
  CHECK(delivered->body.find("Siti Aminah") == std::string::npos);
  auto audit_after = o.cli->Get("/api/v1/admin/audit?limit=500", Bearer(admin));
  CHECK(audit_after->body.find("ticket.cancel") != std::string::npos);  // who cancelled stays
  CHECK(audit_after->body.find("3673011505900009") == std::string::npos);
  CHECK(audit_after->body.find("Bu Ani") == std::string::npos);

  // Nor may the database or its WAL keep older copies of the rows. (On PostgreSQL the erasure
  // ends with a VACUUM that frees the old row versions for reuse; docs/operations.md says what
  // that does and does not promise.)
  if (TestingOnPostgres()) return;
  std::string files = ReadAll(o.dir.File("sec.db")) + ReadAll(o.dir.File("sec.db-wal"));
  REQUIRE(files.size() > 4096);
  for (const char* trace : {"Siti Aminah", "Bu Ratna", "3673011505900009", "Bu Ani", "Pak Joko", "Dewi Lestari",
                            "Jl. Mawar Merah", "3673015505900001"}) {
    CAPTURE(trace);
    CHECK(files.find(trace) == std::string::npos);
  }
}

// ---------------------------------------------------------------- booking look-ups

namespace {

// Books a cetak slot for NIK 3673015505900001; returns the booking code.
std::string BookOne(Office& o) {
  auto made = o.cli->Post("/api/v1/sites/serang/bookings",
                          WithPow(*o.cli, R"({"nik":"3673015505900001","name":"Siti Aminah","phone":"081211112222",)"
                          R"("service":"cetak","slot_start":"2026-11-30T09:00:00+07:00"})"),
                          "application/json");
  REQUIRE(made);
  REQUIRE(made->status == 201);
  return JsonField(made->body, "code");
}

httplib::Result LookUp(Office& o, const std::string& address, const std::string& code, const std::string& nik) {
  return o.cli->Get(("/api/v1/bookings/" + code + "?nik=" + nik).c_str(), {{"X-Forwarded-For", address}});
}

}  // namespace

TEST_CASE("Security: 10 wrong NIKs lock a booking code's look-up, cancel and reschedule for an hour") {
  Office o;
  std::string code = BookOne(o);
  const std::string right = "3673015505900001";
  // Ten guesses from ten addresses (as a botnet would): each a plain 404.
  for (int i = 0; i < 10; ++i) {
    auto res = LookUp(o, "10.0.0." + std::to_string(i + 1), code, "36730155059000" + std::to_string(10 + i));
    REQUIRE(res);
    CHECK(res->status == 404);
  }
  // Now even the right NIK, from a fresh address, is refused, and so are cancel and reschedule.
  auto locked = LookUp(o, "10.0.1.1", code, right);
  CHECK(locked->status == 429);
  CHECK(JsonField(locked->body, "code") == "rate_limited");
  CHECK(std::atoi(locked->get_header_value("Retry-After").c_str()) > 3000);
  auto cancel = o.cli->Post(("/api/v1/bookings/" + code + "/cancel").c_str(), {{"X-Forwarded-For", "10.0.1.2"}},
                            R"({"nik":"3673015505900001"})", "application/json");
  CHECK(cancel->status == 429);
  auto moved = o.cli->Post(("/api/v1/bookings/" + code + "/reschedule").c_str(), {{"X-Forwarded-For", "10.0.1.3"}},
                           R"({"nik":"3673015505900001","slot_start":"2026-11-30T10:00:00+07:00"})",
                           "application/json");
  CHECK(moved->status == 429);
  // An hour later the code answers its owner again.
  o.Clock("2026-11-30T08:01:00+07:00");
  auto found = LookUp(o, "10.0.1.4", code, right);
  CHECK(found->status == 200);
  CHECK(JsonField(found->body, "code") == code);
}

TEST_CASE("Security: wrong booking look-ups from one address across codes lock that address") {
  Office o;
  std::string code = BookOne(o);
  const std::string right = "3673015505900001";
  const std::string alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  // 30 guesses at 30 different codes, each once: no code is locked, the address is.
  for (int i = 0; i < 30; ++i) {
    std::string guess = "XYZ2345" + std::string(1, alphabet[i]);
    if (guess == code) guess[0] = 'W';
    auto res = LookUp(o, "203.0.113.7", guess, right);
    REQUIRE(res);
    CHECK(res->status == 404);
  }
  auto locked = LookUp(o, "203.0.113.7", code, right);
  CHECK(locked->status == 429);
  CHECK(!locked->get_header_value("Retry-After").empty());
  // Another resident behind another address is not affected.
  CHECK(LookUp(o, "198.51.100.9", code, right)->status == 200);
}

TEST_CASE("Security: the public ticket JSON does not carry the booking code") {
  Office o;
  std::string code = BookOne(o);
  o.Clock("2026-11-30T08:45:00+07:00");
  auto in = o.Post("/api/v1/sites/serang/bookings/" + code + "/check-in", "demo-kiosk-token", "");
  REQUIRE(in->status == 201);
  auto pub = o.cli->Get(("/api/v1/tickets/" + JsonField(in->body, "id")).c_str());
  REQUIRE(pub->status == 200);
  CAPTURE(pub->body);
  CHECK(pub->body.find(code) == std::string::npos);
  CHECK(pub->body.find("\"booking\":true") != std::string::npos);
  // The officer calling it still sees which booking it is.
  std::string officer = Login(*o.cli, "petugas3", "petugas-demo");
  auto called = o.Post("/api/v1/sites/serang/counters/3/next", officer, "{}");
  REQUIRE(called->status == 200);
  CHECK(JsonField(called->body, "booking") == code);
}

// ---------------------------------------------------------------- counters and sites

TEST_CASE("Security: a counter opened by an officer is theirs until they close it, log out or are released") {
  Office o;
  std::string one = Login(*o.cli, "petugas1", "petugas-demo");
  std::string three = Login(*o.cli, "petugas3", "petugas-demo");
  std::string boss = Login(*o.cli, "supervisor", "supervisor-demo");
  std::string admin = Login(*o.cli, "admin", "admin-demo");
  const std::string loket4 = "/api/v1/sites/serang/counters/4/";
  o.Post("/api/v1/sites/serang/tickets", "demo-kiosk-token", R"({"service":"kk"})");
  o.Post("/api/v1/sites/serang/tickets", "demo-kiosk-token", R"({"service":"kk"})");

  REQUIRE(o.Post(loket4 + "open", three, "")->status == 200);
  CHECK(o.Post(loket4 + "open", three, "")->status == 200);  // opening one's own again is fine
  REQUIRE(o.Post(loket4 + "next", three, "{}")->status == 200);
  // Another officer may neither open it nor act on it, nor close it.
  auto taken = o.Post(loket4 + "open", one, "");
  CHECK(taken->status == 409);
  CHECK(JsonField(taken->body, "code") == "conflict");
  auto theirs = o.Post(loket4 + "no-show", one, "{}");
  CHECK(theirs->status == 403);
  CHECK(JsonField(theirs->body, "code") == "not_your_counter");
  CHECK(JsonField(theirs->body, "message").find("petugas3") != std::string::npos);
  CHECK(o.Post(loket4 + "recall", one, "{}")->status == 403);
  CHECK(o.Post(loket4 + "close", one, "")->status == 403);
  // A supervisor may act on it, and so may an admin.
  CHECK(o.Post(loket4 + "recall", boss, "{}")->status == 200);
  CHECK(o.Post(loket4 + "recall", admin, "{}")->status == 200);
  // Only supervisors release another's counter, and the release is audited.
  CHECK(o.Post(loket4 + "release", one, "")->status == 403);
  REQUIRE(o.Post(loket4 + "release", boss, "")->status == 200);
  bool audited = false;
  for (const auto& e : o.Audit(admin, "supervisor")) {
    audited = audited || (e[0] == "counter.release" && e[1] == "serang/4" && e[2].find("petugas3") != std::string::npos);
  }
  CHECK(audited);
  REQUIRE(o.Post(loket4 + "open", one, "")->status == 200);
  CHECK(o.Post(loket4 + "next", three, "{}")->status == 403);
  // Closing frees it; logging out frees every counter of the officer.
  REQUIRE(o.Post(loket4 + "close", one, "")->status == 200);
  REQUIRE(o.Post(loket4 + "open", three, "")->status == 200);
  CHECK(o.Post(loket4 + "open", one, "")->status == 409);
  REQUIRE(o.Post("/api/v1/auth/logout", three, "")->status == 200);
  CHECK(o.Post(loket4 + "open", one, "")->status == 200);
  CHECK(o.Post(loket4 + "next", one, "{}")->status == 200);
  // A session that ended without a logout (a closed browser) does not hold the counter.
  o.Clock("2026-11-30T19:30:00+07:00");  // past the 12 hours of petugas1's session
  std::string next_shift = Login(*o.cli, "petugas3", "petugas-demo");
  CHECK(o.Post(loket4 + "open", next_shift, "")->status == 200);
}

TEST_CASE("Security: staff work only at their sites; admins and accounts without a list everywhere") {
  Office o(/*two_sites=*/true);
  std::string six = Login(*o.cli, "petugas6", "petugas-demo");
  std::string one = Login(*o.cli, "petugas1", "petugas-demo");
  std::string admin = Login(*o.cli, "admin", "admin-demo");
  auto other = o.cli->Get("/api/v1/sites/serang/queue", Bearer(six));
  CHECK(other->status == 403);
  CHECK(JsonField(other->body, "code") == "forbidden");
  CHECK(o.Post("/api/v1/sites/serang/counters/6/next", six, "{}")->status == 403);
  CHECK(o.Post("/api/v1/sites/serang/counters/6/open", six, "")->status == 403);
  CHECK(o.cli->Get("/api/v1/sites/pandeglang/queue", Bearer(six))->status == 200);
  CHECK(o.cli->Get("/api/v1/sites/serang/queue", Bearer(one))->status == 200);  // no list: every site
  CHECK(o.cli->Get("/api/v1/sites/pandeglang/queue", Bearer(one))->status == 200);

  // An admin gives accounts their sites; the list shows them.
  auto made = o.Post("/api/v1/admin/users", admin,
                     R"({"username":"kasi","role":"supervisor","password":"kasi-pass-123","sites":["pandeglang"]})");
  REQUIRE(made->status == 201);
  CHECK(made->body.find(R"("sites":["pandeglang"])") != std::string::npos);
  CHECK(o.Post("/api/v1/admin/users", admin,
               R"({"username":"kasi2","role":"supervisor","password":"kasi-pass-123","sites":["nowhere"]})")
            ->status == 400);
  std::string kasi = Login(*o.cli, "kasi", "kasi-pass-123");
  CHECK(o.cli->Get("/api/v1/sites/serang/devices", Bearer(kasi))->status == 403);
  CHECK(o.cli->Get("/api/v1/sites/pandeglang/devices", Bearer(kasi))->status == 200);
  REQUIRE(o.Post("/api/v1/admin/users/petugas1", admin, R"({"sites":["serang"]})")->status == 200);
  CHECK(o.cli->Get("/api/v1/sites/pandeglang/queue", Bearer(one))->status == 403);
  CHECK(o.cli->Get("/api/v1/sites/serang/queue", Bearer(one))->status == 200);
  auto users = o.cli->Get("/api/v1/admin/users", Bearer(admin));
  CHECK(users->body.find(R"("username":"petugas1","role":"officer","disabled":false,"sites":["serang"])") !=
        std::string::npos);
  REQUIRE(o.Post("/api/v1/admin/users/petugas1", admin, R"({"sites":[]})")->status == 200);
  CHECK(o.cli->Get("/api/v1/sites/pandeglang/queue", Bearer(one))->status == 200);
}
