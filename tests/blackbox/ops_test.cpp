// Black-box: backup under load and restore, one server per database, check-config, health.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

std::string IssueOne(httplib::Client& cli) {
  auto res = cli.Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"kk\"}", "application/json");
  return res && res->status == 201 ? JsonField(res->body, "id") : "";
}

}  // namespace

TEST_CASE("Ops: a backup taken under load restores to a working server with every acknowledged ticket") {
  TempDir dir;
  std::string db = dir.File("live.db");
  if (TestingOnPostgres()) {  // PostgreSQL has its own backups; the commands say so
    std::string out;
    CHECK(RunServerCommand({"backup", dir.File("copy.db"), "--db", db}, &out) == 1);
    CHECK(out.find("pg_dump") != std::string::npos);
    return;
  }
  std::vector<std::string> before;
  {
    ServerProcess server(db);
    auto cli = server.Client();
    for (int i = 0; i < 40; ++i) before.push_back(IssueOne(*cli));
    std::atomic<bool> stop{false};
    std::vector<std::thread> load;
    for (int k = 0; k < 4; ++k) {
      load.emplace_back([&] {
        httplib::Client c("127.0.0.1", server.port());
        while (!stop) IssueOne(c);
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    std::string out;
    CHECK(RunServerCommand({"backup", dir.File("copy.db"), "--db", db}, &out) == 0);
    stop = true;
    for (auto& t : load) t.join();
    out.clear();
    CHECK(RunServerCommand({"restore", dir.File("copy.db"), "--db", db}, &out) == 1);  // server still running
    CHECK(out.find("stop the server") != std::string::npos);
    server.Signal(15);
  }
  std::string out;
  std::string restored = dir.File("restored.db");
  REQUIRE(RunServerCommand({"restore", dir.File("copy.db"), "--db", restored}, &out) == 0);
  ServerProcess server(restored);
  auto cli = server.Client();
  std::set<std::string> numbers;
  for (const std::string& id : before) {
    auto res = cli->Get(("/api/v1/tickets/" + id).c_str());
    REQUIRE(res);
    CHECK(res->status == 200);
    numbers.insert(JsonField(res->body, "number"));
  }
  CHECK(numbers.size() == before.size());
  auto next = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"kk\"}", "application/json");
  CHECK(next->status == 201);
  CHECK(numbers.count(JsonField(next->body, "number")) == 0);
  out.clear();
  std::ofstream(dir.File("junk.db")) << "not a database";
  CHECK(RunServerCommand({"restore", dir.File("junk.db"), "--db", dir.File("other.db")}, &out) == 1);
}

TEST_CASE("Ops: a second server on the same SQLite file is refused") {
  if (TestingOnPostgres()) {
    MESSAGE("on PostgreSQL several servers share a database: tests/blackbox/processes_test.cpp");
    return;
  }
  TempDir dir;
  ServerProcess first(dir.File("one.db"));
  std::string out;
  CHECK(RunServerCommand({"--demo", "--db", dir.File("one.db"), "--port", "0", "--bind", "127.0.0.1"}, &out) == 1);
  CHECK(out.find("another antre-server is using") != std::string::npos);
  CHECK(first.Client()->Get("/api/v1/health")->status == 200);
}

TEST_CASE("Ops: check-config names the line of the problem") {
  TempDir dir;
  std::string out;
  CHECK(RunServerCommand({"check-config", std::string(ANTRE_ASSETS_DIR) + "/demo-office.json"}, &out) == 0);
  CHECK(out.find("ok (3 site(s), 11 user(s), 3 kiosk(s), 3 display(s))") != std::string::npos);
  std::ofstream(dir.File("bad.json")) << "{\n  \"sites\": [{\n    \"id\": \"s\",\n    \"name\": \"Kantor\",\n"
                                         "    \"services\": [{\"id\": \"a\", \"prefix\": \"A\", \"name\": {\"id\": \"A\"}}],\n"
                                         "    \"counters\": [\n      {\"id\": \"1\", \"services\": [\"zz\"]}\n    ]\n  }]\n}\n";
  out.clear();
  CHECK(RunServerCommand({"check-config", dir.File("bad.json")}, &out) == 1);
  CHECK(out.find("bad.json:7: sites[0].counters[0]: unknown service 'zz'") != std::string::npos);
  // Every problem is listed, each with its own line, not just the first.
  std::ofstream(dir.File("many.json")) << "{\n  \"sites\": [{\n    \"id\": \"s\",\n    \"name\": \"Kantor\",\n"
                                          "    \"services\": [\n"
                                          "      {\"id\": \"a\", \"prefix\": \"a\", \"name\": {\"id\": \"A\"}},\n"
                                          "      {\"id\": \"b\", \"prefix\": \"B\", \"name\": {\"id\": \"B\"}}\n    ],\n"
                                          "    \"counters\": [\n      {\"id\": \"1\", \"services\": [\"b\", \"zz\"]}\n    ]\n  }],\n"
                                          "  \"kiosks\": [{\"id\": \"k1\", \"site\": \"s\", \"token\": \"short\"}],\n"
                                          "  \"displays\": [{\"id\": \"k1\", \"site\": \"s\", \"token\": \"long-enough-token\"}],\n"
                                          "  \"limits\": {\"max_streams\": 0}\n}\n";
  out.clear();
  CHECK(RunServerCommand({"check-config", dir.File("many.json")}, &out) == 1);
  CAPTURE(out);
  CHECK(out.find("many.json:6: sites[0].services[0]: prefix must be 1-3 capital letters") != std::string::npos);
  CHECK(out.find("many.json:10: sites[0].counters[0]: unknown service 'zz'") != std::string::npos);
  CHECK(out.find("many.json:13: kiosks[0]: token must be at least 12 characters") != std::string::npos);
  CHECK(out.find("many.json:14: displays[0]: duplicate device id 'k1'") != std::string::npos);
  CHECK(out.find("many.json:15: limits: max_streams must be 1-100000") != std::string::npos);
  CHECK(out.find("5 problem(s)") != std::string::npos);
  std::ofstream(dir.File("broken.json")) << "{\n  \"sites\": [\n    {\"id\": \"s\",,}\n  ]\n}\n";
  out.clear();
  CHECK(RunServerCommand({"check-config", dir.File("broken.json")}, &out) == 1);
  CHECK(out.find("broken.json:3: malformed JSON") != std::string::npos);
}

TEST_CASE("Ops: health reports the database, disk space and open streams") {
  TempDir dir;
  ServerProcess server(dir.File("h.db"));
  StreamCollector stream(server.port(), "serang");
  REQUIRE(stream.Status(5000) == 200);  // subscribed: no event is missed
  auto cli = server.Client();
  // The details are for staff (issue #15); the public sees only ok or degraded.
  auto health = cli->Get("/api/v1/health", Bearer(Login(*cli, "petugas1", "petugas-demo")));
  CHECK(JsonField(health->body, "database") == "ok");
  CHECK(JsonField(health->body, "engine") == (TestingOnPostgres() ? "postgresql" : "sqlite"));
  // The free disk of a SQLite file's folder; PostgreSQL's disk is watched on its own server.
  if (TestingOnPostgres()) {
    CHECK(health->body.find("disk_free_bytes") == std::string::npos);
  } else {
    CHECK(std::stoll(JsonField(health->body, "disk_free_bytes")) > 0);
  }
  CHECK(JsonField(health->body, "event_streams") == "1");
}
