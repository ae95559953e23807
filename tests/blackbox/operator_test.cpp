// Black-box: kelurahan operators booking on a resident's behalf (issue #18 part 2), against the
// real server with a settable clock.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

std::string Nik(int seq) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "367301150590%04d", seq % 10000);
  return buf;
}

const char* kNine = "2026-11-30T09:00:00+07:00";

// A body with no "phone" when `phone` is empty.
std::string Body(const std::string& nik, const std::string& phone = "") {
  return "{\"nik\":\"" + nik + "\",\"name\":\"Ibu Sarinah\"," + (phone.empty() ? "" : "\"phone\":\"" + phone + "\",") +
         "\"service\":\"rekam\",\"slot_start\":\"" + kNine + "\"}";
}

// The test office, with `find` replaced by `replace` in its text when given.
struct OperatorServer {
  TempDir dir;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<httplib::Client> cli;
  std::string op;

  explicit OperatorServer(const std::string& find = "", const std::string& replace = "") {
    std::ifstream in(std::string(ANTRE_TEST_OFFICE));
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    if (!find.empty()) {
      size_t at = text.find(find);
      REQUIRE(at != std::string::npos);
      text.replace(at, find.size(), replace);
    }
    std::ofstream(dir.File("c.json")) << text;
    server = std::make_unique<ServerProcess>(dir.File("o.db"),
                                             std::vector<std::string>{"--config", dir.File("c.json"), "--test-clock"});
    cli = server->Client();
    auto res = cli->Post("/api/v1/test/clock", "{\"now\":\"2026-11-30T07:00:00+07:00\"}", "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    op = Login(*cli, "operator1", "operator-demo");
    REQUIRE(!op.empty());
  }
  httplib::Result Book(const std::string& body, const std::string& token) {
    if (token.empty()) return cli->Post("/api/v1/sites/serang/bookings", WithPow(*cli, body), "application/json");
    return cli->Post("/api/v1/sites/serang/bookings", Bearer(token), body, "application/json");
  }
};

}  // namespace

TEST_CASE("Operator: books for a resident without a phone; who booked is audited, never public") {
  OperatorServer s;
  StreamCollector events(s.server->port(), "serang");
  REQUIRE(events.Status(5000) == 200);

  auto res = s.Book(Body(Nik(1)), s.op);
  REQUIRE(res);
  REQUIRE(res->status == 201);
  std::string code = JsonField(res->body, "code");
  CHECK(code.size() >= 8);
  CHECK(res->body.find("check_in") != std::string::npos);
  CHECK(res->body.find("documents") != std::string::npos);
  CHECK(res->body.find("operator") == std::string::npos);
  CHECK(res->body.find("channel") == std::string::npos);

  // The web still needs a phone: only operators may leave it out.
  auto web = s.Book(Body(Nik(2)), "");
  REQUIRE(web);
  CHECK(web->status == 400);

  auto look = s.cli->Get(("/api/v1/bookings/" + code + "?nik=" + Nik(1)).c_str());
  REQUIRE(look->status == 200);
  CHECK(look->body.find("operator") == std::string::npos);

  REQUIRE(events.WaitFor(
      [](const std::vector<StreamCollector::Item>& items) {
        for (const auto& i : items) {
          if (i.type == "booking.created") return true;
        }
        return false;
      },
      5000));
  for (const auto& i : events.Items()) CHECK(i.data.find("operator") == std::string::npos);

  std::string admin = Login(*s.cli, "admin", "admin-demo");
  auto audit = s.cli->Get("/api/v1/admin/audit?limit=500&user=operator1", Bearer(admin));
  REQUIRE(audit->status == 200);
  CHECK(audit->body.find("booking.create") != std::string::npos);
  CHECK(audit->body.find(code) != std::string::npos);
}

TEST_CASE("Operator: the per-operator daily limit replaces the per-phone and per-address ones") {
  OperatorServer s("\"per_address_per_day\": 0,", "\"per_address_per_day\": 1, \"per_operator_per_day\": 2,");
  // One phone, one address: the web's limits (3 per phone, 1 per address) do not apply.
  CHECK(s.Book(Body(Nik(11), "081234567890"), s.op)->status == 201);
  CHECK(s.Book(Body(Nik(12), "081234567890"), s.op)->status == 201);
  auto third = s.Book(Body(Nik(13)), s.op);
  REQUIRE(third);
  CHECK(third->status == 409);
  CHECK(third->body.find("\"code\":\"limit_reached\"") != std::string::npos);
  // The web's own per-address count is untouched by operator bookings.
  CHECK(s.Book(Body(Nik(14), "081234567891"), "")->status == 201);
}

TEST_CASE("Operator: may book and look up, but not work counters, queues, reports or admin routes") {
  OperatorServer s;
  auto me = s.cli->Get("/api/v1/auth/me", Bearer(s.op));
  REQUIRE(me->status == 200);
  CHECK(JsonField(me->body, "role") == "operator");
  CHECK(s.cli->Post("/api/v1/sites/serang/counters/1/call", Bearer(s.op), "{}", "application/json")->status == 403);
  CHECK(s.cli->Get("/api/v1/sites/serang/queue", Bearer(s.op))->status == 403);
  CHECK(s.cli->Get("/api/v1/admin/users", Bearer(s.op))->status == 403);
  CHECK(s.cli->Get("/api/v1/sites/serang/admin/booking", Bearer(s.op))->status == 403);
  CHECK(s.cli->Get("/api/v1/sites/serang/reports?from=2026-11-30&to=2026-11-30", Bearer(s.op))->status == 403);
  CHECK(s.cli->Post("/api/v1/sites/serang/tickets", Bearer(s.op), "{\"service\":\"rekam\"}", "application/json")
            ->status == 403);
  CHECK(s.cli->Post("/api/v1/auth/logout", Bearer(s.op), "", "application/json")->status == 200);
}

TEST_CASE("Operator: the report counts bookings by channel and by operator") {
  OperatorServer s;
  REQUIRE(s.Book(Body(Nik(21)), s.op)->status == 201);
  REQUIRE(s.Book(Body(Nik(22)), s.op)->status == 201);
  REQUIRE(s.Book(Body(Nik(23), "081234567890"), "")->status == 201);
  std::string boss = Login(*s.cli, "supervisor", "supervisor-demo");
  auto report = s.cli->Get("/api/v1/sites/serang/reports?from=2026-11-30&to=2026-11-30", Bearer(boss));
  REQUIRE(report->status == 200);
  CHECK(report->body.find("\"bookings_by_channel\":{\"web\":1,\"operator\":2}") != std::string::npos);
  CHECK(report->body.find("\"bookings_by_operator\":[{\"operator\":\"operator1\",\"bookings\":2,\"checked_in\":0}]") !=
        std::string::npos);
}

TEST_CASE("Operator: a booking without a phone queues no message for the SMS gateway") {
  OperatorServer s("\"per_address_per_day\": 0,", "\"per_address_per_day\": 0, \"webhook_url\": \"http://127.0.0.1:9/sms\",");
  auto none = s.Book(Body(Nik(31)), s.op);
  REQUIRE(none->status == 201);
  auto with = s.Book(Body(Nik(32), "081234567890"), s.op);
  REQUIRE(with->status == 201);
  std::string admin = Login(*s.cli, "admin", "admin-demo");
  auto list = s.cli->Get("/api/v1/sites/serang/notifications", Bearer(admin));
  REQUIRE(list->status == 200);
  CHECK(list->body.find(JsonField(with->body, "code")) != std::string::npos);
  CHECK(list->body.find(JsonField(none->body, "code")) == std::string::npos);
}
