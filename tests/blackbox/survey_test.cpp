// Black-box: the public satisfaction survey (SKM) from a served ticket to the index (IKM),
// its refusals, its CSV exports and what stays private.
#include <doctest/doctest.h>

#include <thread>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

const char* const kJson = "application/json";

std::string Answers(const int (&u)[9], const std::string& extra = "") {
  std::string body = "{";
  for (int i = 0; i < 9; ++i)
    body += "\"u" + std::to_string(i + 1) + "\":" + std::to_string(u[i]) + ",";
  body += extra.empty() ? "\"comment\":null" : extra;
  return body + "}";
}

std::string SurveyPath(const std::string& ticket) {
  return "/api/v1/tickets/" + ticket + "/survey";
}

}  // namespace

TEST_CASE(
    "Survey: a served ticket's answers reach the IKM; unserved, unknown and repeated ones do not") {
  TempDir dir;
  ServerProcess server(dir.File("s.db"), {"--demo", "--test-clock"});
  auto cli = server.Client();
  REQUIRE(
      cli->Post("/api/v1/test/clock", "{\"now\":\"2026-11-30T08:00:00+07:00\"}", kJson)->status ==
      200);
  auto issue = [&](const char* service) {
    auto res = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"),
                         std::string("{\"service\":\"") + service + "\"}", kJson);
    return res ? JsonField(res->body, "id") : "";
  };
  std::string officer = Login(*cli, "petugas1", "petugas-demo");
  std::string boss = Login(*cli, "supervisor", "supervisor-demo");
  std::string a1 = issue("rekam"), a2 = issue("rekam"), k1 = issue("kk");
  auto act = [&](const char* counter, const char* action) {
    return cli
        ->Post((std::string("/api/v1/sites/serang/counters/") + counter + "/" + action).c_str(),
               Bearer(officer), "{}", kJson)
        ->status;
  };
  REQUIRE(act("1", "next") == 200);    // A001 called
  REQUIRE(act("1", "next") == 200);    // A001 done, A002 called
  REQUIRE(act("4", "next") == 200);    // C001 called
  REQUIRE(act("4", "finish") == 200);  // C001 done

  const int good[9] = {4, 3, 4, 4, 3, 4, 4, 3, 4};  // 33: 33 x 2.775 = 91.575 -> 91.58
  CHECK(cli->Get(SurveyPath(a2).c_str())->body == "{\"state\":\"not_served\"}");
  auto early = cli->Post(SurveyPath(a2).c_str(), Answers(good), kJson);
  CHECK(early->status == 409);
  CHECK(JsonField(early->body, "code") == "conflict");
  CHECK(cli->Post(SurveyPath("no-such-ticket").c_str(), Answers(good), kJson)->status == 404);

  // Bad bodies are refused and store nothing.
  const int five[9] = {5, 3, 4, 4, 3, 4, 4, 3, 4};
  const int zero[9] = {4, 3, 4, 4, 3, 4, 4, 3, 0};
  const std::string bad[] = {
      Answers(five),
      Answers(zero),
      Answers(good, "\"comment\":\"" + std::string(501, 'x') + "\""),
      Answers(good, "\"comment\":42"),
      "{\"u1\":4,\"u2\":4,\"u3\":4,\"u4\":4,\"u5\":4,\"u6\":4,\"u7\":4,\"u8\":4}",  // no u9
      "{\"u1\":\"4\",\"u2\":4,\"u3\":4,\"u4\":4,\"u5\":4,\"u6\":4,\"u7\":4,\"u8\":4,\"u9\":4}",
      "{\"u1\":3.5,\"u2\":4,\"u3\":4,\"u4\":4,\"u5\":4,\"u6\":4,\"u7\":4,\"u8\":4,\"u9\":4}",
      "[4,4,4]",
      "not json",
  };
  for (const auto& body : bad) {
    CAPTURE(body.substr(0, 60));
    auto res = cli->Post(SurveyPath(a1).c_str(), body, kJson);
    CHECK(res->status == 400);
    CHECK(JsonField(res->body, "code") == "invalid_input");
  }
  CHECK(cli->Get(SurveyPath(a1).c_str())->body == "{\"state\":\"open\"}");

  StreamCollector stream(server.port(), "serang");
  REQUIRE(stream.Status(5000) == 200);  // subscribed: no event is missed
  auto first = cli->Post(SurveyPath(a1).c_str(),
                         Answers(good, "\"comment\":\"Petugas ramah, antre cepat\""), kJson);
  CHECK(first->status == 201);
  auto again = cli->Post(SurveyPath(a1).c_str(), Answers(good), kJson);
  CHECK(again->status == 409);
  CHECK(JsonField(again->body, "code") == "already_answered");
  CHECK(cli->Get(SurveyPath(a1).c_str())->body == "{\"state\":\"answered\"}");
  const int twos[9] = {2, 2, 2, 2, 2, 2, 2, 2, 2};  // 18 x 2.775 = 49.95
  CHECK(cli->Post(SurveyPath(k1).c_str(), Answers(twos), kJson)->status == 201);

  // The event says a survey came in for a service, nothing about whose or what.
  REQUIRE(stream.WaitFor([](const auto& i) { return i.size() >= 2; }, 3000));
  for (const auto& item : stream.Items()) {
    CHECK(item.type == "survey.answered");
    CHECK(item.data.find(a1) == std::string::npos);
    CHECK(item.data.find("ramah") == std::string::npos);
    CHECK(item.data.find("\"u1\"") == std::string::npos);
  }
  CHECK(stream.Items()[0].data.find("\"service\":\"rekam\"") != std::string::npos);

  // Both services and the whole office: 51 over 2 respondents = 70.7625 -> 70.76, C.
  const std::string day = "/api/v1/sites/serang/ikm?from=2026-11-30&to=2026-11-30";
  auto ikm = cli->Get(day.c_str(), Bearer(boss));
  REQUIRE(ikm->status == 200);
  const std::string& b = ikm->body;
  CHECK(b.find("\"overall\":{\"respondents\":2,\"means\":[3,2.5,3,3,2.5,3,3,2.5,3],\"ikm\":70.76,"
               "\"grade\":\"C\"") != std::string::npos);
  CHECK(
      b.find(
          "\"service\":\"rekam\",\"name\":{\"id\":\"Perekaman e-KTP\",\"en\":\"e-KTP Recording\"},"
          "\"respondents\":1,\"means\":[4,3,4,4,3,4,4,3,4],\"ikm\":91.58,\"grade\":\"A\"") !=
      std::string::npos);
  CHECK(b.find("\"service\":\"kk\",\"name\":{\"id\":\"Kartu Keluarga\",\"en\":\"Family Card "
               "(KK)\"},\"respondents\":1,"
               "\"means\":[2,2,2,2,2,2,2,2,2],\"ikm\":49.95,\"grade\":\"D\"") != std::string::npos);
  CHECK(
      b.find(
          "\"service\":\"cetak\",\"name\":{\"id\":\"Pencetakan e-KTP\",\"en\":\"e-KTP Printing\"},"
          "\"respondents\":0,\"means\":null,\"ikm\":null") != std::string::npos);
  CHECK(b.find("{\"code\":\"U3\",\"name\":{\"id\":\"Waktu penyelesaian\"") != std::string::npos);
  CHECK(b.find("\"comments\":[{\"day\":\"2026-11-30\",\"service\":\"rekam\",\"text\":\"Petugas "
               "ramah, antre cepat\"}]") != std::string::npos);
  CHECK(b.find(a1) == std::string::npos);

  auto kk = cli->Get((day + "&service=kk").c_str(), Bearer(boss));
  CHECK(kk->body.find("\"overall\":{\"respondents\":1,") != std::string::npos);
  CHECK(kk->body.find("\"service\":\"rekam\"") == std::string::npos);
  auto before = cli->Get("/api/v1/sites/serang/ikm?from=2026-11-01&to=2026-11-29", Bearer(boss));
  CHECK(before->body.find(
            "\"overall\":{\"respondents\":0,\"means\":null,\"ikm\":null,\"grade\":null") !=
        std::string::npos);

  // Refusals of the index itself.
  CHECK(cli->Get(day.c_str(), Bearer(officer))->status == 403);
  CHECK(cli->Get(day.c_str())->status == 401);
  CHECK(cli->Get((day + "&service=paspor").c_str(), Bearer(boss))->status == 404);
  CHECK(cli->Get("/api/v1/sites/serang/ikm?from=2026-12-01&to=2026-11-30", Bearer(boss))->status ==
        400);
  CHECK(cli->Get("/api/v1/sites/serang/ikm?from=2026-11-31", Bearer(boss))->status == 400);
  CHECK(cli->Get((day + "&format=pdf").c_str(), Bearer(boss))->status == 400);
  CHECK(cli->Get("/api/v1/sites/jakarta/ikm", Bearer(boss))->status == 404);

  // CSV for publication: a row per service plus the office; per response without the ticket.
  auto csv = cli->Get((day + "&format=csv").c_str(), Bearer(boss));
  REQUIRE(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
  CHECK(csv->body.find(
            "from,to,service,service_name,respondents,u1,u2,u3,u4,u5,u6,u7,u8,u9,ikm,grade\r\n") ==
        0);
  CHECK(csv->body.find("2026-11-30,2026-11-30,rekam,Perekaman "
                       "e-KTP,1,4.00,3.00,4.00,4.00,3.00,4.00,4.00,3.00,4.00,"
                       "91.58,A\r\n") != std::string::npos);
  CHECK(csv->body.find(",cetak,Pencetakan e-KTP,0,,,,,,,,,,,\r\n") != std::string::npos);
  CHECK(csv->body.find(
            ",all,Semua layanan,2,3.00,2.50,3.00,3.00,2.50,3.00,3.00,2.50,3.00,70.76,C\r\n") !=
        std::string::npos);
  auto rows = cli->Get((day + "&format=csv&rows=responses").c_str(), Bearer(boss));
  CHECK(rows->body ==
        "day,service,source,u1,u2,u3,u4,u5,u6,u7,u8,u9\r\n"
        "2026-11-30,kk,web,2,2,2,2,2,2,2,2,2\r\n"
        "2026-11-30,rekam,web,4,3,4,4,3,4,4,3,4\r\n");

  // A 201 means on disk: after kill -9 the answers are still counted.
  server.Kill9();
  ServerProcess again_server(dir.File("s.db"), {"--demo", "--test-clock"});
  auto cli2 = again_server.Client();
  std::string boss2 = Login(*cli2, "supervisor", "supervisor-demo");
  CHECK(cli2->Get(day.c_str(), Bearer(boss2))->body.find("\"ikm\":70.76") != std::string::npos);
  CHECK(cli2->Post(SurveyPath(a1).c_str(), Answers(good), kJson)->status == 409);
}

TEST_CASE("Survey: a kiosk answers by today's ticket number, once per ticket whatever the source") {
  TempDir dir;
  ServerProcess server(dir.File("k.db"), {"--demo", "--test-clock"});
  auto cli = server.Client();
  auto clock = [&](const char* iso) {
    REQUIRE(
        cli->Post("/api/v1/test/clock", std::string("{\"now\":\"") + iso + "\"}", kJson)->status ==
        200);
  };
  clock("2026-11-30T08:00:00+07:00");
  auto kiosk = Bearer("demo-kiosk-token");
  std::string a1 = JsonField(
      cli->Post("/api/v1/sites/serang/tickets", kiosk, "{\"service\":\"rekam\"}", kJson)->body,
      "id");
  cli->Post("/api/v1/sites/serang/tickets", kiosk, "{\"service\":\"rekam\"}",
            kJson);  // A002 keeps waiting
  std::string officer = Login(*cli, "petugas1", "petugas-demo");
  REQUIRE(cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(officer), "{}", kJson)->status ==
          200);
  REQUIRE(
      cli->Post("/api/v1/sites/serang/counters/1/finish", Bearer(officer), "{}", kJson)->status ==
      200);

  auto state = [&](const char* number) {
    return cli->Get((std::string("/api/v1/sites/serang/surveys/") + number).c_str(), kiosk);
  };
  CHECK(state("A001")->body == "{\"number\":\"A001\",\"state\":\"open\"}");
  CHECK(state("A002")->body == "{\"number\":\"A002\",\"state\":\"not_served\"}");
  CHECK(state("A099")->status == 404);
  CHECK(cli->Get("/api/v1/sites/serang/surveys/A001", Bearer(officer))->status == 403);

  const int threes[9] = {3, 3, 3, 3, 3, 3, 3, 3, 3};  // 27 x 2.775 = 74.925 -> 74.93
  auto post = [&](const char* number) {
    std::string body = Answers(threes);
    body.insert(1, std::string("\"number\":\"") + number + "\",");
    return cli->Post("/api/v1/sites/serang/surveys", kiosk, body, kJson);
  };
  CHECK(post("A002")->status == 409);
  CHECK(post("A404")->status == 404);
  auto sent = post("A001");
  CHECK(sent->status == 201);
  CHECK(sent->body == "{\"number\":\"A001\",\"state\":\"answered\"}");
  CHECK(JsonField(post("A001")->body, "code") == "already_answered");
  CHECK(JsonField(cli->Post(SurveyPath(a1).c_str(), Answers(threes), kJson)->body, "code") ==
        "already_answered");
  CHECK(cli->Post("/api/v1/sites/serang/surveys", kiosk, "{\"u1\":3}", kJson)->status ==
        400);  // no number

  std::string boss = Login(*cli, "supervisor", "supervisor-demo");
  const std::string day = "/api/v1/sites/serang/ikm?from=2026-11-30&to=2026-11-30";
  CHECK(cli->Get(day.c_str(), Bearer(boss))
            ->body.find("\"overall\":{\"respondents\":1,\"means\":[3,3,3,3,3,3,3,3,3],"
                        "\"ikm\":74.93,\"grade\":\"C\"") != std::string::npos);
  CHECK(cli->Get((day + "&format=csv&rows=responses").c_str(), Bearer(boss))
            ->body.find("2026-11-30,rekam,kiosk,3,") != std::string::npos);

  // Numbers start again every day: yesterday's A001 is not today's.
  clock("2026-12-01T08:00:00+07:00");
  CHECK(state("A001")->status == 404);
}
