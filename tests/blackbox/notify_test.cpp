// Black-box: webhook notifications with retries, and erasure of personal data after retention.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

// A local SMS-gateway stand-in that fails the first `failures` requests.
struct Receiver {
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::mutex mu;
  std::vector<std::string> bodies;
  std::atomic<int> requests{0};
  int failures = 0;

  explicit Receiver(int fail_first) : failures(fail_first) {
    server.Post("/sms", [this](const httplib::Request& req, httplib::Response& res) {
      if (++requests <= failures) {
        res.status = 500;
        return;
      }
      std::lock_guard<std::mutex> lock(mu);
      bodies.push_back(req.body);
      res.set_content("{}", "application/json");
    });
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { server.listen_after_bind(); });
  }
  ~Receiver() {
    server.stop();
    thread.join();
  }
  std::vector<std::string> Bodies() {
    std::lock_guard<std::mutex> lock(mu);
    return bodies;
  }
  bool WaitFor(size_t n, int ms) {
    for (int i = 0; i < ms / 50; ++i) {
      if (Bodies().size() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return Bodies().size() >= n;
  }
};

std::string ConfigWithWebhook(const TempDir& dir, int port) {
  std::ifstream in(std::string(ANTRE_TEST_OFFICE));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  size_t at = text.find("\"print_service\"");
  REQUIRE(at != std::string::npos);
  text.insert(at, "\"webhook_url\": \"http://127.0.0.1:" + std::to_string(port) +
                      "/sms\", \"webhook_retry_seconds\": 1, ");
  std::ofstream(dir.File("w.json")) << text;
  return dir.File("w.json");
}

}  // namespace

TEST_CASE("Notify: booking, reminder and almost-called messages reach the webhook, with retries") {
  Receiver gateway(2);
  TempDir dir;
  ServerProcess server(dir.File("n.db"), {"--config", ConfigWithWebhook(dir, gateway.port), "--test-clock"});
  auto cli = server.Client();
  auto clock = [&](const char* iso) {
    REQUIRE(cli->Post("/api/v1/test/clock", std::string("{\"now\":\"") + iso + "\"}", "application/json")->status == 200);
  };
  clock("2026-11-27T10:00:00+07:00");  // a Friday; the booking is for Monday
  auto made = cli->Post("/api/v1/sites/serang/bookings",
                        WithPow(*cli, "{\"nik\":\"3673011505900001\",\"name\":\"Siti Aminah\",\"phone\":\"0812-3456-7890\","
                        "\"service\":\"rekam\",\"slot_start\":\"2026-11-30T09:00:00+07:00\"}"),
                        "application/json");
  REQUIRE(made->status == 201);
  std::string code = JsonField(made->body, "code");
  REQUIRE(gateway.WaitFor(1, 8000));  // two failures, then delivered on the third try
  std::string first = gateway.Bodies()[0];
  CHECK(JsonField(first, "kind") == "booking.created");
  CHECK(JsonField(first, "phone") == "+6281234567890");
  CHECK(JsonField(first, "booking") == code);
  CHECK(first.find("GRATIS") != std::string::npos);
  CHECK(gateway.requests >= 3);

  std::string admin = Login(*cli, "admin", "admin-demo");
  auto log = cli->Get("/api/v1/sites/serang/notifications", Bearer(admin));
  REQUIRE(log->status == 200);
  CHECK(log->body.find("\"kind\":\"booking.created\"") != std::string::npos);
  CHECK(log->body.find("\"status\":\"sent\",\"attempts\":3") != std::string::npos);
  CHECK(log->body.find("081234567890") == std::string::npos);
  CHECK(log->body.find("+6281234567890") == std::string::npos);
  CHECK(log->body.find("3673011505900001") == std::string::npos);  // NIK
  CHECK(log->body.find("Siti") == std::string::npos);
  CHECK(log->body.find("\"payload\"") == std::string::npos);
  CHECK(log->body.find("\"created_at\":\"2026-11-27T10:00:00+07:00\"") != std::string::npos);
  CHECK(log->body.find("\"sent_at\":\"2026-11-27T") != std::string::npos);
  CHECK(cli->Get("/api/v1/sites/serang/notifications", Bearer(Login(*cli, "supervisor", "supervisor-demo")))->status ==
        403);

  clock("2026-11-29T10:00:00+07:00");  // the day before
  REQUIRE(gateway.WaitFor(2, 5000));
  CHECK(JsonField(gateway.Bodies()[1], "kind") == "booking.reminder");
  clock("2026-11-30T08:45:00+07:00");
  REQUIRE(cli->Post(("/api/v1/sites/serang/bookings/" + code + "/check-in").c_str(), Bearer("demo-kiosk-token"), "",
                    "application/json")->status == 201);
  REQUIRE(gateway.WaitFor(3, 5000));
  CHECK(JsonField(gateway.Bodies()[2], "kind") == "ticket.almost_called");
  CHECK(JsonField(gateway.Bodies()[2], "ticket") == "A001");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(gateway.Bodies().size() == 3);  // each message once
  server.Signal(15);
  CHECK(server.Log().find("Siti") == std::string::npos);
  CHECK(server.Log().find("6281234567890") == std::string::npos);
}

TEST_CASE("Notify: personal data of closed bookings is erased after the retention period") {
  TempDir dir;
  ServerProcess server(dir.File("e.db"), {"--demo", "--test-clock"});
  auto cli = server.Client();
  auto clock = [&](const char* iso) {
    REQUIRE(cli->Post("/api/v1/test/clock", std::string("{\"now\":\"") + iso + "\"}", "application/json")->status == 200);
  };
  clock("2026-11-30T07:00:00+07:00");
  auto made = cli->Post("/api/v1/sites/serang/bookings",
                        WithPow(*cli, "{\"nik\":\"3673011505900001\",\"name\":\"Siti Aminah\",\"phone\":\"081234567890\","
                        "\"service\":\"rekam\",\"slot_start\":\"2026-11-30T09:00:00+07:00\"}"),
                        "application/json");
  std::string code = JsonField(made->body, "code");
  std::string path = "/api/v1/bookings/" + code + "?nik=3673011505900001";
  clock("2026-11-30T10:00:00+07:00");
  CHECK(JsonField(cli->Get(path.c_str())->body, "status") == "no_show");
  // A served resident's survey comment is free text, erased on the same schedule.
  auto ticket = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"rekam\"}",
                          "application/json");
  std::string officer = Login(*cli, "petugas1", "petugas-demo");
  cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(officer), "{}", "application/json");
  REQUIRE(cli->Post("/api/v1/sites/serang/counters/1/finish", Bearer(officer), "{}", "application/json")->status == 200);
  REQUIRE(cli->Post(("/api/v1/tickets/" + JsonField(ticket->body, "id") + "/survey").c_str(),
                    "{\"u1\":4,\"u2\":4,\"u3\":4,\"u4\":4,\"u5\":4,\"u6\":4,\"u7\":4,\"u8\":4,\"u9\":4,"
                    "\"comment\":\"Dilayani Pak Joko, ramah\"}",
                    "application/json")->status == 201);
  std::string boss = Login(*cli, "supervisor", "supervisor-demo");
  const char* ikm = "/api/v1/sites/serang/ikm?from=2026-11-30&to=2026-11-30";
  CHECK(cli->Get(ikm, Bearer(boss))->body.find("Pak Joko") != std::string::npos);
  clock("2027-02-27T10:00:00+07:00");  // 89 days later: kept
  CHECK(cli->Get(path.c_str())->status == 200);
  CHECK(cli->Get(ikm, Bearer(Login(*cli, "supervisor", "supervisor-demo")))->body.find("Pak Joko") != std::string::npos);
  clock("2027-03-02T10:00:00+07:00");  // past 90 days: erased
  CHECK(cli->Get(path.c_str())->status == 404);
  auto after = cli->Get(ikm, Bearer(Login(*cli, "supervisor", "supervisor-demo")));
  CHECK(after->body.find("Pak Joko") == std::string::npos);
  CHECK(after->body.find("\"respondents\":1") != std::string::npos);  // the answers stay
  // And the phone may book again without tripping the one-active-booking rule for that NIK.
  auto again = cli->Post("/api/v1/sites/serang/bookings",
                         WithPow(*cli, "{\"nik\":\"3673011505900001\",\"name\":\"Siti Aminah\",\"phone\":\"081234567890\","
                         "\"service\":\"rekam\",\"slot_start\":\"2027-03-03T09:00:00+07:00\"}"),
                         "application/json");
  CHECK(again->status == 201);
}
