// Scenario 1: call to screen. N libcurl event-stream clients (20, or 1,000 on one curl multi
// thread) with 10,000 tickets waiting; an officer presses Next 1,000 times; each client's
// receive time of each ticket.called minus the press time.
#include <curl/curl.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "bench_http.h"
#include "bench_util.h"
#include "client/sse_parser.h"
#include "scenarios.h"

namespace antre::bench {
namespace {

constexpr int kCalls = 1000;

struct StreamClient {
  SseParser parser;
  std::map<std::string, Clock::time_point> called_at;  // ticket number -> receive time
  bool connected = false;
};

size_t OnBytes(char* data, size_t size, size_t n, void* user) {
  auto* c = static_cast<StreamClient*>(user);
  auto now = Clock::now();
  std::vector<SseEvent> events;
  c->parser.Feed(std::string_view(data, size * n), &events);
  c->connected = true;
  for (const auto& e : events) {
    if (e.type == "ticket.called") c->called_at.emplace(Field(e.data, "number"), now);
  }
  return size * n;
}

// Reads every stream on one thread (curl multi), so a thousand streams cost the benchmark one
// thread, not a thousand; *connected counts streams that have received their first bytes.
// Returns once *stop is set or every client has seen *expected calls (when it is > 0).
void RunStreams(std::vector<std::unique_ptr<StreamClient>>* clients, int port, std::atomic<bool>* stop,
                std::atomic<int>* connected, std::atomic<int>* expected) {
  CURLM* multi = curl_multi_init();
  std::vector<CURL*> handles;
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1/sites/serang/events";
  for (auto& c : *clients) {
    CURL* curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBytes);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, c.get());
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    curl_multi_add_handle(multi, curl);
    handles.push_back(curl);
  }
  int running = 0;
  while (!stop->load()) {
    curl_multi_perform(multi, &running);
    int n = 0, complete = 0;
    for (auto& c : *clients) {
      n += c->connected ? 1 : 0;
      complete += expected->load() > 0 && c->called_at.size() >= static_cast<size_t>(expected->load()) ? 1 : 0;
    }
    *connected = n;
    if (complete == static_cast<int>(clients->size())) break;
    curl_multi_poll(multi, nullptr, 0, 5, nullptr);
  }
  for (CURL* h : handles) {
    curl_multi_remove_handle(multi, h);
    curl_easy_cleanup(h);
  }
  curl_multi_cleanup(multi);
}

}  // namespace

Samples BenchCallToScreen(int streams, int waiting) {
  Scratch dir;
  std::unique_ptr<Server> started;
  try {
    started = std::make_unique<Server>(dir.File("calls.db"), std::vector<std::string>{"--config", LoadTestOffice(dir, streams)});
  } catch (const std::runtime_error&) {  // an older server refuses the newer limits
    started = std::make_unique<Server>(dir.File("calls-old.db"),
                                       std::vector<std::string>{"--config", LoadTestOffice(dir, streams, true)});
  }
  Server& server = *started;
  IssueMany(server.port(), 0, waiting + kCalls, "rekam", nullptr);

  std::atomic<bool> stop{false};
  std::atomic<int> connected{0}, expected{0};
  std::vector<std::unique_ptr<StreamClient>> clients;
  for (int i = 0; i < streams; ++i) clients.push_back(std::make_unique<StreamClient>());
  std::thread reader(RunStreams, &clients, server.port(), &stop, &connected, &expected);
  for (int i = 0; i < 3000 && connected < streams; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (connected < streams) {
    stop = true;
    reader.join();
    throw std::runtime_error("only " + std::to_string(connected.load()) + " of " + std::to_string(streams) +
                             " event streams were accepted");
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
  // Every client must see every call; the reader thread owns the clients until it returns.
  expected = kCalls;
  std::thread timer([&] {
    for (int i = 0; i < 3000 && !stop; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stop = true;
  });
  reader.join();
  stop = true;
  timer.join();

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
  std::string label = "call -> " + std::to_string(streams) + " streams, " + std::to_string(waiting) + " waiting";
  return {{label + " p50", "ms", Percentile(&lat, 0.50)},
          {label + " p99", "ms", Percentile(&lat, 0.99)},
          {label + " max", "ms", Percentile(&lat, 1.0)},
          {"next presses (sequential), " + std::to_string(waiting) + " waiting", "calls/s", calls_per_s}};
}

}  // namespace antre::bench
