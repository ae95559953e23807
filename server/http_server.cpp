#include "http_server.h"

#include "elastic_pool.h"

#include <dirent.h>
#include <strings.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace antre {
namespace {

constexpr int kListenBacklog = 1024;
// Threads beyond the streams and workers for connections that have not sent a request yet.
constexpr size_t kSpareThreads = 256;
thread_local std::chrono::steady_clock::time_point t_request_start;

// ---------------------------------------------------------------- cpp-httplib <-> seam

HttpRequest FromHttplib(const httplib::Request& req) {
  HttpRequest out;
  out.method = req.method;
  out.path = req.path;
  out.query.insert(req.params.begin(), req.params.end());
  out.headers.assign(req.headers.begin(), req.headers.end());
  out.body = req.body;
  out.remote_addr = req.remote_addr;
  return out;
}

// Set by a StreamSource's wake (any thread), waited for by the connection's thread.
struct Wakeup {
  std::mutex mu;
  std::condition_variable cv;
  bool is_ready = false;
};

// Pulls the source until it ends: what Read gives is written; when it gives nothing the
// thread waits for OnReady's wake, and writes a heartbeat comment if none comes in time (a
// dead client is only noticed on a write).
httplib::ContentProviderWithoutLength StreamProvider(std::shared_ptr<StreamSource> source) {
  auto wakeup = std::make_shared<Wakeup>();
  return [source, wakeup](size_t, httplib::DataSink& sink) {
    std::string out;
    bool more = source->Read(&out);
    // An empty write would end cpp-httplib's chunked loop: only write bytes.
    if (!out.empty() && !sink.write(out.data(), out.size())) return false;
    if (!more) {
      sink.done();
      return true;
    }
    if (!out.empty()) return true;
    {
      std::lock_guard<std::mutex> lock(wakeup->mu);
      wakeup->is_ready = false;
    }
    source->OnReady([wakeup] {
      std::lock_guard<std::mutex> lock(wakeup->mu);
      wakeup->is_ready = true;
      wakeup->cv.notify_all();
    });
    std::unique_lock<std::mutex> lock(wakeup->mu);
    if (wakeup->cv.wait_for(lock, source->heartbeat(), [&] { return wakeup->is_ready; })) return true;
    lock.unlock();
    source->CancelWait();
    return sink.write(": ping\n\n", 8);
  };
}

void ToHttplib(HttpResponse& from, httplib::Response& res) {
  res.status = from.status;
  for (const auto& h : from.headers) {
    // cpp-httplib sets both itself, except the Content-Length of a HEAD answer.
    if (strcasecmp(h.first.c_str(), "Content-Type") == 0) continue;
    if (strcasecmp(h.first.c_str(), "Content-Length") == 0 && (!from.body.empty() || from.stream)) continue;
    res.set_header(h.first, h.second);
  }
  if (from.stream) {
    res.set_chunked_content_provider(from.content_type, StreamProvider(std::move(from.stream)));
  } else if (!from.body.empty()) {
    res.set_content(std::move(from.body), from.content_type.c_str());
  } else if (!from.content_type.empty()) {
    res.set_header("Content-Type", from.content_type);
  }
}

// Every request goes to Dispatch, which already applied (or refused) Range and chose the
// encoding. cpp-httplib would otherwise cut the answer again by the parsed ranges (as
// multipart for several) and compress it again by Accept-Encoding, so both are taken out of
// the request it is about to answer. The Request object is not const where it lives.
void Serve(ApiContext& ctx, const httplib::Request& req, httplib::Response& res) {
  HttpResponse answer;
  Dispatch(ctx, FromHttplib(req), answer);
  auto& mutable_req = const_cast<httplib::Request&>(req);
  mutable_req.ranges.clear();
  mutable_req.headers.erase("Accept-Encoding");
  ToHttplib(answer, res);
}

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
    // A HEAD answer from Dispatch has its Content-Length and no body: leave it so.
    if (res.body.empty() && !res.content_provider_ && !res.has_header("Content-Length")) {
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
  // One catch-all per method cpp-httplib routes; Dispatch holds the route table. Other
  // methods get cpp-httplib's 404 (or 400), with the JSON body of the error handler above.
  ApiContext* ctx_ptr = &ctx_;
  auto serve = [ctx_ptr](const httplib::Request& req, httplib::Response& res) { Serve(*ctx_ptr, req, res); };
  s.Get("[\\s\\S]*", serve);  // GET and HEAD
  s.Post("[\\s\\S]*", serve);
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
