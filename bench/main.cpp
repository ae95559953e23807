// antre-bench: runs the issue-8 benchmarks several times and prints each figure's median and
// spread. Usage: antre-bench [--runs N] [--only calls,frame,issue,booking,history,display,kiosk,idle,slowhead,board,province]
// [--province-NAME VALUE ...] (idle, slowhead and board are the transport figures of issue 14,
// province the several-process figures of issue 16; none is in the default set).
#include <curl/curl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <thread>

#include "bench_province.h"
#include "bench_util.h"
#include "scenarios.h"

using namespace antre::bench;

int main(int argc, char** argv) {
  int runs = 5;
  std::string only = "calls,calls1k,frame,issue,booking,history,display,kiosk";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--only" && i + 1 < argc) only = argv[++i];
    else if (a.rfind("--province-", 0) == 0 && i + 1 < argc && SetProvinceOption(a.substr(11), argv[i + 1])) ++i;
    else {
      std::fprintf(stderr, "usage: antre-bench [--runs N] [--only calls,calls1k,frame,issue,booking,history,display,kiosk,idle,slowhead,board,province]\n"
                           "  [--province-{sites,counters,processes,tickets,kiosks,officers,streams,bookings,connections,places,steady-seconds,steady-rate} N]\n"
                           "  [--province-engines pg,sqlite]\n");
      return 2;
    }
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const std::vector<std::pair<std::string, std::function<Samples()>>> scenarios = {
      {"calls", [] { return BenchCallToScreen(20, 10000); }},
      {"calls1k", [] { return BenchCallToScreen(1000, 10000); }}, {"frame", BenchCallToDisplayFrame}, {"issue", BenchIssuing},       {"booking", BenchBookingRush},
      {"history", BenchHistory},    {"display", BenchDisplayIdle}, {"kiosk", BenchKioskPrint},
      {"idle", BenchIdleConnections}, {"slowhead", BenchSlowHeaders}, {"board", BenchBoard},
      {"province", BenchProvince},
  };
  std::vector<Figure> figures;
  int failures = 0;
  for (const auto& [name, run] : scenarios) {
    if (("," + only + ",").find("," + name + ",") == std::string::npos) continue;
    for (int r = 0; r < runs; ++r) {
      std::fprintf(stderr, "antre-bench: %s run %d/%d\n", name.c_str(), r + 1, runs);
      try {
        for (const auto& s : run()) {
          auto it = std::find_if(figures.begin(), figures.end(), [&](const Figure& f) { return f.name == s.name; });
          if (it == figures.end()) it = figures.insert(figures.end(), Figure{s.name, s.unit, {}, ""});
          it->runs.push_back(s.value);
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "antre-bench: %s FAILED: %s\n", name.c_str(), e.what());
        figures.push_back(Figure{name + " FAILED", "", {}, e.what()});
        ++failures;
        break;
      }
    }
  }
  curl_global_cleanup();

  std::printf("\nantre-bench: %u cores (%ld online), %d runs per figure\n\n",
              std::thread::hardware_concurrency(), sysconf(_SC_NPROCESSORS_ONLN), runs);
  int w = 40;  // the figure column fits the longest name (the province's are long)
  for (const auto& f : figures) w = std::max(w, static_cast<int>(f.name.size()));
  std::printf("| %-*s | %-12s | %10s | %21s |\n", w, "figure", "unit", "median", "spread (min - max)");
  std::printf("|%s|%s|%s|%s|\n", std::string(static_cast<size_t>(w) + 2, '-').c_str(), std::string(14, '-').c_str(),
              std::string(12, '-').c_str(), std::string(23, '-').c_str());
  for (auto& f : figures) {
    if (f.runs.empty()) {
      std::printf("| %-*s | %-12s | %10s | %21s |\n", w, f.name.c_str(), f.unit.c_str(), "-", f.note.c_str());
      continue;
    }
    std::vector<double> v = f.runs;
    double median = Percentile(&v, 0.5);
    char spread[64];
    std::snprintf(spread, sizeof spread, "%.2f - %.2f", v.front(), v.back());
    std::printf("| %-*s | %-12s | %10.2f | %21s |\n", w, f.name.c_str(), f.unit.c_str(), median, spread);
  }
  return failures ? 1 : 0;
}
