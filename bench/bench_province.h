// The province benchmark (issue 16 item 5): its options and the setup its scenario file uses.
// A province is many sites on one deployment: 50 sites of 10 counters, made through the admin
// API, served by 3 antre-server processes on one PostgreSQL 15 database (and, beside it, by one
// process on SQLite), under a day of walk-ins, counters and event streams compressed into
// minutes, then a booking rush at a slot release.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench_util.h"
#include "client/sse_parser.h"

namespace antre::bench {

// What the `--province-*` flags of antre-bench set; the defaults are the figures.
struct ProvinceOptions {
  int sites = 50;
  int counters = 10;        // per site, each calling both services
  int processes = 3;        // antre-server processes on PostgreSQL; SQLite always runs one
  int tickets = 20000;      // walk-in tickets over the compressed day
  int kiosks = 12;          // kiosk threads issuing them, each to every process in turn
  int officers = 10;        // threads pressing `next` on the counters
  int streams = 200;        // public event streams, spread over sites and processes
  int bookings = 50000;     // booking requests from the moment a slot is released
  int connections = 500;    // keep-alive connections they are sent over
  int places = 40;          // places in each site's released slot
  int steady_seconds = 30;  // then walk-ins and calls at a steady rate for this long
  int steady_rate = 0;      // ... tickets a second; 0 = `tickets` in 5 minutes (a day compressed)
  std::string engines = "pg,sqlite";
};

// The options in force (main sets them from the command line).
ProvinceOptions& Province();
// Sets one `--province-NAME VALUE` option; false if NAME is unknown or VALUE is not valid.
bool SetProvinceOption(const std::string& name, const std::string& value);

// A throwaway PostgreSQL 15 cluster made by tests/support/pg_cluster.sh, with fsync on, in a
// folder under /tmp (as root the `postgres` user must be able to reach it). Stopped and
// removed when the object goes. Throws if the cluster does not start.
class PgCluster {
 public:
  PgCluster();
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;
  const std::string& uri() const { return uri_; }
  // CPU seconds used so far by the cluster's live processes (the backends of connected
  // servers and the background workers; not those of connections already closed).
  double CpuSeconds() const;

 private:
  std::string dir_, uri_;
};

// Site number s (0-based) as the benchmark names it: id "kab-01", its kiosk's token, its
// officer's username (one officer works all counters of a site).
std::string SiteId(int s);
std::string KioskToken(int s);
std::string OfficerName(int s);
inline constexpr const char* kOfficerPassword = "petugas-provinsi";

// The config a new database is seeded with: the province's own office (not one of the measured
// sites) and the demo's admin account (admin / admin-demo).
std::string SeedConfig();
// The config the measured processes start with on the seeded database: one kiosk per site,
// limits for the load, and every site listed as a stub (an existing database ignores `sites`,
// but the config check wants each device's site among them).
std::string LoadConfig(const ProvinceOptions& o);
// Creates the sites, their two services (rekam, cetak), counters, booking rules (one slot a
// day of `places`, no proof of work) and officers through the admin API of the server on
// `port`. Throws on any answer but the documented one.
void CreateProvince(int port, const ProvinceOptions& o);

// ---- event streams (bench_province_streams.cpp) --------------------------------------------

// One event stream of a site on a process, and when it saw each ticket.called.
struct StreamClient {
  int site = 0, process = 0;
  SseParser parser;
  std::map<std::string, Clock::time_point> called_at;  // ticket number -> receive time
  std::atomic<int> seen{0};
  std::atomic<bool> connected{false};
};

// One `next` that called a ticket: where, which number, when it was pressed, on which process.
struct Press {
  int site;
  std::string number;
  Clock::time_point at;
  int process;
};

// Reads every stream on one thread (curl multi) until *stop; *ended counts streams the server
// closed meanwhile (each would miss calls). `ports` are the processes' ports.
void RunStreams(std::vector<std::unique_ptr<StreamClient>>* clients, const std::vector<int>* ports,
                std::atomic<bool>* stop, std::atomic<int>* ended);

// Call -> stream latencies of `presses`: each call against every stream of its site, split by
// whether the stream is on the process the call was pressed on. *propagation gets, per call and
// stream on another process, how much later that stream saw the call than the first stream on
// the calling process did: the cross-process step alone (commit, notify, catch up), without the
// request itself. *missed counts pairs never seen.
void Latencies(const std::vector<Press>& presses,
               const std::vector<std::vector<StreamClient*>>& by_site, std::vector<double>* same,
               std::vector<double>* cross, std::vector<double>* propagation, int* missed);

}  // namespace antre::bench
