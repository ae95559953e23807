// The real antre-display checks in with a tiny local HTTP receiver standing in for the
// server's POST /display/status: with a token it reports its audio on start, with a wrong one
// it logs the refusal once, without one it sends nothing, and the token is never logged. It
// also shows that the default renderer loads no OpenGL.
#include <doctest/doctest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "temp_dir.h"

using namespace antre;

namespace {

constexpr const char* kGoodToken = "demo-display-token-9c1e";

// Answers check-ins (200 for the good token, 401 otherwise) and refuses the board (503), so
// the display runs its network side without a real server.
class Receiver {
 public:
  struct CheckIn {
    std::string authorization, body;
  };
  Receiver() {
    server_.Post("/api/v1/sites/serang/display/status",
                 [this](const httplib::Request& req, httplib::Response& res) {
                   std::lock_guard<std::mutex> lock(mu_);
                   const std::string auth = req.get_header_value("Authorization");
                   check_ins_.push_back({auth, req.body});
                   if (auth == std::string("Bearer ") + kGoodToken) {
                     res.set_content(R"({"status":"ok"})", "application/json");
                   } else {
                     res.status = 401;
                     res.set_content(R"({"error":{"code":"unauthorized","message":"bad token"}})",
                                     "application/json");
                   }
                 });
    server_.Get("/api/v1/sites/serang/board",
                [this](const httplib::Request&, httplib::Response& res) {
                  std::lock_guard<std::mutex> lock(mu_);
                  ++board_reads_;
                  res.status = 503;
                  res.set_content(R"({"error":{"code":"unavailable","message":"not here"}})",
                                  "application/json");
                });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~Receiver() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<CheckIn> check_ins() {
    std::lock_guard<std::mutex> lock(mu_);
    return check_ins_;
  }
  int board_reads() {
    std::lock_guard<std::mutex> lock(mu_);
    return board_reads_;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::vector<CheckIn> check_ins_;
  int board_reads_ = 0;
};

// antre-display in a window on the offscreen video driver, its output in `log`.
class DisplayProcess {
 public:
  DisplayProcess(const std::vector<std::string>& args, const std::string& env_token,
                 const std::string& log) {
    std::fflush(stdout);  // else the child writes the parent's buffered output again
    std::fflush(stderr);
    pid_ = fork();
    if (pid_ == 0) {
      setenv("SDL_VIDEODRIVER", "offscreen", 1);
      setenv("SDL_AUDIODRIVER", "dummy", 1);
      if (env_token.empty()) {
        unsetenv("ANTRE_DISPLAY_TOKEN");
      } else {
        setenv("ANTRE_DISPLAY_TOKEN", env_token.c_str(), 1);
      }
      if (!freopen(log.c_str(), "w", stderr) || !freopen(log.c_str(), "a", stdout)) _exit(126);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(ANTRE_DISPLAY_BIN));
      for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(ANTRE_DISPLAY_BIN, argv.data());
      _exit(127);
    }
  }
  pid_t pid() const { return pid_; }
  // Asks it to quit as a window manager would (SDL turns SIGTERM into a quit event) and
  // returns its exit status, or -1 if it had to be killed.
  int Stop() {
    kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }
  ~DisplayProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

 private:
  pid_t pid_ = -1;
};

bool WaitUntil(const std::function<bool()>& pred, int timeout_ms = 10000) {
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("antre-display checks in with its device token and never logs it") {
  TempDir dir;
  setenv("XDG_RUNTIME_DIR", dir.path().c_str(), 0);
  Receiver receiver;
  const std::vector<std::string> base = {"--server", receiver.url(), "--site",
                                         "serang",   "--size",       "640x360"};

  SUBCASE("a good token from the environment: audio ok") {
    const std::string log = dir.File("good.log");
    DisplayProcess display(base, kGoodToken, log);
    REQUIRE(WaitUntil([&] { return !receiver.check_ins().empty(); }));
    // The window and its renderer exist before the first check-in. The default software
    // renderer must not load OpenGL (Mesa's llvmpipe and libLLVM were ~95 MB of its memory).
    const std::string maps = ReadFile("/proc/" + std::to_string(display.pid()) + "/maps");
    CHECK(maps.find("libLLVM") == std::string::npos);
    CHECK(maps.find("libGL") == std::string::npos);
    CHECK(maps.find("libEGL") == std::string::npos);
    CHECK(display.Stop() == 0);
    const auto check_ins = receiver.check_ins();
    CHECK(check_ins[0].authorization == std::string("Bearer ") + kGoodToken);
    CHECK(check_ins[0].body == R"({"audio":"ok"})");
    const std::string out = ReadFile(log);
    INFO(out);
    CHECK(out.find("status: checking in every 30 s (audio ok)") != std::string::npos);
    CHECK(out.find(kGoodToken) == std::string::npos);
  }
  SUBCASE("a wrong token from a file, muted: the refusal is logged once") {
    std::ofstream(dir.File("token")) << "wrong-token-0000\n";
    std::vector<std::string> args = base;
    args.insert(args.end(), {"--mute", "--token-file", dir.File("token")});
    const std::string log = dir.File("bad.log");
    DisplayProcess display(args, "", log);
    REQUIRE(WaitUntil([&] { return !receiver.check_ins().empty(); }));
    CHECK(display.Stop() == 0);
    CHECK(receiver.check_ins()[0].authorization == "Bearer wrong-token-0000");
    CHECK(receiver.check_ins()[0].body == R"({"audio":"muted"})");
    const std::string out = ReadFile(log);
    INFO(out);
    const std::string refused = "the server refused this display's token";
    const size_t at = out.find(refused);
    CHECK(at != std::string::npos);
    CHECK(out.find(refused, at + 1) == std::string::npos);
    CHECK(out.find("wrong-token-0000") == std::string::npos);
  }
  SUBCASE("no token: it runs as before and sends nothing") {
    DisplayProcess display(base, "", dir.File("none.log"));
    // Its network side is up once it has asked for the board (twice: a retry 2 s later).
    REQUIRE(WaitUntil([&] { return receiver.board_reads() >= 2; }));
    CHECK(display.Stop() == 0);
    CHECK(receiver.check_ins().empty());
  }
}
