// The transport figures of issue 14, measured from outside against any antre-server binary
// (ANTRE_BENCH_SERVER for the old cpp-httplib one):
//   idle:     10,000 idle keep-alive connections + 2,000 event streams: server RSS, then an
//             officer's Next -> ticket.called received on every stream.
//   slowhead: 1,000 slow-header clients: health latency and 2 kiosks' ticket rate meanwhile.
//   board:    keep-alive GET of the board: requests/s (wrk when installed).
// Every wait is bounded: a server that cannot take the load fails the scenario, it never hangs.
#include <curl/curl.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "bench_http.h"
#include "bench_sockets.h"
#include "bench_util.h"
#include "client/sse_parser.h"
#include "scenarios.h"

namespace antre::bench {
namespace {

// ---- event streams on one curl multi thread ----------------------------------------------

// Many event-stream clients read by one thread; counts, per ticket number, how many streams
// have received its ticket.called and when the last one did.
class StreamFanOut {
 public:
  StreamFanOut(int port, int n) : clients_(static_cast<size_t>(n)) {
    thread_ = std::thread([this, port] { Run(port); });
  }
  ~StreamFanOut() {
    stop_ = true;
    thread_.join();
  }
  // Waits up to `ms` for every stream to be answered 200; returns how many were.
  int WaitConnected(int ms) {
    for (int i = 0; i < ms / 10 && connected_ < static_cast<int>(clients_.size()) && !done_; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return connected_;
  }
  // Waits up to `ms` until `number`'s call reached every stream; returns when the last one
  // got it, or nothing if some never did.
  bool WaitCalled(const std::string& number, int ms, Clock::time_point* last, int* reached) {
    std::unique_lock<std::mutex> lock(mu_);
    bool ok = cv_.wait_for(lock, std::chrono::milliseconds(ms),
                           [&] { return calls_[number].first >= static_cast<int>(clients_.size()); });
    *last = calls_[number].second;
    *reached = calls_[number].first;
    return ok;
  }

 private:
  struct Client {
    StreamFanOut* owner = nullptr;
    CURL* curl = nullptr;
    SseParser parser;
    bool is_open = false;
  };

  static size_t OnBytes(char* data, size_t size, size_t n, void* user) {
    auto* c = static_cast<Client*>(user);
    auto now = Clock::now();
    if (!c->is_open) {
      long code = 0;
      curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
      if (code != 200) return 0;  // a refused stream ends here
      c->is_open = true;
      ++c->owner->connected_;
    }
    std::vector<SseEvent> events;
    c->parser.Feed(std::string_view(data, size * n), &events);
    for (const auto& e : events) {
      if (e.type != "ticket.called") continue;
      std::lock_guard<std::mutex> lock(c->owner->mu_);
      auto& call = c->owner->calls_[Field(e.data, "number")];
      ++call.first;
      call.second = now;
      c->owner->cv_.notify_all();
    }
    return size * n;
  }

  void Run(int port) {
    CURLM* multi = curl_multi_init();
    std::string url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1/sites/serang/events";
    for (auto& c : clients_) {
      c.owner = this;
      c.curl = curl_easy_init();
      curl_easy_setopt(c.curl, CURLOPT_URL, url.c_str());
      curl_easy_setopt(c.curl, CURLOPT_WRITEFUNCTION, OnBytes);
      curl_easy_setopt(c.curl, CURLOPT_WRITEDATA, &c);
      curl_easy_setopt(c.curl, CURLOPT_TCP_NODELAY, 1L);
      curl_easy_setopt(c.curl, CURLOPT_CONNECTTIMEOUT_MS, 20000L);
      curl_multi_add_handle(multi, c.curl);
    }
    int running = 0;
    while (!stop_) {
      curl_multi_perform(multi, &running);
      if (running == 0) break;  // every stream ended (refused or closed)
      curl_multi_poll(multi, nullptr, 0, 5, nullptr);
    }
    done_ = true;
    for (auto& c : clients_) {
      curl_multi_remove_handle(multi, c.curl);
      curl_easy_cleanup(c.curl);
    }
    curl_multi_cleanup(multi);
  }

  std::vector<Client> clients_;
  std::thread thread_;
  std::atomic<bool> stop_{false}, done_{false};
  std::atomic<int> connected_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, std::pair<int, Clock::time_point>> calls_;  // number -> streams reached, last at
};

std::string Label(const std::string& scenario, const std::string& what, const std::string& note) {
  return scenario + ": " + what + note;
}

}  // namespace

// ---- idle --------------------------------------------------------------------------------

Samples BenchIdleConnections() {
  constexpr int kIdle = 10000, kWantedStreams = 2000, kPresses = 200;
  if (RaiseFdLimit(kIdle + kWantedStreams + 1000) < kIdle + kWantedStreams + 200) {
    throw std::runtime_error("RLIMIT_NOFILE cannot be raised to " + std::to_string(kIdle + kWantedStreams + 200));
  }
  Scratch dir;
  // Servers that cap max_streams at 1,000 get 1,000 streams; the old cpp-httplib one may also
  // refuse the transport keys, then it runs with its own defaults. The label says which.
  const std::map<std::string, int> transport = {{"max_connections", kIdle + kWantedStreams + 1000},
                                                {"max_connections_per_address", kIdle + kWantedStreams + 500},
                                                {"keep_alive_seconds", 600}};
  auto with_streams = [&](int n) {
    auto limits = transport;
    limits["max_streams"] = n;
    limits["max_streams_per_address"] = n;  // every stream comes from 127.0.0.1
    return limits;
  };
  size_t used = 0;
  auto server = StartWithLimits(dir, dir.File("idle.db"),
                                {with_streams(kWantedStreams), with_streams(1000), {{"max_streams", 1000}}}, &used);
  const int streams = used == 0 ? kWantedStreams : 1000;
  const std::string note = used == 2 ? " [no transport limits]" : "";
  IssueMany(server->port(), 0, kPresses, "rekam", nullptr);

  IdleConnections idle(server->port(), kIdle, 90000);
  StreamFanOut fan(server->port(), streams);
  int connected = fan.WaitConnected(60000);
  if (connected < streams) {
    throw std::runtime_error("only " + std::to_string(connected) + " of " + std::to_string(streams) +
                             " event streams were accepted next to " + std::to_string(kIdle) + " idle connections");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // settle before reading RSS
  const double rss = RssMiB(server->pid());

  auto officer = NewClient(server->port());
  officer->set_read_timeout(10, 0);
  std::string token = Login(*officer, "petugas1", "petugas-demo");
  std::vector<double> lat;
  for (int i = 0; i < kPresses; ++i) {
    auto at = Clock::now();
    auto r = officer->Post("/api/v1/sites/serang/counters/1/next", Auth(token), "", "application/json");
    if (!r || r->status != 200) throw std::runtime_error("next failed at press " + std::to_string(i));
    std::string number = Field(r->body, "number");
    Clock::time_point last;
    int reached = 0;
    if (!fan.WaitCalled(number, 10000, &last, &reached)) {
      throw std::runtime_error("ticket.called " + number + " reached " + std::to_string(reached) + " of " +
                               std::to_string(streams) + " streams in 10 s");
    }
    lat.push_back(Ms(at, last));
  }
  const std::string load = std::to_string(kIdle / 1000) + "k idle + " + std::to_string(streams) + " streams";
  return {{Label("idle", "server RSS, " + load, note), "MiB", rss},
          {Label("idle", "next -> all " + std::to_string(streams) + " streams p50", note), "ms", Percentile(&lat, 0.5)},
          {Label("idle", "next -> all " + std::to_string(streams) + " streams p99", note), "ms", Percentile(&lat, 0.99)},
          {Label("idle", "idle connections still open at the end", note), "count", double(idle.StillOpen())}};
}

// ---- slowhead ------------------------------------------------------------------------------

Samples BenchSlowHeaders() {
  constexpr int kSlow = 1000, kHealth = 500, kKiosks = 2;
  RaiseFdLimit(kSlow + 1000);
  Scratch dir;
  size_t used = 0;
  auto server = StartWithLimits(dir, dir.File("slow.db"), {{{"max_connections_per_address", kSlow + 200}}, {}}, &used);
  const std::string note = used == 1 ? " [no transport limits]" : "";
  SlowHeaders slow(server->port(), kSlow, 3000);
  if (slow.open() < kSlow) {
    throw std::runtime_error("only " + std::to_string(slow.open()) + " of " + std::to_string(kSlow) +
                             " slow-header clients could connect");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // every attacker has dripped

  std::atomic<bool> stop{false};
  std::atomic<int> issued{0};
  std::vector<std::thread> kiosks;
  for (int k = 0; k < kKiosks; ++k) {
    kiosks.emplace_back([&, k] {
      auto cli = NewClient(server->port());
      cli->set_connection_timeout(5, 0);
      cli->set_read_timeout(5, 0);
      for (int i = 0; !stop && i < 100000; ++i) {
        auto r = cli->Post("/api/v1/sites/serang/tickets", Auth("demo-kiosk-token", "slow-" + std::to_string(k) + "-" + std::to_string(i)),
                           "{\"service\":\"rekam\"}", "application/json");
        if (r && r->status == 201) ++issued;
      }
    });
  }
  std::vector<double> lat;
  int failed = 0;
  const auto t0 = Clock::now();
  const auto deadline = t0 + std::chrono::seconds(60);
  for (int i = 0; i < kHealth && Clock::now() < deadline; ++i) {
    httplib::Client cli("127.0.0.1", server->port());  // a fresh visitor each time
    cli.set_connection_timeout(5, 0);
    cli.set_read_timeout(5, 0);
    auto at = Clock::now();
    auto r = cli.Get("/api/v1/health");
    lat.push_back(Ms(at, Clock::now()));  // a failure counts with the time it took
    if (!r || r->status != 200) ++failed;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const double secs = Ms(t0, Clock::now()) / 1000.0;
  stop = true;
  for (auto& t : kiosks) t.join();
  if (static_cast<int>(lat.size()) < kHealth) {
    throw std::runtime_error("only " + std::to_string(lat.size()) + " of 500 health requests in 60 s under " +
                             std::to_string(kSlow) + " slow-header clients");
  }
  return {{Label("slowhead", "health p50, 1k slow headers", note), "ms", Percentile(&lat, 0.5)},
          {Label("slowhead", "health p99, 1k slow headers", note), "ms", Percentile(&lat, 0.99)},
          {Label("slowhead", "health failed of 500", note), "count", double(failed)},
          {Label("slowhead", "tickets/s, 2 kiosks meanwhile", note), "tickets/s", issued / secs},
          {Label("slowhead", "slow clients closed by server", note), "count", double(slow.closed())}};
}

// ---- board ---------------------------------------------------------------------------------

namespace {

// wrk's Requests/sec for 5 s of 50 keep-alive connections; -1 if wrk is not installed.
double WrkRequestsPerSecond(const std::string& url) {
  if (access("/usr/bin/wrk", X_OK) != 0) return -1;
  FILE* p = popen(("timeout 30 /usr/bin/wrk -t2 -c50 -d5s --timeout 5s " + url + " 2>&1").c_str(), "r");
  if (!p) return -1;
  std::string out;
  char buf[512];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  if (out.find("Non-2xx") != std::string::npos) throw std::runtime_error("wrk saw errors: " + out);
  size_t at = out.find("Requests/sec:");
  if (at == std::string::npos) throw std::runtime_error("wrk gave no Requests/sec: " + out);
  return std::atof(out.c_str() + at + 13);
}

// The same with 50 threads of keep-alive cpp-httplib clients, when wrk is missing.
double LoopRequestsPerSecond(int port, const std::string& path) {
  std::atomic<long> ok{0}, failed{0};
  std::vector<std::thread> threads;
  const auto t0 = Clock::now();
  const auto end = t0 + std::chrono::seconds(5);
  for (int i = 0; i < 50; ++i) {
    threads.emplace_back([&] {
      auto cli = NewClient(port);
      cli->set_read_timeout(5, 0);
      while (Clock::now() < end) {
        auto r = cli->Get(path);
        (r && r->status == 200 ? ok : failed)++;
      }
    });
  }
  for (auto& t : threads) t.join();
  if (failed) throw std::runtime_error(std::to_string(failed.load()) + " board requests failed");
  return ok / (Ms(t0, Clock::now()) / 1000.0);
}

}  // namespace

Samples BenchBoard() {
  Scratch dir;
  Server server(dir.File("board.db"), {"--config", TestOffice()});
  IssueMany(server.port(), 0, 40, "", nullptr);  // a board with tickets on it
  const std::string path = "/api/v1/sites/serang/board";
  double rps = WrkRequestsPerSecond("http://127.0.0.1:" + std::to_string(server.port()) + path);
  const bool has_wrk = rps >= 0;
  if (!has_wrk) rps = LoopRequestsPerSecond(server.port(), path);
  return {{std::string("board: keep-alive GET board, 50 conns") + (has_wrk ? " (wrk)" : " (C++ loop)"), "req/s", rps}};
}

}  // namespace antre::bench
