// antre-server: the queue rules, durable store, REST/JSON API and live event stream.
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
  return antre::RunServer(settings.value());
}
