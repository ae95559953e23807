#include "bench_http.h"

#include <stdexcept>

namespace antre::bench {

std::unique_ptr<httplib::Client> NewClient(int port) {
  auto cli = std::make_unique<httplib::Client>("127.0.0.1", port);
  cli->set_tcp_nodelay(true);
  cli->set_keep_alive(true);
  cli->set_connection_timeout(30, 0);
  cli->set_read_timeout(60, 0);
  cli->set_write_timeout(60, 0);
  return cli;
}

std::string Login(httplib::Client& cli, const std::string& user, const std::string& password) {
  auto res = cli.Post("/api/v1/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
                      "application/json");
  if (!res || res->status != 200) throw std::runtime_error("login failed for " + user);
  return Field(res->body, "token");
}

httplib::Headers Auth(const std::string& token, const std::string& key) {
  httplib::Headers h = {{"Authorization", "Bearer " + token}};
  if (!key.empty()) h.emplace("Idempotency-Key", key);
  return h;
}

std::string Field(const std::string& body, const std::string& key) {
  std::string pat = "\"" + key + "\":\"";
  size_t p = body.find(pat);
  if (p == std::string::npos) return "";
  p += pat.size();
  size_t e = body.find('"', p);
  return e == std::string::npos ? "" : body.substr(p, e - p);
}

}  // namespace antre::bench
