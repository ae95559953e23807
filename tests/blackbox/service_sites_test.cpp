// Black-box: where a resident can book a service (issue #19 item 4). GET
// /api/v1/services/:service/sites lists the open offices offering it with address,
// coordinates and first free day; coordinates come from the config or the admin, checked.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

struct Demo {
  TempDir dir;
  ServerProcess server{dir.File("s.db"), {"--demo", "--test-clock"}};
  std::unique_ptr<httplib::Client> cli = server.Client();

  void Clock(const std::string& iso) {
    REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\"}", "application/json")->status == 200);
  }
  std::string Sites(const std::string& service, int want_status = 200) {
    auto res = cli->Get(("/api/v1/services/" + service + "/sites").c_str());
    REQUIRE(res);
    CHECK(res->status == want_status);
    return res->body;
  }
  httplib::Result Post(const std::string& path, const std::string& token, const std::string& body) {
    return cli->Post(path.c_str(), Bearer(token), body, "application/json");
  }
};

bool Has(const std::string& body, const std::string& part) { return body.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("ServiceSites: the offices offering a service, with address, coordinates and first free day") {
  Demo d;
  d.Clock("2026-11-30T07:00:00+07:00");  // a Monday morning
  std::string akta = d.Sites("akta");
  // The MPP does not offer akta.
  CHECK(akta ==
        "[{\"id\":\"serang\",\"name\":\"Disdukcapil Kota Serang\",\"address\":\"Jl. Jenderal Sudirman No. 1, Kota "
        "Serang, Banten\",\"lat\":-6.1187,\"lon\":106.154,\"delivery\":false,\"next_free_day\":\"2026-11-30\","
        "\"next_free_at\":\"2026-11-30T08:00:00+07:00\"},{\"id\":\"serang-kasemen\",\"name\":\"Kecamatan Kasemen\","
        "\"address\":\"Kantor Kecamatan Kasemen, Jl. Raya Kasemen, Kota Serang, Banten\",\"lat\":-6.0573,\"lon\":106.1716,"
        "\"delivery\":false,\"next_free_day\":\"2026-11-30\",\"next_free_at\":\"2026-11-30T08:00:00+07:00\"}]");
  std::string rekam = d.Sites("rekam");
  CHECK(Has(rekam, "\"id\":\"serang-mpp\""));
  for (const char* personal : {"petugas", "password", "token", "nik", "phone"}) CHECK_FALSE(Has(rekam, personal));

  // After the same-day cutoff (12:00) today is gone; on a Friday afternoon the next is Monday.
  d.Clock("2026-11-30T13:00:00+07:00");
  CHECK(Has(d.Sites("ikd"), "\"next_free_day\":\"2026-12-01\""));
  d.Clock("2026-12-04T13:00:00+07:00");
  CHECK(Has(d.Sites("ikd"), "\"next_free_day\":\"2026-12-07\",\"next_free_at\":\"2026-12-07T08:00:00+07:00\""));
}

TEST_CASE("ServiceSites: a closed service or a closed site is not offered; a service nobody offers is 404") {
  Demo d;
  d.Clock("2026-11-30T07:00:00+07:00");
  std::string admin = Login(*d.cli, "admin", "admin-demo");
  REQUIRE(d.Post("/api/v1/sites/serang-kasemen/admin/services/akta", admin, "{\"open\":false}")->status == 200);
  CHECK_FALSE(Has(d.Sites("akta"), "serang-kasemen"));
  REQUIRE(d.Post("/api/v1/admin/sites/serang-mpp", admin, "{\"open\":false}")->status == 200);
  std::string cetak = d.Sites("cetak");
  CHECK(Has(cetak, "\"id\":\"serang\""));
  CHECK_FALSE(Has(cetak, "serang-mpp"));

  std::string none = d.Sites("paspor", 404);
  CHECK(JsonField(none, "code") == "not_found");
  CHECK(JsonField(d.Sites("a.b", 400), "code") == "invalid_input");
}

TEST_CASE("ServiceSites: an admin moves a site on the map; half a point or one off the map is 400") {
  Demo d;
  std::string admin = Login(*d.cli, "admin", "admin-demo");
  auto moved = d.Post("/api/v1/admin/sites/serang-kasemen", admin, "{\"lat\":-6.05,\"lon\":106.18}");
  REQUIRE(moved->status == 200);
  CHECK(Has(moved->body, "\"lat\":-6.05,\"lon\":106.18"));
  CHECK(Has(d.cli->Get("/api/v1/sites")->body, "\"lat\":-6.05,\"lon\":106.18"));
  for (const char* bad : {"{\"lat\":-6.05}", "{\"lat\":91,\"lon\":106}", "{\"lat\":-6,\"lon\":\"106\"}",
                          "{\"lat\":null,\"lon\":106}"}) {
    CAPTURE(bad);
    auto res = d.Post("/api/v1/admin/sites/serang-kasemen", admin, bad);
    CHECK(res->status == 400);
    CHECK(JsonField(res->body, "code") == "invalid_input");
  }
  auto removed = d.Post("/api/v1/admin/sites/serang-kasemen", admin, "{\"lat\":null,\"lon\":null}");
  REQUIRE(removed->status == 200);
  CHECK(Has(removed->body, "\"lat\":null,\"lon\":null"));
  auto created = d.Post("/api/v1/admin/sites", admin,
                        "{\"id\":\"walantaka\",\"name\":\"Kecamatan Walantaka\",\"time_zone\":\"Asia/Jakarta\","
                        "\"lat\":-6.13,\"lon\":106.22}");
  REQUIRE(created->status == 201);
  CHECK(Has(created->body, "\"lat\":-6.13,\"lon\":106.22"));
}

TEST_CASE("ServiceSites: check-config wants lat and lon together and on the map") {
  TempDir dir;
  std::ifstream in(std::string(ANTRE_ASSETS_DIR) + "/demo-office.json");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string office = ss.str();
  const std::string pair = "\"lat\": -6.1187,\n      \"lon\": 106.1540,";
  REQUIRE(office.find(pair) != std::string::npos);
  for (auto [edit, reason] : {std::pair{"\"lat\": -6.1187,", "lat and lon must both be numbers"},
                              {"\"lat\": -96.1, \"lon\": 106.1,", "lat must be -90..90"}}) {
    std::string text = office;
    text.replace(text.find(pair), pair.size(), edit);
    std::ofstream(dir.File("c.json")) << text;
    std::string out;
    CHECK(RunServerCommand({"check-config", dir.File("c.json")}, &out) != 0);
    CHECK(Has(out, std::string("sites[0]: ") + reason));
  }
}
