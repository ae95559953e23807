// Scenario 5: the wall display at rest. antre-display runs in a real X server (xvfb-run) against
// a demo server with a few called tickets; after a 5 s warm-up its CPU time and RSS are read
// over 30 s with no calls.
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "bench_http.h"
#include "bench_util.h"
#include "scenarios.h"

namespace antre::bench {
namespace {

constexpr int kIdleSeconds = 30;

// The pid of a running process whose executable is `exe`, or -1.
pid_t FindProcess(const std::string& exe) {
  DIR* d = opendir("/proc");
  pid_t found = -1;
  while (dirent* e = d ? readdir(d) : nullptr) {
    pid_t pid = std::atoi(e->d_name);
    if (pid <= 0) continue;
    char buf[4096];
    ssize_t n = readlink(("/proc/" + std::string(e->d_name) + "/exe").c_str(), buf, sizeof buf - 1);
    if (n > 0 && std::string(buf, static_cast<size_t>(n)) == exe) found = pid;
  }
  if (d) closedir(d);
  return found;
}

// Proportional set size (shared pages divided among their users) from smaps_rollup, or -1.
double PssMiB(pid_t pid) {
  std::istringstream in(ReadFile("/proc/" + std::to_string(pid) + "/smaps_rollup"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("Pss:", 0) == 0) return std::atof(line.c_str() + 4) / 1024.0;
  }
  return -1;
}

}  // namespace

Samples BenchDisplayIdle() {
  if (access("/usr/bin/xvfb-run", X_OK) != 0) throw std::runtime_error("xvfb-run is not installed (apt-get install xvfb)");
  Scratch dir;
  Server server(dir.File("display.db"), {"--demo"});
  auto cli = NewClient(server.port());
  std::string token = Login(*cli, "petugas6", "petugas-demo");
  for (int i = 0; i < 6; ++i) {
    cli->Post("/api/v1/sites/serang/tickets", Auth("demo-kiosk-token"), "{\"service\":\"info\"}", "application/json");
  }
  cli->Post("/api/v1/sites/serang/counters/6/next", Auth(token), "", "application/json");

  std::string exe = DisplayBinary();
  pid_t runner = fork();
  if (runner == 0) {
    setpgid(0, 0);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    setenv("XDG_RUNTIME_DIR", "/tmp", 0);
    std::string url = "http://127.0.0.1:" + std::to_string(server.port());
    // ANTRE_BENCH_DISPLAY_RENDERER=gpu measures the OpenGL path (the default before issue 4).
    const char* renderer = std::getenv("ANTRE_BENCH_DISPLAY_RENDERER");
    execl("/usr/bin/xvfb-run", "xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", exe.c_str(), "--server", url.c_str(),
          "--mute", "--renderer", renderer && *renderer ? renderer : "software", static_cast<char*>(nullptr));
    _exit(127);
  }
  pid_t display = -1;
  for (int i = 0; i < 200 && display < 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    display = FindProcess(exe);
  }
  if (display < 0) {
    kill(-runner, SIGTERM);
    waitpid(runner, nullptr, 0);
    throw std::runtime_error("antre-display did not start under xvfb-run");
  }
  std::this_thread::sleep_for(std::chrono::seconds(5));  // first frames, fonts, the call animation
  double cpu0 = CpuSeconds(display);
  double rss_max = 0, pss_max = 0;
  for (int s = 0; s < kIdleSeconds; ++s) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    rss_max = std::max(rss_max, RssMiB(display));
    pss_max = std::max(pss_max, PssMiB(display));
  }
  double cpu = CpuSeconds(display) - cpu0;
  kill(-runner, SIGTERM);
  waitpid(runner, nullptr, 0);
  return {{"display idle CPU (30 s)", "% of a core", 100.0 * cpu / kIdleSeconds},
          {"display idle RSS (max)", "MiB", rss_max},
          {"display idle PSS (max)", "MiB", pss_max}};
}

}  // namespace antre::bench
