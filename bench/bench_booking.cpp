// Scenario 3: booking rush. 5,000 booking requests over 500 keep-alive connections (500
// threads, ten requests each) released at once for one slot of 200 places; exactly 200 must
// get a booking, every other answer a clean 409 slot_full.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "bench_http.h"
#include "bench_util.h"
#include "scenarios.h"

namespace antre::bench {
namespace {

constexpr int kConnections = 500;
constexpr int kPerConnection = 10;
constexpr int kRequests = kConnections * kPerConnection;
constexpr int kPlaces = 200;

// The demo office with every slot holding kPlaces.
std::string RushConfig() {
  std::string cfg = ReadFile(AssetsDir() + "/demo-office.json");
  const std::string from = "\"capacity\": 10";
  size_t p = cfg.find(from);
  if (p == std::string::npos) throw std::runtime_error("demo config has no \"capacity\": 10");
  cfg.replace(p, from.size(), "\"capacity\": " + std::to_string(kPlaces));
  // The rush measures the server's booking path, not the browsers' proof of work (a real
  // rush spends about a second of each phone's time before the request is sent).
  const std::string pow = "\"pow_bits\": 16";
  p = cfg.find(pow);
  if (p == std::string::npos) throw std::runtime_error("demo config has no \"pow_bits\": 16");
  cfg.replace(p, pow.size(), "\"pow_bits\": 0");
  return cfg;
}

std::string BookingBody(int i) {
  char nik[32], phone[32];
  std::snprintf(nik, sizeof nik, "367301150590%04d", (i % 9999) + 1);  // valid: Kota Serang, 15-05-1990
  std::snprintf(phone, sizeof phone, "0812%08d", 10000000 + i % 10000000);
  return std::string("{\"nik\":\"") + nik + "\",\"name\":\"Warga " + std::to_string(i) + "\",\"phone\":\"" + phone +
         "\",\"service\":\"rekam\",\"slot_start\":\"2026-12-01T09:00:00+07:00\"}";
}

}  // namespace

Samples BenchBookingRush() {
  Scratch dir;
  WriteFile(dir.File("rush.json"), RushConfig());
  Server server(dir.File("rush.db"), {"--config", dir.File("rush.json"), "--test-clock"});
  {
    auto cli = NewClient(server.port());
    auto r = cli->Post("/api/v1/test/clock", "{\"now\":\"2026-11-30T07:00:00+07:00\"}", "application/json");
    if (!r || r->status != 200) throw std::runtime_error("test clock refused");
  }
  std::mutex mu;
  std::condition_variable go;
  bool released = false;
  std::atomic<int> booked{0}, full{0}, other{0};
  std::vector<double> lat;
  std::vector<std::thread> residents;
  residents.reserve(kConnections);
  for (int c = 0; c < kConnections; ++c) {
    residents.emplace_back([&, c] {
      httplib::Client cli("127.0.0.1", server.port());
      cli.set_tcp_nodelay(true);
      cli.set_keep_alive(true);
      cli.set_connection_timeout(60, 0);
      cli.set_read_timeout(60, 0);
      {
        std::unique_lock<std::mutex> lock(mu);
        go.wait(lock, [&] { return released; });
      }
      std::vector<double> mine;
      for (int k = 0; k < kPerConnection; ++k) {
        auto at = Clock::now();
        auto r = cli.Post("/api/v1/sites/serang/bookings", BookingBody(c * kPerConnection + k), "application/json");
        mine.push_back(Ms(at, Clock::now()));
        if (r && r->status == 201) ++booked;
        else if (r && r->status == 409 && r->body.find("slot_full") != std::string::npos) ++full;
        else ++other;
      }
      std::lock_guard<std::mutex> lock(mu);
      lat.insert(lat.end(), mine.begin(), mine.end());
    });
  }
  auto t0 = Clock::now();
  {
    std::lock_guard<std::mutex> lock(mu);
    released = true;
  }
  go.notify_all();
  for (auto& t : residents) t.join();
  double secs = Ms(t0, Clock::now()) / 1000.0;
  if (booked != kPlaces || other != 0) {
    throw std::runtime_error("booking rush: " + std::to_string(booked.load()) + " booked, " +
                             std::to_string(full.load()) + " slot_full, " + std::to_string(other.load()) + " other");
  }
  return {{"booking rush: bookings for 200 places", "count", static_cast<double>(booked.load())},
          {"booking rush, 5,000 requests over 500 connections", "requests/s", kRequests / secs},
          {"booking rush latency p99", "ms", Percentile(&lat, 0.99)}};
}

}  // namespace antre::bench
