// Dispatch: routes, authorization, static pages and errors, without a socket.
#include <doctest/doctest.h>

#include "api_fixture.h"

using namespace antre;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

Headers Kiosk() { return {{"Authorization", std::string("Bearer ") + kKioskToken}}; }

}  // namespace

TEST_CASE("Dispatch: health answers 200 with JSON") {
  ApiFixture a;
  HttpResponse res = a.Call("GET", "/api/v1/health");
  CHECK(res.status == 200);
  CHECK(res.content_type.rfind("application/json", 0) == 0);
  CHECK(Field(res.body, "status") == "ok");
}

TEST_CASE("Dispatch: what no route or file answers is a JSON 404") {
  ApiFixture a;
  const std::pair<const char*, const char*> kMisses[] = {
      {"GET", "/api/v1/nothing-here"},
      {"POST", "/api/v1/health"},  // a route of another method
      {"GET", "/api/v1/auth/login"},
      {"PUT", "/api/v1/health"},
      {"DELETE", "/api/v1/tickets/abc"},
      {"GET", "/api/v1/tickets/abc/def/ghi"},  // more segments than any pattern
      {"GET", "/api/v1/tickets/"},             // an empty parameter
      {"GET", "/no-such-page.html"},
  };
  for (const auto& [method, path] : kMisses) {
    CAPTURE(method);
    CAPTURE(path);
    HttpResponse res = a.Call(method, path);
    CHECK(res.status == 404);
    CHECK(Field(res.body, "code") == "not_found");
  }
  // A parameter longer than 64 characters matches no pattern.
  CHECK(Field(a.Call("GET", "/api/v1/sites/" + std::string(65, 's') + "/board").body, "message") ==
        "alamat API ini tidak ada");
  CHECK(Field(a.Call("GET", "/api/v1/sites/" + std::string(64, 's') + "/board").body, "message") !=
        "alamat API ini tidak ada");
}

TEST_CASE("Dispatch: a staff route refuses a missing token (401) and a kiosk's (403)") {
  ApiFixture a;
  HttpResponse none = a.Call("GET", "/api/v1/sites/serang/queue");
  CHECK(none.status == 401);
  CHECK(Field(none.body, "code") == "unauthorized");
  HttpResponse kiosk = a.Call("GET", "/api/v1/sites/serang/queue", "", Kiosk());
  CHECK(kiosk.status == 403);
  CHECK(Field(kiosk.body, "code") == "forbidden");
}

TEST_CASE("Dispatch: a kiosk issues a ticket (201), and a replayed key gets it again (200)") {
  ApiFixture a;
  Headers h = Kiosk();
  h.emplace_back("Idempotency-Key", "tap-1");
  HttpResponse first = a.Call("POST", "/api/v1/sites/serang/tickets", "{\"service\":\"rekam\"}", h);
  CHECK(first.status == 201);
  CHECK(Field(first.body, "number") == "A001");
  HttpResponse again = a.Call("POST", "/api/v1/sites/serang/tickets", "{\"service\":\"rekam\"}", h);
  CHECK(again.status == 200);
  CHECK(Field(again.body, "number") == "A001");
  HttpResponse other =
      a.Call("POST", "/api/v1/sites/serang/tickets", "{\"service\":\"rekam\"}", Kiosk());
  CHECK(Field(other.body, "number") == "A002");
  // The path parameter reaches the handler: the ticket is found under its id.
  HttpResponse got = a.Call("GET", "/api/v1/tickets/" + Field(first.body, "id"));
  CHECK(got.status == 200);
  CHECK(Field(got.body, "number") == "A001");
}

TEST_CASE("Dispatch: HEAD runs the GET route and answers its length without a body") {
  ApiFixture a;
  HttpResponse get = a.Call("GET", "/api/v1/health");
  HttpResponse head = a.Call("HEAD", "/api/v1/health");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.Header("Content-Length") == std::to_string(get.body.size()));
  HttpResponse miss = a.Call("HEAD", "/api/v1/nothing-here");
  CHECK(miss.status == 404);
  CHECK(miss.body.empty());
  CHECK(miss.Header("Content-Length") != "");
  CHECK(miss.Header("Content-Length") != "0");
}

TEST_CASE("Dispatch: pages of routes and files of the web root share ETag and gzip") {
  ApiFixture a;
  std::ofstream(a.ctx.web_root + "/app.js") << "var x = 1;\n";
  HttpResponse page = a.Call("GET", "/counter", "", {{"Accept-Encoding", "gzip"}});
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK(page.Header("Content-Encoding") == "gzip");
  CHECK(page.Header("ETag").rfind("W/\"", 0) == 0);
  HttpResponse again = a.Call("GET", "/counter", "", {{"If-None-Match", page.Header("ETag")}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  HttpResponse file = a.Call("GET", "/app.js");
  CHECK(file.status == 200);
  CHECK(file.body == "var x = 1;\n");
  // A route's page that is not installed is a 404 naming it; the web root's escapes are 404s.
  HttpResponse missing = a.Call("GET", "/supervisor");
  CHECK(missing.status == 404);
  CHECK(Field(missing.body, "message") == "halaman belum terpasang: supervisor.html");
  CHECK(a.Call("GET", "/../antre.db").status == 404);
  CHECK(a.Call("POST", "/app.js").status == 404);  // files answer GET and HEAD only
}

TEST_CASE("Dispatch: the table it serves is the one `routes` lists, plus the test clock when on") {
  ApiFixture a;
  CHECK(RegisterApi(a.ctx).size() == ApiRoutes().size());
  CHECK(a.Call("POST", "/api/v1/test/clock", "{\"now\":\"2026-11-28T09:00:00+07:00\"}").status ==
        404);
  a.ctx.test_clock_enabled = true;
  CHECK(RegisterApi(a.ctx).size() == ApiRoutes().size() + 1);
  CHECK(a.Call("POST", "/api/v1/test/clock", "{\"now\":\"2026-11-28T09:00:00+07:00\"}").status ==
        200);
}
