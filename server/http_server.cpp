#include "http_server.h"

#include "elastic_pool.h"

#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace antre {
namespace {

constexpr int kListenBacklog = 1024;
// Threads beyond the streams and workers for connections that have not sent a request yet.
constexpr size_t kSpareThreads = 256;
thread_local std::chrono::steady_clock::time_point t_request_start;

}  // namespace

// Gives access to the listening socket so the backlog can be raised after binding.
class HttpServer::Tuned : public httplib::Server {
 public:
  int RaiseBacklog() { return ::listen(svr_sock_, kListenBacklog); }
};

HttpServer::HttpServer(ApiContext& ctx, const HttpSettings& settings)
    : ctx_(ctx), settings_(settings), server_(new Tuned) {
  Tuned& s = *server_;
  // worker_threads wait for work; more start while connections arrive faster than they are
  // served (an event stream keeps its thread), so idle or half-sent connections cannot hold
  // every worker. Beyond the cap, connections wait in the queue.
  size_t core = static_cast<size_t>(ctx.limits.worker_threads);
  size_t cap = core + static_cast<size_t>(ctx.limits.max_streams) + kSpareThreads;
  s.new_task_queue = [core, cap] { return new ElasticPool(core, cap); };
  s.set_tcp_nodelay(true);
  // The default options add SO_REUSEPORT, which lets a second server start on a busy port and
  // silently take half the connections; a busy port must be an error instead.
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  s.set_payload_max_length(static_cast<size_t>(ctx.limits.max_body_bytes));
  s.set_keep_alive_timeout(5);
  s.set_read_timeout(10, 0);
  s.set_write_timeout(10, 0);
  s.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_request_start = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty() && !res.content_provider_) {
      res.set_content(ErrorBodyForStatus(res.status), "application/json; charset=utf-8");
    }
  });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(ErrorBodyForStatus(500), "application/json; charset=utf-8");
  });
  // Path only (never the query string, which may carry personal data) and never headers.
  s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_request_start).count();
    std::fprintf(stderr, "http %s %s %d %.1fms\n", req.method.c_str(), req.path.c_str(), res.status, ms);
  });
  RegisterApi(s, ctx_);
  if (!settings_.web_root.empty()) s.set_mount_point("/", settings_.web_root);
}

HttpServer::~HttpServer() = default;

Result<int> HttpServer::Bind() {
  int port = settings_.port;
  if (port == 0) {
    port = server_->bind_to_any_port(settings_.bind);
    if (port <= 0) return MakeError(ErrorCode::kInvalidInput, "cannot bind to " + settings_.bind);
  } else if (!server_->bind_to_port(settings_.bind, port)) {
    return MakeError(ErrorCode::kInvalidInput, "cannot listen on " + settings_.bind + ":" + std::to_string(port) +
                                                   " (in use, or not an address of this machine)");
  }
  // cpp-httplib listens with a backlog of 5; bursts of kiosks and displays overflow that.
  server_->RaiseBacklog();
  bound_port_ = port;
  return port;
}

bool HttpServer::Run() { return server_->listen_after_bind(); }

bool HttpServer::IsRunning() const { return server_->is_running(); }

void HttpServer::Stop() {
  ctx_.hub->Stop();
  server_->stop();
  // cpp-httplib 0.11 joins workers that sit in a keep-alive wait for up to its timeout (5 s).
  // Shutting down this server's accepted connections ends those waits at once.
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return;
  while (dirent* entry = readdir(dir)) {
    int fd = std::atoi(entry->d_name);
    sockaddr_storage local{}, peer{};
    socklen_t ll = sizeof local, pl = sizeof peer;
    if (fd <= 2 || getsockname(fd, reinterpret_cast<sockaddr*>(&local), &ll) != 0 ||
        getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &pl) != 0) {
      continue;
    }
    int port = local.ss_family == AF_INET    ? ntohs(reinterpret_cast<sockaddr_in*>(&local)->sin_port)
               : local.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&local)->sin6_port)
                                             : -1;
    if (port == bound_port_) shutdown(fd, SHUT_RDWR);
  }
  closedir(dir);
}

}  // namespace antre
