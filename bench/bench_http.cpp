#include "bench_http.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "bench_util.h"

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

double IssueMany(int port, int first, int count, const std::string& service, std::vector<double>* lat) {
  constexpr int kKiosks = 8;
  const char* services[] = {"rekam", "cetak", "kk", "akta", "ikd", "info"};
  std::mutex mu;
  std::atomic<int> ok{0};
  std::vector<std::thread> kiosks;
  auto t0 = Clock::now();
  for (int k = 0; k < kKiosks; ++k) {
    kiosks.emplace_back([&, k] {
      auto cli = NewClient(port);
      std::vector<double> mine;
      for (int i = first + k; i < first + count; i += kKiosks) {
        std::string body = "{\"service\":\"" + (service.empty() ? std::string(services[i % 6]) : service) + "\"}";
        auto at = Clock::now();
        // Keys as antre-kiosk makes them: a fixed part, then the attempt in 8 digits.
        char key[32];
        std::snprintf(key, sizeof key, "bench-%08d", i);
        auto r = cli->Post("/api/v1/sites/serang/tickets", Auth("demo-kiosk-token", key), body, "application/json");
        mine.push_back(Ms(at, Clock::now()));
        if (r && r->status == 201) ++ok;
      }
      std::lock_guard<std::mutex> lock(mu);
      if (lat) lat->insert(lat->end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : kiosks) t.join();
  double secs = Ms(t0, Clock::now()) / 1000.0;
  if (ok != count) {
    throw std::runtime_error("only " + std::to_string(ok.load()) + " of " + std::to_string(count) + " tickets issued");
  }
  return count / secs;
}

}  // namespace antre::bench
