// antre-server: the queue rules, durable store, REST/JSON API and live event stream.
#include <malloc.h>

#include <cstdio>

#include "server_app.h"

int main(int argc, char** argv) {
  auto settings = antre::ParseServerArgs(argc, argv);
  if (!settings.ok()) {
    std::fprintf(stderr, "antre-server: %s\n%s", settings.error().message.c_str(), antre::ServerUsage());
    return 2;
  }
  if (settings.value().command == "help") return std::printf("%s", antre::ServerUsage()), 0;
  if (settings.value().command == "hash-password") return antre::RunHashPassword();
  if (settings.value().command == "routes") return antre::RunPrintRoutes();
  if (settings.value().command != "serve") return antre::RunMaintenance(settings.value());
  // The group-commit leader frees and allocates large blocks with every batch. By default
  // glibc gives the top of the thread's arena back to the kernel each time (madvise, a TLB
  // flush on every core) and faults it in again on the next batch: ~10 % of the leader's time
  // at full load, measured with perf. Keep up to 8 MiB free per arena, and allocate blocks
  // under 4 MiB from the arenas rather than mapping and unmapping each.
  mallopt(M_TRIM_THRESHOLD, 8 << 20);
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  return antre::RunServer(settings.value());
}
