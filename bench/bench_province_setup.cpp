// The province benchmark's setup: its options, the PostgreSQL cluster, the two configs, and the
// sites made through the admin API as a province's administrator would make them.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "bench_http.h"
#include "bench_province.h"
#include "bench_util.h"

namespace antre::bench {

ProvinceOptions& Province() {
  static ProvinceOptions options;
  return options;
}

bool SetProvinceOption(const std::string& name, const std::string& value) {
  ProvinceOptions& o = Province();
  if (name == "engines") {
    if (value.empty() || value.find_first_not_of("pgsqlite,") != std::string::npos) return false;
    o.engines = value;
    return true;
  }
  int* field = name == "sites"            ? &o.sites
               : name == "counters"       ? &o.counters
               : name == "processes"      ? &o.processes
               : name == "tickets"        ? &o.tickets
               : name == "kiosks"         ? &o.kiosks
               : name == "officers"       ? &o.officers
               : name == "streams"        ? &o.streams
               : name == "bookings"       ? &o.bookings
               : name == "connections"    ? &o.connections
               : name == "places"         ? &o.places
               : name == "steady-seconds" ? &o.steady_seconds
               : name == "steady-rate"    ? &o.steady_rate
                                          : nullptr;
  char* end = nullptr;
  long n = std::strtol(value.c_str(), &end, 10);
  const long least = name == "steady-seconds" || name == "steady-rate" ? 0 : 1;
  if (field == nullptr || end == value.c_str() || *end != '\0' || n < least || n > 1000000)
    return false;
  // Site ids, NIK regency codes and counter ids are built for up to 99 sites of 99 counters.
  if ((name == "sites" || name == "counters") && n > 99) return false;
  *field = static_cast<int>(n);
  return true;
}

// ---- the cluster ---------------------------------------------------------------------------

namespace {

std::string Run(const std::string& command) {
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) throw std::runtime_error("cannot run " + command);
  std::string out;
  char buf[512];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  if (rc != 0) throw std::runtime_error(command + " failed (" + std::to_string(rc) + ")");
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace

PgCluster::PgCluster() {
  std::string tmpl = "/tmp/antre-province-pg-XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr)
    throw std::runtime_error("cannot create a folder for PostgreSQL");
  dir_ = tmpl;
  uri_ = Run("ANTRE_PG_FSYNC=on " + std::string(ANTRE_PG_CLUSTER) + " start " + dir_);
  if (uri_.rfind("postgresql://", 0) != 0)
    throw std::runtime_error("pg_cluster.sh printed no URI: " + uri_);
}

PgCluster::~PgCluster() {
  try {
    Run(std::string(ANTRE_PG_CLUSTER) + " stop " + dir_);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "antre-bench: %s\n", e.what());
  }
}

double PgCluster::CpuSeconds() const {
  const long postmaster = std::atol(ReadFile(dir_ + "/data/postmaster.pid").c_str());
  if (postmaster <= 0) return -1;
  double total = antre::bench::CpuSeconds(static_cast<pid_t>(postmaster));
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    // Field 4 of /proc/PID/stat, after the parenthesised name, is the parent's pid.
    std::string stat = ReadFile("/proc/" + pid + "/stat");
    size_t paren = stat.rfind(')');
    if (paren == std::string::npos ||
        std::atol(stat.c_str() + stat.find(' ', paren + 2) + 1) != postmaster)
      continue;
    total += antre::bench::CpuSeconds(static_cast<pid_t>(std::atol(pid.c_str())));
  }
  return total;
}

// ---- configs -------------------------------------------------------------------------------

std::string SiteId(int s) {
  char id[16];
  std::snprintf(id, sizeof id, "kab-%02d", s + 1);
  return id;
}
std::string KioskToken(int s) { return "province-kiosk-token-" + SiteId(s); }
std::string OfficerName(int s) { return "petugas-" + SiteId(s); }

namespace {

// The demo admin's account, hash and all, taken from the demo office.
std::string AdminUser() {
  std::string demo = ReadFile(AssetsDir() + "/demo-office.json");
  size_t at = demo.find("\"username\": \"admin\"");
  size_t hash = demo.find("\"password_hash\": \"", at);
  if (at == std::string::npos || hash == std::string::npos)
    throw std::runtime_error("demo office has no admin");
  hash += 18;
  return "{\"username\": \"admin\", \"role\": \"admin\", \"password_hash\": \"" +
         demo.substr(hash, demo.find('"', hash) - hash) + "\"}";
}

std::string StubSite(const std::string& id, const std::string& name) {
  return "{\"id\": \"" + id + "\", \"name\": \"" + name + "\", \"time_zone\": \"Asia/Jakarta\", " +
         "\"services\": [{\"id\": \"info\", \"prefix\": \"I\", \"name\": {\"id\": \"Informasi\", "
         "\"en\": \"Information\"}}], " +
         "\"counters\": [{\"id\": \"1\", \"services\": [\"info\"]}]}";
}

}  // namespace

std::string SeedConfig() {
  return "{\"sites\": [" + StubSite("provinsi", "Dinas Dukcapil Provinsi") + "],\n \"users\": [" +
         AdminUser() + "]}\n";
}

std::string LoadConfig(const ProvinceOptions& o) {
  std::string sites = StubSite("provinsi", "Dinas Dukcapil Provinsi"), kiosks;
  for (int s = 0; s < o.sites; ++s) {
    sites += ",\n  " + StubSite(SiteId(s), "Disdukcapil " + SiteId(s));
    kiosks += std::string(s ? ",\n  " : "") + "{\"id\": \"kiosk-" + SiteId(s) + "\", \"site\": \"" +
              SiteId(s) + "\", \"token\": \"" + KioskToken(s) + "\"}";
  }
  const int streams = o.streams + 64;
  return "{\"sites\": [" + sites + "],\n \"users\": [" + AdminUser() + "],\n \"kiosks\": [" +
         kiosks + "],\n \"limits\": {\"max_streams\": " + std::to_string(streams) +
         ", \"max_streams_per_address\": " + std::to_string(streams) +
         ", \"max_connections_per_address\": " + std::to_string(o.connections + streams + 512) +
         ", \"max_connections\": " + std::to_string(o.connections + streams + 4096) +
         ", \"max_queued_requests\": " + std::to_string(o.connections + 1024) + "}}\n";
}

// ---- the sites, through the admin API ------------------------------------------------------

namespace {

void Expect(httplib::Client& cli, const std::string& token, const std::string& path,
            const std::string& body, int status) {
  auto r = cli.Post(path, Auth(token), body, "application/json");
  if (!r || r->status != status) {
    throw std::runtime_error("POST " + path + " answered " +
                             (r ? std::to_string(r->status) + " " + r->body : "nothing"));
  }
}

}  // namespace

void CreateProvince(int port, const ProvinceOptions& o) {
  auto cli = NewClient(port);
  const std::string admin = Login(*cli, "admin", "admin-demo");
  for (int s = 0; s < o.sites; ++s) {
    const std::string id = SiteId(s), site = "/api/v1/sites/" + id;
    Expect(*cli, admin, "/api/v1/admin/sites",
           "{\"id\":\"" + id + "\",\"name\":\"Disdukcapil " + id +
               "\",\"time_zone\":\"Asia/Jakarta\",\"address\":\"Jl. Raya " + std::to_string(s + 1) +
               "\"}",
           201);
    Expect(*cli, admin, site + "/admin/services",
           R"({"id":"rekam","prefix":"A","name":{"id":"Perekaman e-KTP","en":"e-KTP recording"}})",
           201);
    Expect(*cli, admin, site + "/admin/services",
           R"({"id":"cetak","prefix":"B","name":{"id":"Pencetakan e-KTP","en":"e-KTP printing"}})",
           201);
    for (int c = 1; c <= o.counters; ++c) {
      Expect(*cli, admin, site + "/admin/counters",
             "{\"id\":\"" + std::to_string(c) + "\",\"name\":\"Loket " + std::to_string(c) +
                 "\",\"services\":[\"rekam\",\"cetak\"]}",
             201);
    }
    // One rekam slot a day of `places`, open now; the rush sets release_at just before it.
    // pow_bits 0: the rush measures the servers, not the phones' proof of work.
    Expect(*cli, admin, site + "/admin/booking",
           "{\"days_ahead\":14,\"pow_bits\":0,\"per_phone_per_day\":3,\"release_at\":\"\","
           "\"release_draw_seconds\":0,"
           "\"schedule\":[{\"services\":[\"rekam\"],\"weekdays\":[0,1,2,3,4,5,6],\"open\":\"09:"
           "00\",\"close\":\"09:30\","
           "\"slot_minutes\":30,\"capacity\":" +
               std::to_string(o.places) + "}]}",
           200);
    Expect(*cli, admin, "/api/v1/admin/users",
           "{\"username\":\"" + OfficerName(s) + "\",\"role\":\"officer\",\"password\":\"" +
               kOfficerPassword + "\",\"sites\":[\"" + id + "\"]}",
           201);
  }
}

}  // namespace antre::bench
