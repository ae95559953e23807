// Command line, config loading and wiring of antre-server, so main.cpp stays a few lines.
#pragma once

#include <string>

#include "core/config.h"
#include "core/result.h"
#include "http_server.h"

namespace antre {

// Everything main reads from the command line.
struct ServerSettings {
  std::string command = "serve";  // serve | hash-password | routes | help
  std::string config_path;
  std::string file;  // backup / restore / check-config argument
  std::string db_path;
  bool demo = false;
  bool test_clock = false;
  HttpSettings http;
  std::string assets_dir;
};

// Parses argv; InvalidInput with a usage hint on bad arguments.
Result<ServerSettings> ParseServerArgs(int argc, char** argv);

// Usage text for --help and errors.
const char* ServerUsage();

// Runs the server until SIGTERM/SIGINT. Returns the process exit code.
int RunServer(const ServerSettings& settings);

// Prints the route table: method, pattern, roles (or "public"). Returns the exit code.
int RunPrintRoutes();

// Runs backup, restore or check-config. Returns the exit code.
int RunMaintenance(const ServerSettings& settings);

// Reads a password from stdin and prints its hash for the config file. Returns the exit code.
int RunHashPassword();

}  // namespace antre
