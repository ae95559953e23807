// Black-box: proof of work on web bookings (issue #15 item 4) against the real server. A web
// booking carries a challenge the server signed and a nonce that solves it; each is accepted
// once, only for its site, for ten minutes; staff booking for a resident need none.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

const char* kBody =
    R"({"nik":"3673011505900001","name":"Siti Aminah","phone":"081234567890","service":"rekam",)"
    R"("slot_start":"2026-11-30T09:00:00+07:00")";

// kBody with a "pow" member (raw JSON) and the closing brace.
std::string Body(const std::string& pow, const std::string& nik = "3673011505900001") {
  std::string body = kBody;
  body.replace(body.find("3673011505900001"), 16, nik);
  return body + (pow.empty() ? "" : ",\"pow\":" + pow) + "}";
}

// The test office with `find` replaced by `replace`, at Monday 07:00 on the test clock.
struct PowServer {
  TempDir dir;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<httplib::Client> cli;

  explicit PowServer(const std::string& find = "", const std::string& replace = "") {
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
    Start();
  }
  void Start() {
    server = std::make_unique<ServerProcess>(
        dir.File("p.db"), std::vector<std::string>{"--config", dir.File("c.json"), "--test-clock"});
    cli = server->Client();
    Clock("2026-11-30T07:00:00+07:00");
  }
  void Clock(const std::string& iso) {
    auto res = cli->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\",\"frozen\":true}",
                         "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  // A fresh challenge: its text and bits.
  std::pair<std::string, int> Challenge() {
    auto res = cli->Get("/api/v1/sites/serang/bookings/challenge");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return {JsonField(res->body, "challenge"), std::atoi(JsonField(res->body, "bits").c_str())};
  }
  httplib::Result Book(const std::string& body) {
    return cli->Post("/api/v1/sites/serang/bookings", body, "application/json");
  }
};

std::string Pow(const std::string& challenge, const std::string& nonce) {
  return "{\"challenge\":\"" + challenge + "\",\"nonce\":\"" + nonce + "\"}";
}

// A nonce that does not solve `challenge` at `bits`.
std::string WrongNonce(const std::string& challenge, int bits) {
  for (int n = 0;; ++n) {
    if (Sha256ZeroBits(challenge + ":" + std::to_string(n)) < bits) return std::to_string(n);
  }
}

void CheckRefused(const httplib::Result& res, int status, const std::string& code) {
  REQUIRE(res);
  CHECK_MESSAGE(res->status == status, res->body);
  CHECK(JsonField(res->body, "code") == code);
}

}  // namespace

TEST_CASE("Pow: the challenge names its site, difficulty and expiry; no-store") {
  PowServer s;
  auto res = s.cli->Get("/api/v1/sites/serang/bookings/challenge");
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Cache-Control") == "no-store");
  CHECK(JsonField(res->body, "bits") == "16");
  CHECK(JsonField(res->body, "expires_at") == "2026-11-30T07:10:00+07:00");
  CHECK(JsonField(res->body, "expires_in") == "600");
  CHECK(JsonField(res->body, "challenge").rfind("serang:16:", 0) == 0);
  CHECK(JsonField(res->body, "challenge") != s.Challenge().first);  // fresh each time
  CheckRefused(s.cli->Get("/api/v1/sites/nowhere/bookings/challenge"), 404, "not_found");
}

TEST_CASE("Pow: a web booking needs a solved challenge, accepted once") {
  PowServer s;
  CheckRefused(s.Book(Body("")), 403, "pow_required");
  CheckRefused(s.Book(Body("null")), 403, "pow_required");
  CheckRefused(s.Book(Body("\"x\"")), 403, "pow_invalid");
  CheckRefused(s.Book(Body("{\"challenge\":\"serang:16:1:2:3\"}")), 403, "pow_invalid");
  auto [challenge, bits] = s.Challenge();
  REQUIRE(bits == 16);
  CheckRefused(s.Book(Body(Pow(challenge, WrongNonce(challenge, bits)))), 403, "pow_invalid");
  std::string tampered = challenge;
  tampered.replace(7, 2, "10");  // "serang:10:…": an easier challenge the server did not sign
  CheckRefused(s.Book(Body(Pow(tampered, SolvePow(tampered, 10)))), 403, "pow_invalid");
  std::string nonce = SolvePow(challenge, bits);
  auto good = s.Book(Body(Pow(challenge, nonce)));
  REQUIRE(good);
  CHECK_MESSAGE(good->status == 201, good->body);
  // The same answer again, for another resident: refused, and the refusal says why in both
  // languages.
  auto reused = s.cli->Post("/api/v1/sites/serang/bookings", {{"Accept-Language", "en"}},
                            Body(Pow(challenge, nonce), "3673011505900002"), "application/json");
  CheckRefused(reused, 403, "pow_invalid");
  CHECK(JsonField(reused->body, "message") ==
        "this booking challenge has been used already; fetch a new one");
  auto indonesian = s.Book(Body(Pow(challenge, nonce), "3673011505900002"));
  CHECK(JsonField(indonesian->body, "message") ==
        "tantangan booking ini sudah terpakai; ambil yang baru");
}

TEST_CASE("Pow: an answer is spent by any attempt on the slots, not by a malformed request") {
  PowServer s;
  auto [challenge, bits] = s.Challenge();
  std::string pow = Pow(challenge, SolvePow(challenge, bits));
  // A request the route cannot read (a time that is no time) is refused before the proof of
  // work is looked at: not spent.
  std::string bad_time = Body(pow);
  bad_time.replace(bad_time.find("2026-11-30T09:00:00+07:00"), 25, "tomorrow");
  CheckRefused(s.Book(bad_time), 400, "invalid_input");
  // A slot that does not exist reaches the store: spent.
  std::string no_slot = Body(pow);
  no_slot.replace(no_slot.find("09:00:00"), 8, "09:10:00");
  CheckRefused(s.Book(no_slot), 404, "not_found");
  CheckRefused(s.Book(Body(pow)), 403, "pow_invalid");
}

TEST_CASE("Pow: a challenge expires after ten minutes") {
  PowServer s;
  auto [challenge, bits] = s.Challenge();
  std::string pow = Pow(challenge, SolvePow(challenge, bits));
  s.Clock("2026-11-30T07:10:00+07:00");
  CheckRefused(s.Book(Body(pow)), 403, "pow_expired");
  // A fresh one at the same moment is fine.
  auto fresh = s.Book(WithPow(*s.cli, Body("")));
  REQUIRE(fresh);
  CHECK_MESSAGE(fresh->status == 201, fresh->body);
}

TEST_CASE(
    "Pow: challenges survive a restart (the key is in the database); staff book without one") {
  PowServer s;
  auto [challenge, bits] = s.Challenge();
  std::string pow = Pow(challenge, SolvePow(challenge, bits));
  s.server->Kill9();
  s.Start();
  auto res = s.Book(Body(pow));
  REQUIRE(res);
  CHECK_MESSAGE(res->status == 201, res->body);
  // A kelurahan operator books for a resident with their token and no proof of work.
  std::string op = Login(*s.cli, "operator1", "operator-demo");
  REQUIRE(!op.empty());
  auto staff = s.cli->Post("/api/v1/sites/serang/bookings", Bearer(op),
                           Body("", "3673011505900002"), "application/json");
  REQUIRE(staff);
  CHECK_MESSAGE(staff->status == 201, staff->body);
  // A token that is not an operator's is a web booking like any other.
  CheckRefused(s.cli->Post("/api/v1/sites/serang/bookings", Bearer("not-a-token"),
                           Body("", "3673011505900003"), "application/json"),
               403, "pow_required");
}

TEST_CASE("Pow: pow_bits 0 turns it off; the challenge route still answers with bits 0") {
  PowServer s("\"pow_bits\": 16", "\"pow_bits\": 0");
  CHECK(s.Challenge().second == 0);
  auto res = s.Book(Body(""));
  REQUIRE(res);
  CHECK_MESSAGE(res->status == 201, res->body);
}
