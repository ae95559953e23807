// Black-box: booking -> kiosk check-in -> call -> printed or backlog -> delivery, end to end.
#include <doctest/doctest.h>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

struct Office {
  TempDir dir;
  ServerProcess server{dir.File("p.db"), {"--demo", "--test-clock"}};
  std::unique_ptr<httplib::Client> cli = server.Client();
  std::string officer, boss;

  Office() {
    Clock("2026-11-30T07:00:00+07:00");
    officer = Login(*cli, "petugas3", "petugas-demo");
    boss = Login(*cli, "supervisor", "supervisor-demo");
  }
  void Clock(const std::string& iso) {
    REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\"}", "application/json")->status == 200);
  }
  // Books cetak at 09:00 with home delivery and returns the code.
  std::string Book(const std::string& nik, const std::string& phone) {
    auto res = cli->Post("/api/v1/sites/serang/bookings",
                         WithPow(*cli, "{\"nik\":\"" + nik + "\",\"name\":\"Dewi Lestari\",\"phone\":\"" + phone +
                             "\",\"service\":\"cetak\",\"slot_start\":\"2026-11-30T09:00:00+07:00\",\"delivery\":"
                             "{\"kecamatan\":\"Cipocok Jaya\",\"kelurahan\":\"Banjaragung\",\"street\":\"Jl. Mawar\",\"house\":\"5\"}}"),
                         "application/json");
    REQUIRE(res->status == 201);
    return JsonField(res->body, "code");
  }
  std::string CheckIn(const std::string& code) {
    auto res = cli->Post(("/api/v1/sites/serang/bookings/" + code + "/check-in").c_str(), Bearer("demo-kiosk-token"), "",
                         "application/json");
    REQUIRE(res->status == 201);
    return JsonField(res->body, "id");
  }
  httplib::Result Counter(const std::string& action, const std::string& body = "{}") {
    return cli->Post(("/api/v1/sites/serang/counters/3/" + action).c_str(), Bearer(officer), body, "application/json");
  }
  std::string Progress(const std::string& code, const std::string& nik) {
    return cli->Get(("/api/v1/bookings/" + code + "?nik=" + nik).c_str())->body;
  }
};

const char* kNikA = "3673015505900001";
const char* kNikB = "3673011203850002";

}  // namespace

TEST_CASE("Print: a printed card uses one blank and goes out for delivery until delivered") {
  Office o;
  std::string code = o.Book(kNikA, "081211112222");
  o.Clock("2026-11-30T08:45:00+07:00");
  std::string ticket = o.CheckIn(code);
  auto called = o.Counter("next");
  CHECK(JsonField(called->body, "number") == "B001");

  auto masked = o.cli->Get(("/api/v1/sites/serang/tickets/" + ticket + "/booking").c_str(), Bearer(o.officer));
  REQUIRE(masked->status == 200);
  CHECK(JsonField(masked->body, "nik") == "3673********0001");
  CHECK(JsonField(masked->body, "name") == "Dewi Lestari");
  CHECK(masked->body.find("Jl. Mawar") == std::string::npos);
  CHECK(masked->body.find("Banjaragung") != std::string::npos);
  auto full = o.cli->Get(("/api/v1/sites/serang/tickets/" + ticket + "/booking?full=1").c_str(), Bearer(o.officer));
  CHECK(JsonField(full->body, "nik") == kNikA);
  CHECK(full->body.find("Jl. Mawar") != std::string::npos);
  CHECK(o.cli->Get(("/api/v1/sites/serang/tickets/" + ticket + "/booking").c_str())->status == 401);

  auto stock_before = o.cli->Get("/api/v1/sites/serang/stock", Bearer(o.officer));
  CHECK(JsonField(stock_before->body, "count") == "500");
  CHECK(o.Counter("finish", "{\"outcome\":\"lost\"}")->status == 400);
  CHECK(o.Counter("finish", "{\"outcome\":\"printed\"}")->status == 200);
  CHECK(JsonField(o.cli->Get("/api/v1/sites/serang/stock", Bearer(o.officer))->body, "count") == "499");
  auto pub = o.cli->Get("/api/v1/sites/serang/stock");
  CHECK(JsonField(pub->body, "level") == "available");
  CHECK(pub->body.find("count") == std::string::npos);
  std::string progress = o.Progress(code, kNikA);
  CHECK(progress.find("\"ticket\":{\"number\":\"B001\",\"status\":\"done\"}") != std::string::npos);
  CHECK(JsonField(progress, "print") == "printed");
  CHECK(progress.find("\"delivery\":\"pending\"") != std::string::npos);

  auto list = o.cli->Get("/api/v1/sites/serang/deliveries", Bearer(o.officer));
  REQUIRE(list->status == 200);
  CHECK(JsonField(list->body, "kecamatan") == "Cipocok Jaya");
  std::string id = JsonField(list->body, "id");
  auto act = [&](const std::string& action, const std::string& body = "{}") {
    return o.cli->Post(("/api/v1/sites/serang/deliveries/" + id + "/" + action).c_str(), Bearer(o.officer), body,
                       "application/json");
  };
  CHECK(act("delivered", "{\"receiver\":\"Ibu Dewi\"}")->status == 409);  // not out yet
  CHECK(act("out")->status == 200);
  CHECK(act("failed", "{}")->status == 400);
  CHECK(JsonField(act("failed", "{\"reason\":\"rumah kosong\"}")->body, "status") == "failed");
  CHECK(JsonField(act("retry")->body, "status") == "pending");
  CHECK(act("out")->status == 200);
  CHECK(o.Progress(code, kNikA).find("\"delivery\":\"out\"") != std::string::npos);
  auto done = act("delivered", "{\"receiver\":\"Ibu Dewi\"}");
  CHECK(JsonField(done->body, "status") == "delivered");
  CHECK(o.Progress(code, kNikA).find("\"delivery\":\"delivered\"") != std::string::npos);
  CHECK(o.cli->Get("/api/v1/sites/serang/deliveries", Bearer(o.officer))->body == "[]");
}

TEST_CASE("Print: the wall board carries the public stock level and follows POST /stock") {
  Office o;
  auto board = [&] { return o.cli->Get("/api/v1/sites/serang/board")->body; };
  CHECK(board().find("\"stock\":{\"level\":\"available\"}") != std::string::npos);
  auto move = [&](int delta) {
    return o.cli->Post("/api/v1/sites/serang/stock", Bearer(o.boss),
                       "{\"delta\":" + std::to_string(delta) + ",\"kind\":\"adjusted\",\"reason\":\"opname\"}",
                       "application/json");
  };
  CHECK(JsonField(move(-460)->body, "level") == "low");  // 40 left, threshold 50
  std::string low = board();
  CHECK(low.find("\"stock\":{\"level\":\"low\"}") != std::string::npos);
  CHECK(low.find("\"count\"") == std::string::npos);  // the exact count stays with staff
  CHECK(move(-40)->status == 200);
  CHECK(board().find("\"stock\":{\"level\":\"empty\"}") != std::string::npos);
  CHECK(move(-1)->status == 409);  // never below zero: the board still says empty
  CHECK(board().find("\"stock\":{\"level\":\"empty\"}") != std::string::npos);
}

TEST_CASE("Print: with no blank card the resident joins the backlog, printed first-in first-out") {
  Office o;
  std::string a = o.Book(kNikA, "081211112222");
  std::string b = o.Book(kNikB, "081233334444");
  o.Clock("2026-11-30T08:45:00+07:00");
  o.CheckIn(a);
  o.CheckIn(b);
  // Stock runs out: an adjustment brings it to zero.
  CHECK(o.cli->Post("/api/v1/sites/serang/stock", Bearer(o.officer), "{\"delta\":-500,\"kind\":\"adjusted\",\"reason\":\"audit\"}",
                    "application/json")->status == 403);
  auto zero = o.cli->Post("/api/v1/sites/serang/stock", Bearer(o.boss),
                          "{\"delta\":-500,\"kind\":\"adjusted\",\"reason\":\"stock opname\"}", "application/json");
  CHECK(JsonField(zero->body, "level") == "empty");
  o.Counter("next");
  auto refused = o.Counter("next");  // a default "printed" outcome is impossible with no card
  CHECK(refused->status == 409);
  CHECK(refused->body.find("antrean cetak (Surat Keterangan)") != std::string::npos);  // Indonesian by default
  CHECK(o.Counter("finish", "{\"outcome\":\"backlog\"}")->status == 200);
  o.Counter("next");
  CHECK(o.Counter("finish", "{\"outcome\":\"backlog\"}")->status == 200);
  CHECK(JsonField(o.Progress(a, kNikA), "backlog_position") == "1");
  CHECK(JsonField(o.Progress(b, kNikB), "backlog_position") == "2");
  auto backlog = o.cli->Get("/api/v1/sites/serang/backlog", Bearer(o.officer));
  CHECK(JsonField(backlog->body, "length") == "2");
  CHECK(o.cli->Post("/api/v1/sites/serang/backlog/print", Bearer(o.officer), "", "application/json")->status == 409);

  CHECK(o.cli->Post("/api/v1/sites/serang/stock", Bearer(o.boss), "{\"delta\":100,\"kind\":\"received\"}", "application/json")
            ->status == 200);
  auto first = o.cli->Post("/api/v1/sites/serang/backlog/print", Bearer(o.officer), "", "application/json");
  CHECK(JsonField(first->body, "number") == "B001");
  CHECK(JsonField(o.Progress(a, kNikA), "print") == "printed");
  CHECK(o.Progress(a, kNikA).find("\"delivery\":\"pending\"") != std::string::npos);
  CHECK(JsonField(o.Progress(b, kNikB), "backlog_position") == "1");
  // A retry with the same Idempotency-Key (the answer was lost) prints nothing new.
  auto second = o.cli->Post("/api/v1/sites/serang/backlog/print", Bearer(o.officer, "print-2"), "", "application/json");
  CHECK(JsonField(second->body, "number") == "B002");
  auto retried = o.cli->Post("/api/v1/sites/serang/backlog/print", Bearer(o.officer, "print-2"), "", "application/json");
  CHECK(retried->status == 200);
  CHECK(JsonField(retried->body, "number") == "B002");
  CHECK(JsonField(o.cli->Get("/api/v1/sites/serang/stock", Bearer(o.officer))->body, "count") == "98");
  CHECK(o.cli->Post("/api/v1/sites/serang/backlog/print", Bearer(o.officer, "print-3"), "", "application/json")->status ==
        409);  // the backlog is empty: a new key is a new print
  CHECK(JsonField(o.cli->Get("/api/v1/sites/serang/stock")->body, "level") == "available");
}
