// Black-box: static files through the real transport. cpp-httplib must not cut an answer again
// by the Range it parsed (as multipart for several) nor compress it a second time.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

std::string ReadAsset(const std::string& rel) {
  std::ifstream in(std::string(ANTRE_ASSETS_DIR) + "/web" + rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("Static: over HTTP, one range at most, gzip once, HEAD without a body") {
  TempDir dir;
  ServerProcess server(dir.File("s.db"));
  auto cli = server.Client();
  const std::string path = "/static/common.js";
  const std::string file = ReadAsset(path);
  REQUIRE(file.size() > 1000);
  const std::string size = std::to_string(file.size());

  auto whole = cli->Get(path.c_str(), {{"Accept-Encoding", "identity"}});
  REQUIRE(whole);
  CHECK(whole->status == 200);
  CHECK(whole->body == file);
  CHECK(whole->get_header_value("Content-Encoding") == "");

  auto many = cli->Get(path.c_str(), {{"Range", "bytes=0-,0-,0-,0-,0-,0-,0-,0-"}});
  REQUIRE(many);
  CHECK(many->status == 200);
  CHECK(many->body == file);
  CHECK(many->get_header_value("Content-Type") == "text/javascript; charset=utf-8");

  auto one = cli->Get(path.c_str(), {{"Range", "bytes=10-19"}, {"Accept-Encoding", "gzip"}});
  REQUIRE(one);
  CHECK(one->status == 206);
  CHECK(one->body == file.substr(10, 10));
  CHECK(one->get_header_value("Content-Range") == "bytes 10-19/" + size);
  CHECK(one->get_header_value("Content-Encoding") == "");

  auto past = cli->Get(path.c_str(), {{"Range", "bytes=99999999-"}});
  REQUIRE(past);
  CHECK(past->status == 416);
  CHECK(past->get_header_value("Content-Range") == "bytes */" + size);

  // The client inflates what it gets: one gzip layer gives the file back.
  auto zipped = cli->Get(path.c_str(), {{"Accept-Encoding", "gzip, deflate, br"}});
  REQUIRE(zipped);
  CHECK(zipped->status == 200);
  CHECK(zipped->get_header_value_count("Content-Encoding") == 1);
  CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
  CHECK(zipped->body == file);

  auto etag = cli->Get(path.c_str(), {{"If-None-Match", whole->get_header_value("ETag")}});
  REQUIRE(etag);
  CHECK(etag->status == 304);
  CHECK(etag->body.empty());

  auto head = cli->Head(path.c_str(), {{"Accept-Encoding", "identity"}});
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(head->get_header_value("Content-Length") == size);
  CHECK(head->get_header_value_count("Content-Length") == 1);

  // API answers go out as Dispatch wrote them: not cut by Range, not compressed.
  auto api = cli->Get("/api/v1/health", {{"Range", "bytes=0-3"}, {"Accept-Encoding", "gzip, br"}});
  REQUIRE(api);
  CHECK(api->status == 200);
  CHECK(api->get_header_value("Content-Encoding") == "");
  CHECK(api->body.find("\"status\":\"ok\"") != std::string::npos);

  auto escape = cli->Get("/static/../../demo-office.json");
  REQUIRE(escape);
  CHECK(escape->status == 404);
  CHECK(escape->body.find("not_found") != std::string::npos);
}
