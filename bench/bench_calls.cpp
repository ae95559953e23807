// Scenario 1: call to screen. Twenty libcurl event-stream clients; an officer presses Next
// 1,000 times; each client's receive time of each ticket.called minus the press time.
#include <curl/curl.h>

#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "bench_http.h"
#include "bench_util.h"
#include "client/sse_parser.h"
#include "scenarios.h"

namespace antre::bench {
namespace {

constexpr int kClients = 20;
constexpr int kCalls = 1000;

struct StreamClient {
  SseParser parser;
  std::mutex mu;
  std::map<std::string, Clock::time_point> called_at;  // ticket number -> receive time
  std::atomic<bool>* stop = nullptr;
};

size_t OnBytes(char* data, size_t size, size_t n, void* user) {
  auto* c = static_cast<StreamClient*>(user);
  auto now = Clock::now();
  std::vector<SseEvent> events;
  c->parser.Feed(std::string_view(data, size * n), &events);
  std::lock_guard<std::mutex> lock(c->mu);
  for (const auto& e : events) {
    if (e.type == "ticket.called") c->called_at.emplace(Field(e.data, "number"), now);
  }
  return size * n;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<StreamClient*>(user)->stop->load() ? 1 : 0;
}

void RunStream(StreamClient* c, int port) {
  CURL* curl = curl_easy_init();
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1/sites/serang/events";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBytes);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, c);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, c);
  curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

}  // namespace

Samples BenchCallToScreen() {
  Scratch dir;
  Server server(dir.File("calls.db"), {"--demo"});
  auto kiosk = NewClient(server.port());
  for (int i = 0; i < kCalls; ++i) {
    auto r = kiosk->Post("/api/v1/sites/serang/tickets", Auth("demo-kiosk-token"), "{\"service\":\"rekam\"}",
                         "application/json");
    if (!r || r->status != 201) throw std::runtime_error("issuing failed");
  }

  std::atomic<bool> stop{false};
  std::vector<std::unique_ptr<StreamClient>> clients;
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<StreamClient>());
    clients.back()->stop = &stop;
    threads.emplace_back(RunStream, clients.back().get(), server.port());
  }
  // Wait until the server counts all twenty streams.
  auto health = NewClient(server.port());
  for (int i = 0; i < 500; ++i) {
    auto r = health->Get("/api/v1/health");
    if (r && r->body.find("\"event_streams\":" + std::to_string(kClients)) != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }

  auto officer = NewClient(server.port());
  std::string token = Login(*officer, "petugas1", "petugas-demo");
  std::map<std::string, Clock::time_point> pressed_at;
  auto t0 = Clock::now();
  for (int i = 0; i < kCalls; ++i) {
    auto at = Clock::now();
    auto r = officer->Post("/api/v1/sites/serang/counters/1/next", Auth(token), "", "application/json");
    if (!r || r->status != 200) throw std::runtime_error("next failed");
    pressed_at[Field(r->body, "number")] = at;
  }
  double calls_per_s = kCalls / (Ms(t0, Clock::now()) / 1000.0);

  // Every client must see every call.
  auto deadline = Clock::now() + std::chrono::seconds(30);
  for (auto& c : clients) {
    while (Clock::now() < deadline) {
      {
        std::lock_guard<std::mutex> lock(c->mu);
        if (c->called_at.size() >= static_cast<size_t>(kCalls)) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  stop = true;
  for (auto& t : threads) t.join();

  std::vector<double> lat;
  size_t missed = 0;
  for (auto& c : clients) {
    for (const auto& [number, at] : pressed_at) {
      auto it = c->called_at.find(number);
      if (it == c->called_at.end()) {
        ++missed;
        continue;
      }
      lat.push_back(Ms(at, it->second));
    }
  }
  if (missed) throw std::runtime_error(std::to_string(missed) + " calls never reached a stream client");
  return {{"call -> 20 streams p50", "ms", Percentile(&lat, 0.50)},
          {"call -> 20 streams p99", "ms", Percentile(&lat, 0.99)},
          {"call -> 20 streams max", "ms", Percentile(&lat, 1.0)},
          {"next presses (sequential)", "calls/s", calls_per_s}};
}

}  // namespace antre::bench
