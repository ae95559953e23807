#include "nginx_process.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "server_process.h"

namespace antre {
namespace {

bool Accepts(int port) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(s);
  return ok;
}

}  // namespace

std::string NginxBinary() {
  const char* bin = std::getenv("ANTRE_NGINX");
  return bin != nullptr && *bin != '\0' ? bin : "/usr/sbin/nginx";
}

NginxProcess::NginxProcess(const std::string& prefix,
                           const std::function<std::string(int port)>& site)
    : prefix_(prefix) {
  // Not a skip: scripts/install-deps installs nginx with the test packages.
  REQUIRE_MESSAGE(access(NginxBinary().c_str(), X_OK) == 0, "nginx is not installed at ",
                  NginxBinary(), " (apt-get install nginx; scripts/install-deps does)");
  std::filesystem::create_directories(prefix_ + "/logs");
  std::filesystem::create_directories(prefix_ + "/tmp");
  for (int attempt = 0; attempt < 5 && port_ == 0; ++attempt) {
    int port = PickFreePort();
    if (Start(port, site)) port_ = port;
  }
  REQUIRE_MESSAGE(port_ != 0, "nginx did not start: ", ErrorLog());
}

NginxProcess::~NginxProcess() { Stop(); }

bool NginxProcess::Start(int port, const std::function<std::string(int port)>& site) {
  const std::string conf = prefix_ + "/nginx.conf";
  {
    std::ofstream out(conf);
    out << "master_process off;\n"
        << "pid " << prefix_ << "/nginx.pid;\n"
        << "error_log " << prefix_ << "/logs/error.log info;\n"
        << "events { worker_connections 1024; }\n"
        << "http {\n"
        << "  client_body_temp_path " << prefix_ << "/tmp/body;\n"
        << "  proxy_temp_path " << prefix_ << "/tmp/proxy;\n"
        << "  fastcgi_temp_path " << prefix_ << "/tmp/fastcgi;\n"
        << "  uwsgi_temp_path " << prefix_ << "/tmp/uwsgi;\n"
        << "  scgi_temp_path " << prefix_ << "/tmp/scgi;\n"
        << "  access_log off;\n"
        << site(port) << "\n}\n";
  }
  std::vector<std::string> args = {
      NginxBinary(), "-p",         prefix_ + "/", "-c", conf, "-e", prefix_ + "/logs/error.log",
      "-g",          "daemon off;"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int err =
      open((prefix_ + "/logs/stderr.log").c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  REQUIRE(err >= 0);
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // no nginx outlives a crashed test
    dup2(err, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(err);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Accepts(port)) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {  // exited: most likely the port was taken
      pid_ = -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Stop();
  return false;
}

void NginxProcess::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string NginxProcess::ErrorLog() const {
  std::stringstream ss;
  for (const char* name : {"/logs/error.log", "/logs/stderr.log"}) {
    std::ifstream in(prefix_ + name);
    ss << in.rdbuf();
  }
  return ss.str();
}

}  // namespace antre
