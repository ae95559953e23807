// HTTPS on the transport itself: a self-signed certificate made with the openssl CLI.
#include <curl/curl.h>

#include <cstdlib>

#include "../support/temp_dir.h"
#include "http_test_support.h"

using namespace antre;

namespace {

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// GET over HTTPS with verification off; returns the status (or -1) and the body.
long HttpsGet(CURL* curl, const std::string& url, std::string* body) {
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
  if (curl_easy_perform(curl) != CURLE_OK) return -1;
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  return status;
}

// Test settings with a fresh self-signed certificate (openssl CLI) in `dir`.
TransportSettings TlsSettings(const TempDir& dir) {
  TransportSettings s = TestSettings();
  s.tls_cert = dir.File("cert.pem");
  s.tls_key = dir.File("key.pem");
  std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " + s.tls_key +
                    " -out " + s.tls_cert + " >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return s;
}

}  // namespace

TEST_CASE("TLS: HTTPS requests are served and kept alive; plain HTTP and a silent client are not") {
  TempDir dir;
  TransportSettings s = TlsSettings(dir);
  s.limits.head_timeout_ms = 300;
  TestServer server(s, [](const HttpRequest& req, HttpResponse& res) {
    res.SetContent("secure " + req.path + " " + req.Query("q"), "text/plain");
  });
  std::string url = "https://127.0.0.1:" + std::to_string(server.port());
  CURL* curl = curl_easy_init();
  REQUIRE(curl);
  std::string body;
  CHECK(HttpsGet(curl, url + "/hello?q=1", &body) == 200);
  CHECK(body == "secure /hello 1");
  body.clear();
  CHECK(HttpsGet(curl, url + "/again", &body) == 200);
  CHECK(body == "secure /again ");
  long connects = -1;
  curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &connects);
  CHECK(connects == 0);  // the second request reused the TLS connection
  curl_easy_cleanup(curl);

  RawConn plain(server.port());
  REQUIRE(plain.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  CHECK(plain.WaitClosed(2000));
  CHECK(plain.received().find("secure") == std::string::npos);

  // The handshake has the head deadline too.
  RawConn silent(server.port());
  auto start = TestClock::now();
  CHECK(silent.WaitClosed(2000));
  CHECK(MsSince(start) < 1000);
}

TEST_CASE("TLS: a stream client that goes away is dropped (the readability watch works under TLS)") {
  TempDir dir;
  TransportSettings s = TlsSettings(dir);
  auto probe = std::make_shared<TestSource::Probe>();
  TestServer server(s, [&](const HttpRequest&, HttpResponse& res) {
    auto source = std::make_shared<TestSource>(probe, std::chrono::milliseconds(10000));
    source->Push("data: hello\n\n");
    res.content_type = "text/event-stream";
    res.stream = source;
  });
  CURL* curl = curl_easy_init();
  REQUIRE(curl);
  // curl gives up after 500 ms of an open stream and closes the connection.
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, ("https://127.0.0.1:" + std::to_string(server.port()) + "/events").c_str());
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 500L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  CHECK(curl_easy_perform(curl) == CURLE_OPERATION_TIMEDOUT);
  curl_easy_cleanup(curl);
  CHECK(body == "data: hello\n\n");
  auto start = TestClock::now();
  while (!probe->is_destroyed && MsSince(start) < 2000) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(MsSince(start) < 1000);
  CHECK(probe->cancel_waits >= 1);
  CHECK(probe->is_destroyed);
}

TEST_CASE("TLS: a missing certificate is a Bind error") {
  TempDir dir;
  TransportSettings s = TestSettings();
  s.tls_cert = dir.File("none.pem");
  s.tls_key = dir.File("none-key.pem");
  Transport t(s, [](const HttpRequest&, HttpResponse&) {});
  auto bound = t.Bind();
  REQUIRE_FALSE(bound.ok());
  CHECK(bound.error().message.find("cannot load tls_cert") == 0);
  s.tls_key.clear();
  Transport half(s, [](const HttpRequest&, HttpResponse&) {});
  CHECK_FALSE(half.Bind().ok());
}
