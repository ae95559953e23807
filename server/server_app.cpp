#include "server_app.h"

#include <curl/curl.h>
#include <signal.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "auth.h"
#include "config_check.h"
#include "maintenance.h"
#include "codec/domain_json.h"
#include "event_hub.h"
#include "log_writer.h"
#include "notifier.h"
#include "pg_db.h"
#include "store.h"
#include "test_clock.h"

#ifndef ANTRE_ASSETS_DIR
#define ANTRE_ASSETS_DIR "assets"
#endif

namespace antre {
namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return MakeError(ErrorCode::kNotFound, "cannot read '" + path + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<int> ParsePort(const char* text) {
  char* end = nullptr;
  long v = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || v < 0 || v > 65535) {
    return MakeError(ErrorCode::kInvalidInput, std::string("--port needs 0-65535, got '") + text + "'");
  }
  return static_cast<int>(v);
}

void PrintDemoBanner(const std::string& host, int port) {
  std::printf(
      "\nAntre demo office (Disdukcapil Kota Serang: main office, MPP, Kecamatan Kasemen) is running.\n"
      "  API health:   http://%s:%d/api/v1/health\n"
      "  Board:        http://%s:%d/api/v1/sites/serang/board\n"
      "  Logins:       admin/admin-demo, supervisor/supervisor-demo, petugas1..petugas6/petugas-demo,\n"
      "                petugas-mpp and petugas-kasemen/petugas-demo (one site each)\n"
      "  Sites:        serang (kiosk demo-kiosk-token, display demo-display-token)\n"
      "                serang-mpp (demo-kiosk-mpp, demo-display-mpp)\n"
      "                serang-kasemen (demo-kiosk-kasemen, demo-display-kasemen)\n\n",
      host.c_str(), port, host.c_str(), port);
}

}  // namespace

const char* ServerUsage() {
  return "usage: antre-server [--config FILE] [--db PATH|URI] [--port N] [--bind ADDR] [--demo] [--assets DIR]\n"
         "                   [--tls-cert FILE --tls-key FILE]   (HTTPS on the server itself)\n"
         "       --db takes a SQLite file, or a PostgreSQL URI (postgresql://...)\n"
         "       antre-server hash-password   (reads a password on stdin, prints a hash for the config)\n"
         "       antre-server routes          (lists every API route and who may call it)\n"
         "       antre-server backup FILE --db PATH    (consistent copy while the server runs)\n"
         "       antre-server restore FILE --db PATH   (with the server stopped)\n"
         "       antre-server check-config FILE        (checks a config and names the line of a problem)\n";
}

Result<ServerSettings> ParseServerArgs(int argc, char** argv) {
  ServerSettings s;
  const char* env_assets = std::getenv("ANTRE_ASSETS");
  s.assets_dir = env_assets ? env_assets : ANTRE_ASSETS_DIR;
  int i = 1;
  if (argc > 1 && std::strcmp(argv[1], "hash-password") == 0) {
    s.command = "hash-password";
    i = 2;
  } else if (argc > 1 && std::strcmp(argv[1], "routes") == 0) {
    s.command = "routes";
    i = 2;
  } else if (argc > 2 && (std::strcmp(argv[1], "backup") == 0 || std::strcmp(argv[1], "restore") == 0 ||
                          std::strcmp(argv[1], "check-config") == 0)) {
    s.command = argv[1];
    s.file = argv[2];
    i = 3;
  }
  for (; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    auto need = [&]() -> Result<std::string> {
      if (!has_value) return MakeError(ErrorCode::kInvalidInput, a + " needs a value");
      return std::string(argv[++i]);
    };
    if (a == "--demo") {
      s.demo = true;
    } else if (a == "--test-clock") {
      s.test_clock = true;
    } else if (a == "--config" || a == "--db" || a == "--bind" || a == "--port" || a == "--assets" ||
               a == "--tls-cert" || a == "--tls-key") {
      auto v = need();
      if (!v.ok()) return v.error();
      if (a == "--config") s.config_path = v.value();
      if (a == "--db") s.db_path = v.value();
      if (a == "--bind") s.http.bind = v.value();
      if (a == "--assets") s.assets_dir = v.value();
      if (a == "--tls-cert") s.http.tls_cert = v.value();
      if (a == "--tls-key") s.http.tls_key = v.value();
      if (a == "--port") {
        auto port = ParsePort(v.value().c_str());
        if (!port.ok()) return port.error();
        s.http.port = port.value();
      }
    } else if (a == "--help" || a == "-h") {
      s.command = "help";
    } else {
      return MakeError(ErrorCode::kInvalidInput, "unknown argument '" + a + "'");
    }
  }
  if (s.command == "backup" || s.command == "restore") {
    if (s.db_path.empty()) return MakeError(ErrorCode::kInvalidInput, s.command + " needs --db PATH (the server's database)");
  }
  if (s.http.tls_cert.empty() != s.http.tls_key.empty()) {
    return MakeError(ErrorCode::kInvalidInput, "--tls-cert and --tls-key go together");
  }
  if (s.command == "serve") {
    if (s.config_path.empty() && !s.demo) {
      return MakeError(ErrorCode::kInvalidInput, "no config: pass --config FILE, or --demo for the demo office");
    }
    if (s.config_path.empty()) s.config_path = s.assets_dir + "/demo-office.json";
    if (s.db_path.empty()) s.db_path = s.demo ? "antre-demo.db" : "antre.db";
  }
  return s;
}

int RunPrintRoutes() {
  for (const RouteInfo& r : ApiRoutes()) {
    std::string roles;
    for (Role role : r.roles) roles += std::string(roles.empty() ? "" : ",") + RoleName(role);
    std::printf("%s %s %s\n", r.method.c_str(), r.pattern.c_str(), roles.empty() ? "public" : roles.c_str());
  }
  return 0;
}

int RunMaintenance(const ServerSettings& s) {
  if (s.command == "check-config") {
    auto text = ReadFile(s.file);
    if (!text.ok()) return std::fprintf(stderr, "%s\n", text.error().message.c_str()), 2;
    Config config;
    std::vector<Error> problems = CheckConfig(text.value(), &config);
    if (problems.empty()) {
      size_t kiosks = 0;
      for (const DeviceConfig& d : config.devices) kiosks += d.role == Role::kKiosk;
      std::printf("%s: ok (%zu site(s), %zu user(s), %zu kiosk(s), %zu display(s))\n", s.file.c_str(),
                  config.sites.size(), config.users.size(), kiosks, config.devices.size() - kiosks);
      return 0;
    }
    for (const Error& problem : problems) {
      const std::string& msg = problem.message;
      int line = 0;
      size_t near = msg.find("near byte ");
      if (near != std::string::npos) {
        line = LineOfOffset(text.value(), std::strtoul(msg.c_str() + near + 10, nullptr, 10));
      } else {
        line = LineOfJsonPath(text.value(), msg.substr(0, msg.find(':')));
      }
      std::fprintf(stderr, "%s:%d: %s\n", s.file.c_str(), line, msg.c_str());
    }
    std::fprintf(stderr, "%s: %zu problem(s)\n", s.file.c_str(), problems.size());
    return 1;
  }
  if (IsPostgresUri(s.db_path)) {
    std::fprintf(stderr, "antre-server %s: a PostgreSQL database is backed up with PostgreSQL's own tools "
                 "(pg_dump, pg_basebackup; see docs/operations.md)\n", s.command.c_str());
    return 1;
  }
  Status st = s.command == "backup" ? BackupDatabase(s.db_path, s.file) : RestoreDatabase(s.file, s.db_path);
  if (!st.ok()) return std::fprintf(stderr, "antre-server %s: %s\n", s.command.c_str(), st.error.message.c_str()), 1;
  std::printf("%s: %s %s %s\n", s.command.c_str(), s.command == "backup" ? s.db_path.c_str() : s.file.c_str(),
              "->", s.command == "backup" ? s.file.c_str() : s.db_path.c_str());
  return 0;
}

int RunHashPassword() {
  std::string password;
  if (!std::getline(std::cin, password) || password.empty()) {
    std::fprintf(stderr, "antre-server: type the password on standard input\n");
    return 2;
  }
  std::printf("%s\n", HashPassword(password).c_str());
  return 0;
}

int RunServer(const ServerSettings& settings) {
  // Signals are taken by one thread with sigwait, so no handler runs inside a worker.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  // The notifier's webhook client; libcurl's global set-up is not thread-safe, so do it first.
  curl_global_init(CURL_GLOBAL_DEFAULT);

  auto text = ReadFile(settings.config_path);
  if (!text.ok()) return std::fprintf(stderr, "antre-server: %s\n", text.error().message.c_str()), 2;
  auto config = DecodeConfig(text.value());
  if (!config.ok()) {
    std::fprintf(stderr, "antre-server: config %s: %s\n", settings.config_path.c_str(), config.error().message.c_str());
    return 2;
  }
  // One server per database: a second one (or a restore) would corrupt the queue.
  // (Several processes may share a PostgreSQL database: the store follows the others.)
  const bool postgres = IsPostgresUri(settings.db_path);
  std::unique_ptr<DbLock> db_lock;
  if (!postgres) {
    auto lock = DbLock::Acquire(settings.db_path);
    if (!lock.ok()) return std::fprintf(stderr, "antre-server: %s\n", lock.error().message.c_str()), 1;
    db_lock.reset(lock.value());
  }
  ServerClock clock;
  // Before the store: the store's last batches are published (and logged) as it stops.
  LogWriter log;
  auto store = Store::Open(settings.db_path, clock, [&clock] { return TicketId(clock.NowMs()); });
  if (!store.ok()) return std::fprintf(stderr, "antre-server: %s\n", store.error().message.c_str()), 1;
  Store& db = *store.value();
  Status st = db.SeedIfEmpty(config.value());
  if (st.ok()) st = db.AdoptServiceDescriptions(config.value());
  std::vector<DeviceConfig> devices = config.value().devices;
  for (auto& d : devices) d.token = Sha256Hex(d.token);
  if (st.ok()) st = db.SyncDevices(devices);
  if (st.ok()) st = db.RollOverIfNewDay();
  if (st.ok()) st = db.EndStartup();
  if (!st.ok()) return std::fprintf(stderr, "antre-server: %s\n", st.error.message.c_str()), 1;

  EventHub hub;
  for (const auto& site : db.SiteIds()) hub.Seed(site, db.LastEventId(site).value());
  // Every event is logged, off the publishing thread (the batch's leader): see LogWriter.
  db.SetEventListener([&hub, &log](const std::vector<Event>& events) {
    for (const Event& e : events) log.Line("event " + std::to_string(e.id) + " " + e.type + " " + e.data);
    hub.Publish(events);
  });

  ApiContext ctx;
  ctx.store = &db;
  ctx.hub = &hub;
  ctx.limits = config.value().limits;
  ctx.clock = &clock;
  ctx.test_clock_enabled = settings.test_clock;
  HttpSettings http = settings.http;
  if (http.web_root.empty()) http.web_root = settings.assets_dir + "/web";
  ctx.web_root = http.web_root;
  if (!postgres) ctx.db_path = settings.db_path;  // its disk's free space is a health figure
  ctx.db_engine = postgres ? "postgresql" : "sqlite";
  RateLimiter limiter;
  ctx.limiter = &limiter;
  auto pow_key = db.Secret("booking_challenge_key", RandomHex(32));
  if (!pow_key.ok()) return std::fprintf(stderr, "antre-server: %s\n", pow_key.error().message.c_str()), 1;
  ctx.pow = std::make_shared<PowChallenges>(pow_key.value());
  HttpServer server(ctx, http);
  auto port = server.Bind();
  if (!port.ok()) return std::fprintf(stderr, "antre-server: %s\n", port.error().message.c_str()), 1;
  std::string host = http.bind == "0.0.0.0" ? "127.0.0.1" : http.bind;
  std::printf("listening on %s://%s:%d\n", http.tls_cert.empty() ? "http" : "https", host.c_str(), port.value());
  if (settings.demo) PrintDemoBanner(host, port.value());
  std::fflush(stdout);

  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::fprintf(stderr, "antre-server: signal %d, shutting down\n", sig);
    // Safe even before Run() has started: the transport keeps the stop, so a SIGTERM right
    // after "listening on" is not lost.
    server.Stop();
  });
  // Rolls the day over at local midnight even when nobody takes a ticket.
  std::thread ticker([&] {
    while (!hub.WaitForNewer("\x01tick", 0, std::chrono::seconds(5)) && !hub.stopped()) {
      db.RollOverIfNewDay();
      db.ExpireBookings();
      db.RunDueDraws();
      db.ErasePersonalData();
      db.PublishDueAnnouncements();
    }
  });
  Notifier notifier(db);
  notifier.Start();
  bool ok = server.Run();
  hub.Stop();
  notifier.Stop();
  if (ticker.joinable()) ticker.join();
  pthread_kill(waiter.native_handle(), SIGTERM);  // no-op if it already returned
  waiter.join();
  std::fprintf(stderr, "antre-server: stopped\n");
  return ok ? 0 : 1;
}

}  // namespace antre
