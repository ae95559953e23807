#include "bench_util.h"

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace antre::bench {

double Percentile(std::vector<double>* v, double q) {
  if (v->empty()) return 0;
  std::sort(v->begin(), v->end());
  size_t i = static_cast<size_t>(q * static_cast<double>(v->size() - 1) + 0.5);
  return (*v)[std::min(i, v->size() - 1)];
}

Scratch::Scratch() {
  // Under the build tree by default, so "the same disk" as a real install's database is the
  // disk the benchmark is run from; ANTRE_BENCH_DIR overrides.
  const char* base = std::getenv("ANTRE_BENCH_DIR");
  std::string tmpl = std::string(base ? base : ".") + "/antre-bench-XXXXXX";
  path_ = mkdtemp(tmpl.data()) ? std::filesystem::absolute(tmpl).string() : std::string();
  if (path_.empty()) throw std::runtime_error("cannot create a scratch directory");
}

Scratch::~Scratch() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

Server::Server(const std::string& db, const std::vector<std::string>& extra, const std::string& log_path) {
  const std::string log_file = log_path.empty() ? db + ".log" : log_path;
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  auto t0 = Clock::now();
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], 1);
    int log = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(log, 2);
    close(out[0]);
    std::vector<std::string> args = {ServerBinary(), "--db", db, "--bind", "127.0.0.1", "--port", "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    // The demo office has opening hours; a benchmark must be able to issue at any hour.
    if (std::find(extra.begin(), extra.end(), "--demo") != extra.end()) args.insert(args.end(), {"--config", TestOffice()});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  start_ms_ = Ms(t0, Clock::now());
  close(out[0]);
  if (line.rfind("listening on ", 0) != 0) {
    Stop();
    throw std::runtime_error("server did not start: " + line + " " + ReadFile(log_file));
  }
  port_ = std::atoi(line.c_str() + line.rfind(':') + 1);
  // "listening on" is printed before the accept loop runs, and a SIGTERM in between is lost
  // (the server then never exits), so wait until it answers before anyone may Stop() it.
  httplib::Client probe("127.0.0.1", port_);
  for (int i = 0; i < 1000; ++i) {
    if (auto r = probe.Get("/api/v1/health")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Server::~Server() { Stop(); }

void Server::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

double RssMiB(pid_t pid) {
  std::istringstream in(ReadFile("/proc/" + std::to_string(pid) + "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  }
  return -1;
}

double CpuSeconds(pid_t pid) {
  std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  size_t paren = stat.rfind(')');
  if (paren == std::string::npos) return -1;
  std::istringstream in(stat.substr(paren + 2));
  std::string field;
  long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && (in >> field); ++i) {
    if (i == 14) utime = std::atoll(field.c_str());
    if (i == 15) stime = std::atoll(field.c_str());
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string LoadTestOffice(const Scratch& dir, int streams, bool old_server) {
  std::string office = ReadFile(TestOffice());
  const std::string from = "\"max_streams\": 64";
  size_t at = office.find(from);
  if (at == std::string::npos) throw std::runtime_error("the test office has no max_streams 64 to raise");
  // The cpp-httplib server capped max_streams at 1,000 and knew no per-address stream cap.
  std::string limits = "\"max_streams\": " + std::to_string(old_server ? std::min(1000, streams + 64) : streams + 64);
  if (!old_server) {
    limits += ", \"max_streams_per_address\": " + std::to_string(streams + 64) +
              ", \"max_connections_per_address\": " + std::to_string(streams + 512);
  }
  office.replace(at, from.size(), limits);
  const std::string per_address = "\"max_streams_per_address\": 1000,";
  at = office.find(per_address);
  if (at != std::string::npos) office.erase(at, per_address.size());
  std::string path = dir.File(old_server ? "load-office-old.json" : "load-office.json");
  if (!WriteFile(path, office)) throw std::runtime_error("cannot write " + path);
  return path;
}

std::string ServerBinary() {
  // scripts/bench --baseline points this at an older build, to measure before and after.
  const char* other = std::getenv("ANTRE_BENCH_SERVER");
  return other && *other ? other : ANTRE_SERVER_BIN;
}
std::string TestOffice() {
  // An older server refuses config keys it does not know yet: scripts/bench --baseline points
  // this at the always-open office its own build wrote.
  const char* other = std::getenv("ANTRE_BENCH_OFFICE");
  return other && *other ? other : ANTRE_TEST_OFFICE;
}
std::string DisplayBinary() { return ANTRE_DISPLAY_BIN; }
std::string AssetsDir() { return ANTRE_ASSETS_DIR; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace antre::bench
