#include "server_process.h"

#include <libpq-fe.h>

#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace antre {

std::string ServerBinary() { return ANTRE_SERVER_BIN; }

bool TestingOnPostgres() {
  const char* pg = std::getenv("ANTRE_TEST_PG");
  return pg != nullptr && *pg != '\0';
}

std::string TestDbLocation(const std::string& db_path) {
  if (!TestingOnPostgres() || db_path.rfind("postgres", 0) == 0) return db_path;
  const std::string admin = std::getenv("ANTRE_TEST_PG");
  uint64_t h = 1469598103934665603ull;  // FNV-1a of the path: the same file, the same database
  for (unsigned char c : db_path) h = (h ^ c) * 1099511628211ull;
  const std::string name = "antre_bb_" + std::to_string(h % 1000000000000ull);
  PGconn* conn = PQconnectdb(admin.c_str());
  REQUIRE_MESSAGE(PQstatus(conn) == CONNECTION_OK, PQerrorMessage(conn));
  PGresult* r = PQexec(conn, ("SELECT 1 FROM pg_database WHERE datname='" + name + "'").c_str());
  bool exists = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
  PQclear(r);
  if (!exists) {
    r = PQexec(conn, ("CREATE DATABASE " + name).c_str());
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    std::string error = PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(conn);
    REQUIRE_MESSAGE(ok, error);
  } else {
    PQfinish(conn);
  }
  const size_t slash = admin.find('/', admin.find("://") + 3);
  const size_t query = admin.find('?', slash);
  return admin.substr(0, slash + 1) + name + (query == std::string::npos ? "" : admin.substr(query));
}

ServerProcess::ServerProcess(const std::string& db_path, std::vector<std::string> extra, int port) {
  log_path_ = db_path + ".log";
  int out[2];
  REQUIRE(pipe2(out, O_CLOEXEC) == 0);
  int log = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  REQUIRE(log >= 0);
  // argv is built before fork: the child of a threaded test may only make async-signal-safe
  // calls until exec.
  std::vector<std::string> args = {ServerBinary(), "--db", TestDbLocation(db_path), "--bind", "127.0.0.1",
                                   "--port", std::to_string(port)};
  args.insert(args.end(), extra.begin(), extra.end());
  // The demo office has opening hours; tests get the same office open around the clock.
  if (std::find(extra.begin(), extra.end(), "--demo") != extra.end() &&
      std::find(extra.begin(), extra.end(), "--config") == extra.end()) {
    args.insert(args.end(), {"--config", ANTRE_TEST_OFFICE});
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // no server outlives a crashed test
    dup2(out[1], 1);
    dup2(log, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(log);
  close(out[1]);
  // Read until the "listening on http://127.0.0.1:PORT" line, with a deadline.
  std::string line;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  while (std::chrono::steady_clock::now() < deadline && line.find('\n') == std::string::npos) {
    char buf[256];
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n > 0) {
      line.append(buf, n);
    } else if (n == 0) {
      break;
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  close(out[0]);
  line = line.substr(0, line.find('\n'));
  size_t colon = line.rfind(':');
  REQUIRE_MESSAGE(line.rfind("listening on ", 0) == 0, "server did not start: ", line, Log());
  port_ = std::atoi(line.c_str() + colon + 1);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Signal(SIGKILL);
}

std::unique_ptr<httplib::Client> ServerProcess::Client() const {
  auto cli = std::make_unique<httplib::Client>("127.0.0.1", port_);
  cli->set_tcp_nodelay(true);
  cli->set_read_timeout(10, 0);
  cli->set_connection_timeout(3, 0);
  return cli;
}

int ServerProcess::Signal(int sig) {
  if (pid_ <= 0) return -1;
  kill(pid_, sig);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return status;
}

std::string ServerProcess::Log() const {
  std::ifstream in(log_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int PickFreePort() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(s);
  return port;
}

int RunServerCommand(const std::vector<std::string>& args, std::string* output) {
  std::string cmd = ServerBinary();
  for (size_t i = 0; i < args.size(); ++i) {
    const bool db = i > 0 && args[i - 1] == "--db";
    cmd += " '" + (db ? TestDbLocation(args[i]) : args[i]) + "'";
  }
  cmd += " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[512];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) output->append(buf, n);
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string JsonField(const std::string& body, const std::string& key) {
  std::string needle = "\"" + key + "\":";
  size_t at = body.find(needle);
  if (at == std::string::npos) return "";
  at += needle.size();
  if (body[at] == '"') {
    size_t end = body.find('"', at + 1);
    return body.substr(at + 1, end - at - 1);
  }
  size_t end = body.find_first_of(",}]", at);
  return body.substr(at, end - at);
}

std::string Login(httplib::Client& cli, const std::string& user, const std::string& password) {
  auto res = cli.Post("/api/v1/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
                      "application/json");
  if (!res || res->status != 200) return "";
  return JsonField(res->body, "token");
}

httplib::Headers Bearer(const std::string& token, const std::string& idempotency_key) {
  httplib::Headers h = {{"Authorization", "Bearer " + token}};
  if (!idempotency_key.empty()) h.emplace("Idempotency-Key", idempotency_key);
  return h;
}

// ---------------------------------------------------------------- stream collector

struct StreamCollector::State {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Item> items;
  int pings = 0;
  bool ended = false;
  bool stop = false;
  int status = -1;
  std::string retry_after;
  std::string buffer;
  std::thread thread;
};

StreamCollector::StreamCollector(int port, const std::string& site, long long last_event_id,
                                 httplib::Headers headers)
    : state_(std::make_shared<State>()) {
  auto st = state_;
  state_->thread = std::thread([st, port, site, last_event_id, headers]() mutable {
    httplib::Client cli("127.0.0.1", port);
    cli.set_read_timeout(60, 0);
    if (last_event_id >= 0) headers.emplace("Last-Event-ID", std::to_string(last_event_id));
    auto on_response = [st](const httplib::Response& res) {
      std::lock_guard<std::mutex> lock(st->mu);
      st->status = res.status;
      st->retry_after = res.get_header_value("Retry-After");
      st->cv.notify_all();
      return true;
    };
    cli.Get(("/api/v1/sites/" + site + "/events").c_str(), headers, on_response, [st](const char* data, size_t len) {
      std::lock_guard<std::mutex> lock(st->mu);
      st->buffer.append(data, len);
      size_t end;
      while ((end = st->buffer.find("\n\n")) != std::string::npos) {
        std::string block = st->buffer.substr(0, end);
        st->buffer.erase(0, end + 2);
        Item item;
        std::istringstream lines(block);
        std::string line;
        bool ping = false;
        while (std::getline(lines, line)) {
          if (line.rfind("id: ", 0) == 0) item.id = std::atoll(line.c_str() + 4);
          if (line.rfind("event: ", 0) == 0) item.type = line.substr(7);
          if (line.rfind("data: ", 0) == 0) item.data = line.substr(6);
          if (line == ": ping") ping = true;
        }
        if (!item.type.empty()) st->items.push_back(item);
        if (ping) ++st->pings;
      }
      st->cv.notify_all();
      return !st->stop;
    });
    std::lock_guard<std::mutex> lock(st->mu);
    st->ended = true;
    st->cv.notify_all();
  });
}

StreamCollector::~StreamCollector() {
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    state_->stop = true;
  }
  // The receiver only sees the stop flag on the next chunk; detach rather than wait for it.
  state_->thread.detach();
}

bool StreamCollector::WaitFor(const std::function<bool(const std::vector<Item>&)>& pred, int timeout_ms) {
  std::unique_lock<std::mutex> lock(state_->mu);
  return state_->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return pred(state_->items); });
}

bool StreamCollector::WaitForEnd(int timeout_ms) {
  std::unique_lock<std::mutex> lock(state_->mu);
  return state_->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return state_->ended; });
}

int StreamCollector::Status(int timeout_ms) {
  std::unique_lock<std::mutex> lock(state_->mu);
  state_->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return state_->status >= 0 || state_->ended; });
  return state_->status;
}

std::string StreamCollector::RetryAfter() {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->retry_after;
}

std::vector<StreamCollector::Item> StreamCollector::Items() {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->items;
}

int StreamCollector::Pings() {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->pings;
}

bool StreamCollector::Ended() {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->ended;
}

}  // namespace antre
