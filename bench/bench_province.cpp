// Scenario 7: a province (issue 16 item 5). The sites are made through the admin API on a new
// database, then N antre-server processes start on it (N = 3 on PostgreSQL, 1 on SQLite):
// - the day: kiosk threads issue walk-in tickets at every site, each ticket through the next
//   process in turn, while officer threads press `next` on every counter (counter k through
//   process k mod N) and event streams, spread over sites and processes, watch the calls. A
//   call pressed on process X and seen by a stream on process Y != X is a cross-process sample;
// - the rush: each site's slot of a known number of places is released at the next minute
//   (`release_at`, no draw); the moment it opens, the booking requests go out over many
//   connections to every process. Exactly the places must be booked, every other answer a
//   409 slot_full, and no answer at all a 5xx.
#include "bench_province.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "bench_http.h"
#include "bench_util.h"
#include "scenarios.h"

namespace antre::bench {
namespace {

// Answers that must not happen, counted over every phase by every client thread.
class Tally {
 public:
  // Counts `r` if it is not `expected` (or a 409 carrying `also`); returns whether it was.
  bool Check(const httplib::Result& r, int expected, const std::string& what,
             const char* also = nullptr) {
    if (r && (r->status == expected ||
              (also && r->status == 409 && r->body.find(also) != std::string::npos)))
      return true;
    if (!r) {
      ++no_answer;
    } else if (r->status >= 500) {
      ++server_errors;
    } else {
      ++unexpected;
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (first_.empty())
      first_ = what + ": " +
               (r ? std::to_string(r->status) + " " + r->body.substr(0, 200) : "no answer");
    return false;
  }
  std::string first() {
    std::lock_guard<std::mutex> lock(mu_);
    return first_;
  }
  std::atomic<int> server_errors{0}, no_answer{0}, unexpected{0};

 private:
  std::mutex mu_;
  std::string first_;
};

// ---- the day -------------------------------------------------------------------------------

struct Day {
  double tickets_per_s = 0, calls_per_s = 0, issue_p99 = 0, next_p99 = 0;
  int issued = 0, empty = 0;  // empty: `next` presses that found no ticket (204)
  std::vector<Press> presses;
};

// Issues tickets [first, first + count) (at `rate` a second, or as fast as the kiosks can when
// 0) while the officer threads call until every one of them has been called. Like a console
// showing the site's waiting count, an officer presses `next` only for a ticket known to wait
// at the site and not yet claimed by another counter's press; after a `next` that found
// nothing it waits kIdleRecheck at that counter. Every `next`, empty or not, is a write through
// the site's batch: officers polling 500 idle counters would load the writers with empty presses.
constexpr auto kIdleRecheck = std::chrono::milliseconds(250);

Day RunDay(const std::vector<int>& ports, const ProvinceOptions& o,
           const std::vector<std::string>& officer_tokens, int first, int count, double rate,
           Tally* tally) {
  const int n = static_cast<int>(ports.size());
  std::atomic<int> issued{0}, called{0}, empty{0};
  std::vector<std::atomic<int>> waiting(
      static_cast<size_t>(o.sites));  // issued, not yet claimed by a press
  std::atomic<bool> kiosks_done{false}, failed{false};
  std::mutex mu;
  Day day;
  std::vector<double> issue_lat, next_lat;
  auto t0 = Clock::now();
  std::vector<std::thread> kiosks, officers;
  for (int k = 0; k < o.kiosks; ++k) {
    kiosks.emplace_back([&, k] {
      std::vector<std::unique_ptr<httplib::Client>> cli;
      for (int p : ports) cli.push_back(NewClient(p));
      std::vector<double> mine;
      for (int i = first + k; i < first + count && !failed; i += o.kiosks) {
        if (rate > 0)
          std::this_thread::sleep_until(
              t0 + std::chrono::microseconds(static_cast<int64_t>((i - first) * 1e6 / rate)));
        const int s = i % o.sites;
        const char* service = (i / o.sites) % 2 ? "cetak" : "rekam";
        auto at = Clock::now();
        auto r = cli[static_cast<size_t>(i % n)]->Post(
            "/api/v1/sites/" + SiteId(s) + "/tickets",
            Auth(KioskToken(s), "walkin-" + std::to_string(i)),
            std::string("{\"service\":\"") + service + "\"}", "application/json");
        mine.push_back(Ms(at, Clock::now()));
        if (tally->Check(r, 201, "walk-in ticket")) {
          ++waiting[static_cast<size_t>(s)];
          ++issued;
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      issue_lat.insert(issue_lat.end(), mine.begin(), mine.end());
    });
  }
  const auto deadline =
      t0 + std::chrono::seconds(120 + count / 10 + (rate > 0 ? static_cast<int>(count / rate) : 0));
  for (int m = 0; m < o.officers; ++m) {
    officers.emplace_back([&, m] {
      std::vector<std::unique_ptr<httplib::Client>> cli;
      for (int p : ports) cli.push_back(NewClient(p));
      std::vector<Press> mine;
      std::vector<double> lat;
      std::map<int, Clock::time_point> due;  // counter -> when its officer presses again
      bool done = false;
      while (!done && !failed) {
        int pressed = 0;
        for (int k = m; k < o.sites * o.counters; k += o.officers) {
          if (kiosks_done && called >= issued) {
            done = true;
            break;
          }
          const int s = k / o.counters, process = k % n;
          std::atomic<int>& unclaimed = waiting[static_cast<size_t>(s)];
          int w = unclaimed.load();
          if (w <= 0 || Clock::now() < due[k] || !unclaimed.compare_exchange_strong(w, w - 1))
            continue;
          ++pressed;
          const std::string path = "/api/v1/sites/" + SiteId(s) + "/counters/" +
                                   std::to_string(k % o.counters + 1) + "/next";
          auto at = Clock::now();
          auto r = cli[static_cast<size_t>(process)]->Post(
              path, Auth(officer_tokens[static_cast<size_t>(s)]), "", "application/json");
          lat.push_back(Ms(at, Clock::now()));
          if (r && r->status == 200) {
            mine.push_back(Press{s, Field(r->body, "number"), at, process});
            ++called;
          } else if (tally->Check(r, 204, "next")) {
            ++unclaimed;  // the ticket is still to be called, by this counter or another
            ++empty;
            due[k] = Clock::now() + kIdleRecheck;
          } else {
            failed = true;
          }
        }
        if (Clock::now() > deadline) failed = true;
        if (pressed == 0 && !done) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      std::lock_guard<std::mutex> lock(mu);
      day.presses.insert(day.presses.end(), mine.begin(), mine.end());
      next_lat.insert(next_lat.end(), lat.begin(), lat.end());
    });
  }
  for (auto& t : kiosks) t.join();
  day.tickets_per_s = issued / (Ms(t0, Clock::now()) / 1000.0);
  kiosks_done = true;
  for (auto& t : officers) t.join();
  day.calls_per_s = called / (Ms(t0, Clock::now()) / 1000.0);
  day.issued = issued;
  day.empty = empty;
  day.issue_p99 = Percentile(&issue_lat, 0.99);
  day.next_p99 = Percentile(&next_lat, 0.99);
  if (failed || called != issued || issued != count) {
    throw std::runtime_error("the day: " + std::to_string(issued.load()) + " of " +
                             std::to_string(count) + " tickets issued, " +
                             std::to_string(called.load()) +
                             " called; first error: " + tally->first());
  }
  return day;
}

// ---- the booking rush ----------------------------------------------------------------------

struct Rush {
  int booked = 0, full = 0;
  double secs = 0, per_s = 0, p50 = 0, p99 = 0;
  std::vector<int> per_site;
};

// A valid NIK per (site, request): the site in the regency code, the request in birth day and
// sequence, so no two requests share one (a NIK may hold one booking per service).
std::string Nik(int s, int j) {
  char nik[40];
  std::snprintf(nik, sizeof nik, "36%02d01%02d0590%04d", s % 99 + 1, (j / 9999) % 28 + 1,
                j % 9999 + 1);
  return nik;
}

std::string Date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

Rush RunRush(const std::vector<int>& ports, const ProvinceOptions& o, Tally* tally) {
  const int n = static_cast<int>(ports.size());
  // Asia/Jakarta is UTC+7 all year. The release is a whole minute far enough ahead for the
  // rules to reach every process (under load, 50 rule changes each make every process read the
  // sites again, which took over 10 s once); the slot is the day after it, at 09:00. If the
  // rules were not everywhere before the minute came, try again with a later one.
  constexpr std::time_t kOffset = 7 * 3600;
  auto admin_cli = NewClient(ports[0]);
  const std::string admin = Login(*admin_cli, "admin", "admin-demo");
  std::time_t release = 0, margin = 20;
  std::string day, slots;
  for (int attempt = 0;; ++attempt) {
    const auto t0 = std::chrono::system_clock::now();
    std::time_t local = std::time(nullptr) + kOffset;
    release = ((local + margin) / 60 + 1) * 60;
    std::tm tm{};
    gmtime_r(&release, &tm);
    char hhmm[8];
    std::strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
    day = Date(release + 86400);
    slots = "/slots?service=rekam&from=" + day + "&to=" + day;
    for (int s = 0; s < o.sites; ++s) {
      auto r = admin_cli->Post(
          "/api/v1/sites/" + SiteId(s) + "/admin/booking", Auth(admin),
          std::string("{\"release_at\":\"") + hhmm + "\",\"release_draw_seconds\":0}",
          "application/json");
      if (!tally->Check(r, 200, "booking rules"))
        throw std::runtime_error("release_at refused: " + tally->first());
    }
    // Every process must list the day as opening at this release before the rush counts on it.
    const std::string opens = "\"opens_at\":\"" + Date(release) + "T" + hhmm + ":00+07:00\"";
    const auto deadline =
        std::chrono::system_clock::from_time_t(release - kOffset) - std::chrono::seconds(2);
    bool everywhere = true;
    for (int p = 0; p < n && everywhere; ++p) {
      auto cli = NewClient(ports[static_cast<size_t>(p)]);
      for (int s = 0; s < o.sites && everywhere; ++s) {
        bool held = false;
        while (!held && std::chrono::system_clock::now() < deadline) {
          auto r = cli->Get("/api/v1/sites/" + SiteId(s) + slots);
          held = r && r->status == 200 && r->body.find(opens) != std::string::npos;
          if (!held) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        everywhere = held;
      }
    }
    if (everywhere) break;
    if (attempt == 3)
      throw std::runtime_error("the release rules did not reach every process in time, 4 times");
    margin =
        2 * std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - t0)
                .count() +
        20;
    std::fprintf(stderr, "antre-bench: the release rules were late; again with %lld s of margin\n",
                 static_cast<long long>(margin));
  }
  const std::string slot = day + "T09:00:00+07:00";

  std::mutex mu;
  std::condition_variable go;
  bool released = false;
  std::atomic<int> full{0};
  std::vector<std::atomic<int>> booked(static_cast<size_t>(o.sites));
  std::vector<double> lat;
  std::vector<std::thread> residents;
  for (int c = 0; c < o.connections; ++c) {
    residents.emplace_back([&, c] {
      httplib::Client cli("127.0.0.1", ports[static_cast<size_t>(c % n)]);
      cli.set_tcp_nodelay(true);
      cli.set_keep_alive(true);
      cli.set_connection_timeout(60, 0);
      cli.set_read_timeout(120, 0);
      {
        std::unique_lock<std::mutex> lock(mu);
        go.wait(lock, [&] { return released; });
      }
      std::vector<double> mine;
      for (int i = c; i < o.bookings; i += o.connections) {
        const int s = i % o.sites;
        char phone[32];
        std::snprintf(phone, sizeof phone, "0812%08d", 10000000 + i % 80000000);
        std::string body = "{\"nik\":\"" + Nik(s, i / o.sites) + "\",\"name\":\"Warga " +
                           std::to_string(i) + "\",\"phone\":\"" + phone +
                           "\",\"service\":\"rekam\",\"slot_start\":\"" + slot + "\"}";
        auto at = Clock::now();
        auto r = cli.Post("/api/v1/sites/" + SiteId(s) + "/bookings", body, "application/json");
        mine.push_back(Ms(at, Clock::now()));
        if (r && r->status == 201) {
          ++booked[static_cast<size_t>(s)];
        } else if (tally->Check(r, 201, "booking", "slot_full")) {
          ++full;
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      lat.insert(lat.end(), mine.begin(), mine.end());
    });
  }
  // Wait for the release by the wall clock the servers use, then let everyone go at once.
  const auto opens =
      std::chrono::system_clock::from_time_t(release - kOffset) + std::chrono::milliseconds(20);
  std::this_thread::sleep_until(opens);
  auto t0 = Clock::now();
  {
    std::lock_guard<std::mutex> lock(mu);
    released = true;
  }
  go.notify_all();
  for (auto& t : residents) t.join();
  Rush rush;
  rush.secs = Ms(t0, Clock::now()) / 1000.0;
  rush.per_s = o.bookings / rush.secs;
  rush.full = full;
  for (auto& b : booked) {
    rush.per_site.push_back(b.load());
    rush.booked += b.load();
  }
  rush.p50 = Percentile(&lat, 0.50);
  rush.p99 = Percentile(&lat, 0.99);
  // Each slot must read full on a process other than the one that booked most of it.
  for (int s = 0; s < o.sites; ++s) {
    auto cli = NewClient(ports[static_cast<size_t>((s + 1) % n)]);
    auto r = cli->Get("/api/v1/sites/" + SiteId(s) + slots);
    if (!r || r->body.find("\"remaining\":0") == std::string::npos) {
      throw std::runtime_error(
          SiteId(s) + "'s slot does not read full after the rush: " + (r ? r->body : "no answer"));
    }
  }
  return rush;
}

// ---- one engine ----------------------------------------------------------------------------

Samples RunEngine(bool pg, const ProvinceOptions& o) {
  Scratch dir;
  std::unique_ptr<PgCluster> cluster;  // declared first: stopped after the servers
  if (pg) cluster = std::make_unique<PgCluster>();
  const std::string db = pg ? cluster->uri() : dir.File("province.db");
  const int n = pg ? o.processes : 1;
  const std::string label = std::string("province ") +
                            (pg ? "PG " + std::to_string(n) + " proc" : "SQLite 1 proc") + ": ";
  WriteFile(dir.File("seed.json"), SeedConfig());
  WriteFile(dir.File("load.json"), LoadConfig(o));

  auto t0 = Clock::now();
  {
    Server setup(db, {"--config", dir.File("seed.json")}, dir.File("setup.log"));
    CreateProvince(setup.port(), o);
  }
  const double setup_s = Ms(t0, Clock::now()) / 1000.0;
  std::vector<std::unique_ptr<Server>> servers;
  std::vector<int> ports;
  for (int p = 0; p < n; ++p) {
    servers.push_back(
        std::make_unique<Server>(db, std::vector<std::string>{"--config", dir.File("load.json")},
                                 dir.File("server-" + std::to_string(p) + ".log")));
    ports.push_back(servers.back()->port());
  }
  // Each officer logs in on one process and works counters on all of them.
  std::vector<std::string> tokens;
  for (int s = 0; s < o.sites; ++s) {
    auto cli = NewClient(ports[static_cast<size_t>(s % n)]);
    tokens.push_back(Login(*cli, OfficerName(s), kOfficerPassword));
  }

  std::vector<std::unique_ptr<StreamClient>> clients;
  for (int i = 0; i < o.streams; ++i) {
    clients.push_back(std::make_unique<StreamClient>());
    // The k-th stream of site s is on process (s + k) mod n: with n streams a site or more,
    // every site is watched on every process.
    clients.back()->site = i % o.sites;
    clients.back()->process = (i % o.sites + i / o.sites) % n;
  }
  std::atomic<bool> stop{false};
  std::atomic<int> ended{0};
  std::thread reader(RunStreams, &clients, &ports, &stop, &ended);
  auto all_connected = [&] {
    return std::all_of(clients.begin(), clients.end(),
                       [](const auto& c) { return c->connected.load(); });
  };
  for (int i = 0; i < 3000 && !all_connected(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  Tally tally;
  Day day, steady;
  // The day's walk-ins as fast as the kiosks go (capacity), then a steady stretch at the rate of
  // the issue's day compressed into minutes (latency under a load the servers keep up with).
  const double rate = o.steady_rate > 0 ? o.steady_rate : o.tickets / 300.0;
  const int steady_count = static_cast<int>(rate * o.steady_seconds);
  try {
    if (!all_connected()) throw std::runtime_error("not every event stream was accepted");
    day = RunDay(ports, o, tokens, 0, o.tickets, 0, &tally);
    if (steady_count > 0) steady = RunDay(ports, o, tokens, o.tickets, steady_count, rate, &tally);
  } catch (...) {
    stop = true;
    reader.join();
    throw;
  }
  // Every stream must see every call of its site; then the reader lets go of the clients.
  std::vector<int> expected(static_cast<size_t>(o.sites), 0);
  for (const Press& p : day.presses) ++expected[static_cast<size_t>(p.site)];
  for (const Press& p : steady.presses) ++expected[static_cast<size_t>(p.site)];
  auto all_seen = [&] {
    return std::all_of(clients.begin(), clients.end(), [&](const auto& c) {
      return c->seen.load() >= expected[static_cast<size_t>(c->site)];
    });
  };
  for (int i = 0; i < 3000 && !all_seen(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop = true;
  reader.join();

  std::vector<double> cross, same, steady_cross, steady_same, hop, steady_hop;
  int missed = 0;
  std::vector<std::vector<StreamClient*>> by_site(static_cast<size_t>(o.sites));
  for (auto& c : clients) by_site[static_cast<size_t>(c->site)].push_back(c.get());
  Latencies(day.presses, by_site, &same, &cross, &hop, &missed);
  Latencies(steady.presses, by_site, &steady_same, &steady_cross, &steady_hop, &missed);

  Samples out = {
      {label + "setup via admin API", "s", setup_s},
      {label + "walk-in tickets", "tickets/s", day.tickets_per_s},
      {label + "walk-in issue p99", "ms", day.issue_p99},
      {label + "next presses (all counters)", "calls/s", day.calls_per_s},
      {label + "next p99", "ms", day.next_p99},
  };
  auto add = [&](const std::string& name, const char* unit, double value) {
    out.push_back({label + name, unit, value});
  };
  if (n > 1) {
    add("call -> stream p50 (cross proc)", "ms", Percentile(&cross, 0.50));
    add("call -> stream p99 (cross proc)", "ms", Percentile(&cross, 0.99));
    add("call -> stream max (cross proc)", "ms", Percentile(&cross, 1.0));
    add("other proc's stream after own p50", "ms", Percentile(&hop, 0.50));
    add("other proc's stream after own p99", "ms", Percentile(&hop, 0.99));
  }
  add("call -> stream p50 (same proc)", "ms", Percentile(&same, 0.50));
  add("call -> stream p99 (same proc)", "ms", Percentile(&same, 0.99));
  add("next presses that found no ticket", "count", static_cast<double>(day.empty));
  add("steady: walk-ins and calls", "tickets/s", steady.tickets_per_s);
  add("steady: next presses that found no ticket", "count", static_cast<double>(steady.empty));
  add("steady: walk-in issue p99", "ms", steady.issue_p99);
  if (n > 1) {
    add("steady: call -> stream p50 (cross proc)", "ms", Percentile(&steady_cross, 0.50));
    add("steady: call -> stream p99 (cross proc)", "ms", Percentile(&steady_cross, 0.99));
    add("steady: call -> stream max (cross proc)", "ms", Percentile(&steady_cross, 1.0));
    add("steady: other proc's stream after own p50", "ms", Percentile(&steady_hop, 0.50));
    add("steady: other proc's stream after own p99", "ms", Percentile(&steady_hop, 0.99));
  }
  add("steady: call -> stream p50 (same proc)", "ms", Percentile(&steady_same, 0.50));
  add("steady: call -> stream p99 (same proc)", "ms", Percentile(&steady_same, 0.99));
  add("call -> stream samples missed", "count", static_cast<double>(missed + ended.load()));
  // No ticket may be called twice, whichever processes its counters pressed `next` on.
  std::set<std::string> distinct;
  for (const auto* presses : {&day.presses, &steady.presses}) {
    for (const Press& p : *presses) distinct.insert(SiteId(p.site) + "/" + p.number);
  }
  const int twice = static_cast<int>(day.presses.size() + steady.presses.size() - distinct.size());
  add("tickets called twice", "count", static_cast<double>(twice));
  // The day's figures go out now, so a rush that fails does not take them with it.
  for (const Sample& s : out)
    std::fprintf(stderr, "antre-bench:   %-58s %12.2f %s\n", s.name.c_str(), s.value,
                 s.unit.c_str());
  const size_t printed = out.size();

  Rush rush = RunRush(ports, o, &tally);
  double rss = 0, cpu = 0;
  for (auto& s : servers) {
    rss = std::max(rss, RssMiB(s->pid()));
    cpu += CpuSeconds(s->pid());
  }
  const int capacity = o.sites * o.places;
  add("booking rush", "requests/s", rush.per_s);
  add("booking rush duration", "s", rush.secs);
  add("booking rush p50", "ms", rush.p50);
  add("booking rush p99", "ms", rush.p99);
  add("booked (capacity " + std::to_string(capacity) + ")", "count",
      static_cast<double>(rush.booked));
  add("5xx answers", "count", static_cast<double>(tally.server_errors.load()));
  add("server CPU, all processes", "s", cpu);
  add("server RSS, largest process", "MiB", rss);
  if (pg) add("PostgreSQL CPU (live processes)", "s", cluster->CpuSeconds());
  for (size_t i = printed; i < out.size(); ++i) {
    std::fprintf(stderr, "antre-bench:   %-58s %12.2f %s\n", out[i].name.c_str(), out[i].value,
                 out[i].unit.c_str());
  }
  bool exact = rush.booked == capacity && std::all_of(rush.per_site.begin(), rush.per_site.end(),
                                                      [&](int b) { return b == o.places; });
  if (!exact || missed || ended || twice || tally.server_errors || tally.no_answer ||
      tally.unexpected || rush.booked + rush.full != o.bookings) {
    throw std::runtime_error(
        label + std::to_string(rush.booked) + " booked for " + std::to_string(capacity) +
        " places, " + std::to_string(twice) + " tickets called twice, " + std::to_string(missed) +
        " stream samples missed, " + std::to_string(ended.load()) + " streams ended, " +
        std::to_string(tally.server_errors.load()) + " 5xx, " +
        std::to_string(tally.no_answer.load()) + " unanswered, " +
        std::to_string(tally.unexpected.load()) + " unexpected; first: " + tally.first());
  }
  return out;
}

}  // namespace

Samples BenchProvince() {
  const ProvinceOptions& o = Province();
  std::fprintf(stderr,
               "antre-bench: province of %d sites x %d counters: %d tickets (%d kiosks, %d officer "
               "threads), %d streams, "
               "%d booking requests over %d connections for %d places a site\n",
               o.sites, o.counters, o.tickets, o.kiosks, o.officers, o.streams, o.bookings,
               o.connections, o.places);
  Samples all;
  for (const char* engine : {"pg", "sqlite"}) {
    if (("," + o.engines + ",").find(std::string(",") + engine + ",") == std::string::npos)
      continue;
    Samples s = RunEngine(std::string(engine) == "pg", o);
    all.insert(all.end(), s.begin(), s.end());
  }
  return all;
}

}  // namespace antre::bench
