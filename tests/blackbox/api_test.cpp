// Black-box: the real antre-server process, real HTTP.
#include <doctest/doctest.h>

#include <fstream>
#include <set>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

const char* kTicketBody = "{\"service\":\"rekam\"}";

httplib::Headers Kiosk(const std::string& key = "") { return Bearer("demo-kiosk-token", key); }

}  // namespace

TEST_CASE("Api: health and the demo office's services") {
  TempDir dir;
  ServerProcess server(dir.File("a.db"));
  auto cli = server.Client();
  auto health = cli->Get("/api/v1/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(JsonField(health->body, "status") == "ok");
  auto services = cli->Get("/api/v1/sites/serang/services");
  REQUIRE(services);
  CHECK(services->status == 200);
  for (const char* s : {"\"id\":\"rekam\",\"prefix\":\"A\"", "\"id\":\"cetak\",\"prefix\":\"B\"", "\"id\":\"kk\",\"prefix\":\"C\"",
                        "\"id\":\"akta\",\"prefix\":\"D\"", "\"id\":\"ikd\",\"prefix\":\"E\"", "\"id\":\"info\",\"prefix\":\"F\""}) {
    CHECK(services->body.find(s) != std::string::npos);
  }
  CHECK(services->body.find("\"Perekaman e-KTP\"") != std::string::npos);
}

TEST_CASE("Api: issuing tickets, numbering, unguessable ids and idempotency") {
  TempDir dir;
  ServerProcess server(dir.File("a.db"));
  auto cli = server.Client();
  auto first = cli->Post("/api/v1/sites/serang/tickets", Kiosk(), kTicketBody, "application/json");
  REQUIRE(first);
  CHECK(first->status == 201);
  CHECK(JsonField(first->body, "number") == "A001");
  CHECK(JsonField(first->body, "status") == "waiting");
  CHECK(JsonField(first->body, "position") == "1");
  std::string id = JsonField(first->body, "id");
  CHECK(id.size() == 24);

  auto keyed = cli->Post("/api/v1/sites/serang/tickets", Kiosk("tap-42"), "{\"service\":\"rekam\",\"priority\":\"lansia\"}",
                         "application/json");
  CHECK(keyed->status == 201);
  CHECK(JsonField(keyed->body, "number") == "A002");
  CHECK(JsonField(keyed->body, "priority") == "lansia");
  auto replay = cli->Post("/api/v1/sites/serang/tickets", Kiosk("tap-42"), "{\"service\":\"rekam\",\"priority\":\"lansia\"}",
                          "application/json");
  CHECK(replay->status == 200);
  CHECK(JsonField(replay->body, "id") == JsonField(keyed->body, "id"));
  auto third = cli->Post("/api/v1/sites/serang/tickets", Kiosk(), kTicketBody, "application/json");
  CHECK(JsonField(third->body, "number") == "A003");
  CHECK(JsonField(third->body, "id") != id);

  auto status = cli->Get(("/api/v1/tickets/" + id).c_str());
  REQUIRE(status);
  CHECK(status->status == 200);
  CHECK(JsonField(status->body, "number") == "A001");
  CHECK(JsonField(status->body, "position") == "2");  // the lansia ticket goes first
  CHECK(cli->Get("/api/v1/tickets/000000000000000000000000")->status == 404);
}

TEST_CASE("Api: every mutating route refuses a missing token (401) and a wrong role (403)") {
  TempDir dir;
  ServerProcess server(dir.File("a.db"));
  auto cli = server.Client();
  std::string officer = Login(*cli, "petugas1", "petugas-demo");
  REQUIRE_FALSE(officer.empty());
  struct Row {
    std::string path;
    std::string body;
  };
  const Row tickets{"/api/v1/sites/serang/tickets", kTicketBody};
  const Row next{"/api/v1/sites/serang/counters/1/next", "{}"};
  for (const Row& r : {tickets, next, Row{"/api/v1/auth/logout", ""}}) {
    CAPTURE(r.path);
    auto res = cli->Post(r.path.c_str(), r.body, "application/json");
    CHECK(res->status == 401);
    CHECK(JsonField(res->body, "code") == "unauthorized");
    CHECK(cli->Post(r.path.c_str(), Bearer("not-a-token"), r.body, "application/json")->status == 401);
  }
  auto officer_issues = cli->Post(tickets.path.c_str(), Bearer(officer), tickets.body, "application/json");
  CHECK(officer_issues->status == 403);
  CHECK(JsonField(officer_issues->body, "code") == "forbidden");
  CHECK(cli->Post(next.path.c_str(), Kiosk(), next.body, "application/json")->status == 403);
  CHECK(cli->Post("/api/v1/auth/logout", Kiosk(), "", "application/json")->status == 403);

  auto bad_login = cli->Post("/api/v1/auth/login", "{\"username\":\"petugas1\",\"password\":\"salah\"}", "application/json");
  CHECK(bad_login->status == 401);
  CHECK(cli->Post("/api/v1/auth/login", "{\"username\":\"nobody\",\"password\":\"x\"}", "application/json")->status == 401);

  CHECK(cli->Post("/api/v1/auth/logout", Bearer(officer), "", "application/json")->status == 200);
  CHECK(cli->Post(next.path.c_str(), Bearer(officer), "{}", "application/json")->status == 401);
}

TEST_CASE("Api: bad input gets a 4xx with a JSON error and changes nothing") {
  TempDir dir;
  ServerProcess server(dir.File("a.db"));
  auto cli = server.Client();
  struct Row {
    std::string path, body;
    int status;
    std::string code;
  };
  const Row rows[] = {
      {"/api/v1/sites/serang/tickets", "{\"service\":", 400, "invalid_input"},
      {"/api/v1/sites/serang/tickets", "[1,2]", 400, "invalid_input"},
      {"/api/v1/sites/serang/tickets", "{}", 400, "invalid_input"},
      {"/api/v1/sites/serang/tickets", "{\"service\":7}", 400, "invalid_input"},
      {"/api/v1/sites/serang/tickets", "{\"service\":\"rekam\",\"priority\":\"vip\"}", 400, "invalid_input"},
      {"/api/v1/sites/serang/tickets", "{\"service\":\"paspor\"}", 404, "not_found"},
      {"/api/v1/sites/jakarta/tickets", kTicketBody, 403, "forbidden"},
      {"/api/v1/sites/serang/tickets", "{\"service\":\"" + std::string(70000, 'x') + "\"}", 413, "too_large"},
  };
  // The first request resolves the kiosk's token on a handler thread; later ones, with the
  // token resolved lately, are taken on the io thread (a ticket's fast path): the same answers.
  for (int round = 0; round < 2; ++round) {
    for (const Row& r : rows) {
      CAPTURE(round);
      CAPTURE(r.body.substr(0, 60));
      auto res = cli->Post(r.path.c_str(), Kiosk(), r.body, "application/json");
      REQUIRE(res);
      CHECK(res->status == r.status);
      CHECK(JsonField(res->body, "code") == r.code);
      CHECK(res->get_header_value("Content-Type").find("application/json") == 0);
    }
  }
  // Errors of either path are in the resident's language, the English words kept as detail.
  auto english = cli->Post("/api/v1/sites/serang/tickets", {{"Authorization", "Bearer demo-kiosk-token"}, {"Accept-Language", "en"}},
                           "{\"service\":\"rekam\",\"priority\":\"vip\"}", "application/json");
  auto indonesian = cli->Post("/api/v1/sites/serang/tickets", {{"Authorization", "Bearer demo-kiosk-token"}, {"Accept-Language", "id"}},
                              "{\"service\":\"rekam\",\"priority\":\"vip\"}", "application/json");
  REQUIRE(english);
  REQUIRE(indonesian);
  CHECK(english->get_header_value("Content-Language") == "en");
  CHECK(indonesian->get_header_value("Content-Language") == "id");
  CHECK(JsonField(indonesian->body, "message") != JsonField(english->body, "message"));
  CHECK(JsonField(indonesian->body, "detail") == JsonField(english->body, "message"));
  std::string officer = Login(*cli, "petugas1", "petugas-demo");
  CHECK(cli->Post("/api/v1/sites/serang/counters/99/next", Bearer(officer), "{}", "application/json")->status == 404);
  CHECK(cli->Post("/api/v1/sites/serang/counters/1/dance", Bearer(officer), "{}", "application/json")->status == 404);
  CHECK(cli->Post("/api/v1/sites/serang/counters/1/transfer", Bearer(officer), "{}", "application/json")->status == 400);
  CHECK(cli->Get("/api/v1/sites/jakarta/board")->status == 404);
  auto unknown = cli->Get("/api/v1/nothing-here");
  CHECK(unknown->status == 404);
  CHECK(JsonField(unknown->body, "code") == "not_found");
  // Nothing above took a number.
  auto ok = cli->Post("/api/v1/sites/serang/tickets", Kiosk(), kTicketBody, "application/json");
  CHECK(JsonField(ok->body, "number") == "A001");
}

TEST_CASE("Api: a counter works through every action over HTTP") {
  TempDir dir;
  ServerProcess server(dir.File("a.db"));
  auto cli = server.Client();
  std::string token = Login(*cli, "petugas6", "petugas-demo");
  auto act = [&](const std::string& action, const std::string& body = "{}") {
    return cli->Post(("/api/v1/sites/serang/counters/6/" + action).c_str(), Bearer(token), body, "application/json");
  };
  CHECK(act("next")->status == 204);
  for (int i = 0; i < 3; ++i) cli->Post("/api/v1/sites/serang/tickets", Kiosk(), kTicketBody, "application/json");
  auto called = act("next");
  CHECK(called->status == 200);
  CHECK(JsonField(called->body, "number") == "A001");
  CHECK(JsonField(called->body, "counter_name") == "Loket 6");
  CHECK(JsonField(act("recall")->body, "number") == "A001");
  CHECK(JsonField(act("no-show")->body, "status") == "no_show");
  CHECK(act("finish")->status == 409);
  CHECK(JsonField(act("call", "{\"number\":\"A003\"}")->body, "number") == "A003");
  auto moved = act("transfer", "{\"service\":\"kk\"}");
  CHECK(JsonField(moved->body, "service") == "kk");
  CHECK(JsonField(moved->body, "status") == "waiting");
  CHECK(JsonField(act("next")->body, "number") == "A002");
  CHECK(JsonField(act("finish")->body, "status") == "done");
  CHECK(JsonField(act("pause")->body, "state") == "paused");
  CHECK(act("next")->status == 409);
  CHECK(JsonField(act("resume")->body, "state") == "idle");
  CHECK(JsonField(act("next")->body, "number") == "A003");  // transferred to kk, Loket 6 serves kk too

  auto counters = cli->Get("/api/v1/sites/serang/counters", Bearer(token));
  CHECK(counters->body.find("\"officer\":\"petugas6\"") != std::string::npos);
  auto public_counters = cli->Get("/api/v1/sites/serang/counters");
  CHECK(public_counters->body.find("petugas6") == std::string::npos);
  auto board = cli->Get("/api/v1/sites/serang/board");
  CHECK(board->body.find("\"recent_calls\":[{") != std::string::npos);
  CHECK(board->body.find("petugas") == std::string::npos);
}

TEST_CASE("Api: counter actions honour Idempotency-Key, so a double click calls once") {
  TempDir dir;
  ServerProcess server(dir.File("a.db"));
  auto cli = server.Client();
  std::string token = Login(*cli, "petugas1", "petugas-demo");
  for (int i = 0; i < 2; ++i) cli->Post("/api/v1/sites/serang/tickets", Kiosk(), kTicketBody, "application/json");
  auto a = cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(token, "press-1"), "{}", "application/json");
  auto b = cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(token, "press-1"), "{}", "application/json");
  CHECK(JsonField(a->body, "number") == "A001");
  CHECK(JsonField(b->body, "number") == "A001");
  auto status = cli->Get(("/api/v1/tickets/" + JsonField(a->body, "id")).c_str());
  CHECK(JsonField(status->body, "status") == "called");
}

TEST_CASE("Api: start-up errors are clear messages, not crashes") {
  TempDir dir;
  std::string out;
  CHECK(RunServerCommand({"--db", dir.File("x.db")}, &out) == 2);
  CHECK(out.find("no config") != std::string::npos);
  out.clear();
  CHECK(RunServerCommand({"--config", dir.File("missing.json"), "--db", dir.File("x.db")}, &out) == 2);
  CHECK(out.find("cannot read") != std::string::npos);
  std::ofstream(dir.File("bad.json")) << "{\"sites\": [{\"id\": \"s\"}]}";
  out.clear();
  CHECK(RunServerCommand({"--config", dir.File("bad.json"), "--db", dir.File("x.db")}, &out) == 2);
  CHECK(out.find("sites[0]: missing field 'name'") != std::string::npos);
  out.clear();
  CHECK(RunServerCommand({"--demo", "--port", "http"}, &out) == 2);

  ServerProcess first(dir.File("a.db"));
  out.clear();
  CHECK(RunServerCommand({"--demo", "--db", dir.File("b.db"), "--bind", "127.0.0.1", "--port",
                          std::to_string(first.port())}, &out) == 1);
  CHECK(out.find("cannot listen") != std::string::npos);
}

TEST_CASE("Api: the log has one line per request and never a token or password") {
  TempDir dir;
  ServerProcess server(dir.File("a.db"));
  auto cli = server.Client();
  std::string token = Login(*cli, "petugas1", "petugas-demo");
  cli->Post("/api/v1/sites/serang/tickets", Kiosk(), kTicketBody, "application/json");
  cli->Get("/api/v1/health");
  server.Signal(15);
  std::string log = server.Log();
  CHECK(log.find("http POST /api/v1/auth/login 200") != std::string::npos);
  CHECK(log.find("http POST /api/v1/sites/serang/tickets 201") != std::string::npos);
  CHECK(log.find("http GET /api/v1/health 200") != std::string::npos);
  CHECK(log.find("event 1 ticket.issued") != std::string::npos);
  CHECK(log.find("petugas-demo") == std::string::npos);
  CHECK(log.find("demo-kiosk-token") == std::string::npos);
  CHECK(log.find(token) == std::string::npos);
}
