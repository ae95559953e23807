// Black-box: what the walk-through of issue #17 found residents and officers hitting: the
// check-in window, undoing a no-show, messages in Indonesian, a lost booking code, and the
// services' plain descriptions and open counters.
#include <doctest/doctest.h>

#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

const char* kNik = "3673011505900001";

// A local SMS-gateway stand-in that records every message.
struct Gateway {
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::mutex mu;
  std::vector<std::string> bodies;

  Gateway() {
    server.Post("/sms", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu);
      bodies.push_back(req.body);
      res.set_content("{}", "application/json");
    });
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { server.listen_after_bind(); });
  }
  ~Gateway() {
    server.stop();
    thread.join();
  }
  std::vector<std::string> Bodies() {
    std::lock_guard<std::mutex> lock(mu);
    return bodies;
  }
  bool WaitFor(size_t n, int ms) {
    for (int i = 0; i < ms / 50 && Bodies().size() < n; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return Bodies().size() >= n;
  }
};

struct Office {
  TempDir dir;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<httplib::Client> cli;

  // The always-open demo office; with `gateway_port` its booking messages go to a gateway.
  explicit Office(int gateway_port = 0) {
    std::vector<std::string> args = {"--demo", "--test-clock"};
    if (gateway_port != 0) {
      std::ifstream in(std::string(ANTRE_TEST_OFFICE));
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      size_t at = text.find("\"print_service\"");
      REQUIRE(at != std::string::npos);
      text.insert(at, "\"webhook_url\": \"http://127.0.0.1:" + std::to_string(gateway_port) +
                          "/sms\", \"webhook_retry_seconds\": 1, ");
      std::ofstream(dir.File("w.json")) << text;
      args = {"--config", dir.File("w.json"), "--test-clock"};
    }
    server = std::make_unique<ServerProcess>(dir.File("w.db"), args);
    cli = server->Client();
    Clock("2026-11-30T07:00:00+07:00");  // a Monday morning
  }
  void Clock(const std::string& iso) {
    auto res = cli->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\"}", "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  httplib::Result Book(const std::string& slot, const std::string& nik = kNik,
                       const std::string& phone = "0812-3456-7890") {
    return cli->Post("/api/v1/sites/serang/bookings",
                     WithPow(*cli, "{\"nik\":\"" + nik + "\",\"name\":\"Siti Aminah\",\"phone\":\"" + phone +
                         "\",\"service\":\"rekam\",\"slot_start\":\"" + slot + "\"}"),
                     "application/json");
  }
  httplib::Result CheckIn(const std::string& code) {
    return cli->Post(("/api/v1/sites/serang/bookings/" + code + "/check-in").c_str(),
                     Bearer("demo-kiosk-token"), "", "application/json");
  }
  std::string Issue() {
    auto t = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"),
                       "{\"service\":\"rekam\"}", "application/json");
    REQUIRE(t->status == 201);
    return JsonField(t->body, "id");
  }
  httplib::Result Counter(const std::string& token, const std::string& action,
                          const std::string& body = "{}") {
    return cli->Post(("/api/v1/sites/serang/counters/1/" + action).c_str(), Bearer(token), body,
                     "application/json");
  }
  httplib::Result Recover(const std::string& nik, const std::string& phone) {
    return cli->Post("/api/v1/sites/serang/bookings/recover",
                     "{\"nik\":\"" + nik + "\",\"phone\":\"" + phone + "\"}", "application/json");
  }
};

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE(
    "Walk: a booked resident checks in anywhere in the slot shown; the answer states window and "
    "documents") {
  Office o;
  auto made = o.Book("2026-11-30T09:30:00+07:00");
  REQUIRE(made->status == 201);
  CHECK(Has(made->body,
            "\"check_in\":{\"from\":\"2026-11-30T09:00:00+07:00\",\"until\":\"2026-11-30T10:00:00+"
            "07:00\"}"));
  CHECK(Has(made->body, "\"documents\":{\"id\":[\"Kartu Keluarga (KK) asli\""));
  CHECK(Has(made->body, "\"en\":[\"Original Family Card (KK)\""));
  std::string code = JsonField(made->body, "code");
  auto status =
      o.cli->Get(("/api/v1/bookings/" + code + "?nik=" + kNik).c_str());  // the status view
  CHECK(Has(status->body, "\"until\":\"2026-11-30T10:00:00+07:00\""));

  o.Clock("2026-11-30T09:50:00+07:00");  // the walk-through's resident, turned away before
  auto ticket = o.CheckIn(code);
  CHECK(ticket->status == 201);
  CHECK(JsonField(ticket->body, "booking") == code);

  auto other = o.Book("2026-11-30T10:00:00+07:00", "3673011505900002", "081200000002");
  REQUIRE(other->status == 201);
  auto third = o.Book("2026-11-30T10:30:00+07:00", "3673011505900003", "081200000003");
  REQUIRE(third->status == 201);
  o.Clock("2026-11-30T10:29:30+07:00");  // the slot's last minute still counts
  CHECK(o.CheckIn(JsonField(other->body, "code"))->status == 201);
  o.Clock("2026-11-30T11:00:01+07:00");
  auto late = o.CheckIn(JsonField(third->body, "code"));
  CHECK(late->status == 409);
  CHECK(JsonField(late->body, "code") == "too_late");
}

TEST_CASE("Walk: the SMS states the check-in window and the documents to bring") {
  Gateway gateway;
  Office o(gateway.port);
  REQUIRE(o.Book("2026-11-30T09:30:00+07:00")->status == 201);
  REQUIRE(gateway.WaitFor(1, 8000));
  std::string sms = JsonField(gateway.Bodies()[0], "message");
  CHECK(Has(sms, "Check-in di kiosk 09:00-10:00 WIB."));
  CHECK(Has(sms, "Bawa: Kartu Keluarga (KK) asli, Surat pengantar RT/RW bila diminta."));
}

TEST_CASE(
    "Walk: a no-show is undone at the counter, called again by number, or returned by a "
    "supervisor") {
  Office o;
  std::string a1 = o.Issue(), a2 = o.Issue();
  o.Issue();
  std::string officer = Login(*o.cli, "petugas1", "petugas-demo");
  std::string boss = Login(*o.cli, "supervisor", "supervisor-demo");
  CHECK(JsonField(o.Counter(officer, "next")->body, "number") == "A001");

  // T, then undo: A001 is served again at Loket 1.
  CHECK(JsonField(o.Counter(officer, "no-show")->body, "status") == "no_show");
  auto undone = o.Counter(officer, "undo", "{\"number\":\"A001\"}");
  REQUIRE(undone->status == 200);
  CHECK(JsonField(undone->body, "status") == "called");
  CHECK(Has(o.cli->Get("/api/v1/sites/serang/counters", Bearer(officer))->body,
            "\"ticket\":{\"id\":\"" + a1));

  // B, then undo: A002 goes back to the head of the line, A001 is served again.
  CHECK(JsonField(o.Counter(officer, "next")->body, "number") == "A002");
  REQUIRE(o.Counter(officer, "undo", "{\"number\":\"A001\"}")->status == 200);
  auto back = o.cli->Get(("/api/v1/tickets/" + a2).c_str());
  CHECK(JsonField(back->body, "status") == "waiting");
  CHECK(JsonField(back->body, "position") == "1");

  // Too late to undo: after the window, the officer calls the number instead.
  CHECK(JsonField(o.Counter(officer, "no-show")->body, "status") == "no_show");
  o.Clock("2026-11-30T07:05:00+07:00");
  auto stale = o.Counter(officer, "undo", "{\"number\":\"A001\"}");
  CHECK(stale->status == 409);
  auto again =
      o.Counter(officer, "call", "{\"number\":\"A001\"}");  // "A001 is no_show, not waiting" before
  REQUIRE(again->status == 200);
  CHECK(JsonField(again->body, "status") == "called");

  // A supervisor returns a no-show to the queue: audited, announced as ticket.returned.
  StreamCollector stream(o.server->port(), "serang");
  REQUIRE(stream.Status(5000) == 200);  // subscribed: no event is missed
  CHECK(JsonField(o.Counter(officer, "no-show")->body, "status") == "no_show");
  std::string requeue = "/api/v1/sites/serang/tickets/" + a1 + "/requeue";
  CHECK(o.cli->Post(requeue.c_str(), Bearer(officer), "{}", "application/json")->status == 403);
  auto returned = o.cli->Post(requeue.c_str(), Bearer(boss), "{}", "application/json");
  REQUIRE(returned->status == 200);
  CHECK(JsonField(returned->body, "status") == "waiting");
  CHECK(JsonField(returned->body, "position") == "1");  // its old place, ahead of later tickets
  CHECK(o.cli->Post(requeue.c_str(), Bearer(boss), "{}", "application/json")->status ==
        409);  // waiting now
  CHECK(stream.WaitFor(
      [](const auto& items) {
        for (const auto& i : items) {
          if (i.type == "ticket.returned") return true;
        }
        return false;
      },
      3000));
  auto audit = o.cli->Get("/api/v1/admin/audit?user=supervisor",
                          Bearer(Login(*o.cli, "admin", "admin-demo")));
  CHECK(Has(audit->body, "ticket.requeue"));
}

TEST_CASE(
    "Walk: errors answer in the language asked, Indonesian by default, with the code unchanged") {
  Office o;
  std::string officer = Login(*o.cli, "petugas1", "petugas-demo");
  auto call = [&](const char* language) {
    httplib::Headers h = Bearer(officer);
    if (language) h.emplace("Accept-Language", language);
    return o.cli->Post("/api/v1/sites/serang/counters/1/call", h, "{\"number\":\"A999\"}",
                       "application/json");
  };
  auto plain = call(nullptr);
  CHECK(plain->status == 404);
  CHECK(JsonField(plain->body, "code") == "not_found");
  CHECK(JsonField(plain->body, "message") == "tidak ada tiket A999 hari ini");
  CHECK(plain->get_header_value("Content-Language") == "id");
  auto english = call("en-US,en;q=0.9");
  CHECK(JsonField(english->body, "code") == "not_found");
  CHECK(JsonField(english->body, "message") == "no ticket A999 today");
  CHECK(english->get_header_value("Content-Language") == "en");
  CHECK(JsonField(call("en;q=0.2, id;q=0.9")->body, "message") == "tidak ada tiket A999 hari ini");
  CHECK(JsonField(call("fr")->body, "message") == "tidak ada tiket A999 hari ini");

  // A resident's booking error, and the kiosk's check-in refusal with its extra fields.
  auto bad = o.cli->Post("/api/v1/sites/serang/bookings", WithPow(*o.cli, "{\"nik\":\"12\"}"), "application/json");
  CHECK(JsonField(bad->body, "message") == "kolom 'name' wajib diisi");
  auto made = o.Book("2026-11-30T09:30:00+07:00");
  auto early = o.CheckIn(JsonField(made->body, "code"));
  CHECK(JsonField(early->body, "code") == "too_early");
  CHECK(JsonField(early->body, "message") == "check-in baru dibuka 30 menit sebelum pukul 09:30");
  // A route that does not exist, answered by the dispatcher itself.
  CHECK(JsonField(o.cli->Get("/api/v1/nothing")->body, "message") == "alamat API ini tidak ada");
}

TEST_CASE(
    "Walk: a lost booking code comes back by NIK and phone, in the answer without a gateway") {
  Office o;
  auto made = o.Book("2026-11-30T09:30:00+07:00");
  REQUIRE(made->status == 201);
  std::string code = JsonField(made->body, "code");
  auto found = o.Recover(kNik, "+62 812 3456 7890");  // the same number written another way
  REQUIRE(found->status == 200);
  CHECK(Has(found->body, "\"sent\":false"));
  CHECK(Has(found->body, "\"code\":\"" + code + "\""));
  CHECK(Has(found->body, "\"service\":\"rekam\""));
  CHECK(Has(found->body, "\"slot_start\":\"2026-11-30T09:30:00+07:00\""));
  CHECK(o.Recover(kNik, "081299999999")->status == 404);                  // wrong phone
  CHECK(o.Recover("3673011505900009", "0812-3456-7890")->status == 404);  // wrong NIK
  CHECK(o.Recover("12", "x")->status == 404);  // malformed: the same answer
  auto missing = o.cli->Post("/api/v1/sites/serang/bookings/recover",
                             "{\"nik\":\"" + std::string(kNik) + "\"}", "application/json");
  CHECK(missing->status == 400);
  // A cancelled booking is not active any more.
  o.cli->Post(("/api/v1/bookings/" + code + "/cancel").c_str(),
              "{\"nik\":\"" + std::string(kNik) + "\"}", "application/json");
  CHECK(o.Recover(kNik, "0812-3456-7890")->status == 404);
  // Look-ups are braked per address, as booking is.
  int limited = 0;
  for (int i = 0; i < 12; ++i) limited += o.Recover(kNik, "0812-3456-7890")->status == 429;
  CHECK(limited >= 1);
  o.server->Signal(15);
  CHECK_FALSE(Has(o.server->Log(), kNik));
}

TEST_CASE(
    "Walk: with a gateway the recovered code goes to the phone only; nothing personal in events") {
  Gateway gateway;
  Office o(gateway.port);
  StreamCollector stream(o.server->port(), "serang");
  auto made = o.Book("2026-11-30T09:30:00+07:00");
  std::string code = JsonField(made->body, "code");
  REQUIRE(gateway.WaitFor(1, 8000));  // booking.created
  auto found = o.Recover(kNik, "0812-3456-7890");
  REQUIRE(found->status == 200);
  CHECK(Has(found->body, "\"sent\":true"));
  CHECK_FALSE(Has(found->body, code));  // the code goes only to the phone that booked
  REQUIRE(gateway.WaitFor(2, 8000));
  std::string sms = gateway.Bodies()[1];
  CHECK(JsonField(sms, "kind") == "booking.recovered");
  CHECK(JsonField(sms, "phone") == "+6281234567890");
  CHECK(Has(JsonField(sms, "message"), code));
  CHECK(Has(JsonField(sms, "message"), "Check-in di kiosk 09:00-10:00 WIB."));
  REQUIRE(o.Recover(kNik, "0812-3456-7890")->status == 200);  // asked again, sent again
  CHECK(gateway.WaitFor(3, 8000));
  for (const auto& item : stream.Items()) {
    CHECK_FALSE(Has(item.data, kNik));
    CHECK_FALSE(Has(item.data, "812"));
    CHECK_FALSE(Has(item.data, code));
  }
  o.server->Signal(15);
  CHECK_FALSE(Has(o.server->Log(), kNik));
  CHECK_FALSE(Has(o.server->Log(), "6281234567890"));
}

TEST_CASE("Walk: services carry their plain description and the counters open for them") {
  Office o;
  auto services = o.cli->Get("/api/v1/sites/serang/services")->body;
  CHECK(Has(
      services,
      "\"description\":{\"id\":\"Perekaman e-KTP — foto, sidik jari, iris mata, tanda tangan\""));
  // rekam is served by Loket 1, 2 and 6; info by Loket 5 and 6.
  CHECK(Has(services, "\"id\":\"rekam\""));
  size_t rekam = services.find("\"id\":\"rekam\"");
  CHECK(services.find("\"counters_open\":3", rekam) < services.find("\"id\":\"cetak\""));
  std::string officer = Login(*o.cli, "petugas1", "petugas-demo");
  REQUIRE(o.Counter(officer, "pause")->status == 200);
  services = o.cli->Get("/api/v1/sites/serang/services")->body;
  rekam = services.find("\"id\":\"rekam\"");
  CHECK(services.find("\"counters_open\":2", rekam) < services.find("\"id\":\"cetak\""));
  // The board's services are built the same way.
  CHECK(Has(o.cli->Get("/api/v1/sites/serang/board")->body, "\"counters_open\":2"));
}

TEST_CASE("Walk: a database seeded before descriptions existed takes them from the config at start") {
  TempDir dir;
  std::ifstream in(std::string(ANTRE_TEST_OFFICE));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string with = ss.str();
  std::string without = std::regex_replace(with, std::regex("\"description\": *\\{[^}]*\\},"), "");
  REQUIRE(without.find("\"description\"") == std::string::npos);
  std::ofstream(dir.File("old.json")) << without;
  std::ofstream(dir.File("new.json")) << with;
  {
    ServerProcess old(dir.File("d.db"), {"--config", dir.File("old.json")});
    auto body = old.Client()->Get("/api/v1/sites/serang/services")->body;
    CHECK(Has(body, "\"description\":{\"id\":\"\",\"en\":\"\"}"));
  }
  ServerProcess upgraded(dir.File("d.db"), {"--config", dir.File("new.json")});
  auto body = upgraded.Client()->Get("/api/v1/sites/serang/services")->body;
  CHECK(Has(body, "\"description\":{\"id\":\"Perekaman e-KTP"));
}
