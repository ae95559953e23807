// The Beast/Asio transport: the only translation unit that includes them (the slowest to build).
// Reading order: Server (listening socket, connection caps, handler pool, Stop), then Session
// (one coroutine per connection: deadlines, request conversion, handler hand-off, responses and
// event streams), then Server's methods that start sessions, then the public Transport.
#include "http/transport.h"

#include <strings.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <type_traits>
#include <unordered_map>

#include "http/request_target.h"

namespace antre {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using Ms = std::chrono::milliseconds;
using Strand = asio::strand<asio::io_context::executor_type>;
using StrandSocket = tcp::socket::rebind_executor<Strand>::other;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
using Parser = http::request_parser<http::string_body>;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr int kListenBacklog = 1024;
// Stop() closes idle, reading and streaming connections at once; whatever still writes after
// this is closed too.
constexpr Ms kStopGrace{900};
// After an error answer sent before the request was read whole, unread input is drained this
// long, so that closing does not reset the connection before the client has read the answer.
constexpr Ms kLingerTime{500};
constexpr size_t kLingerBytes = 256 * 1024;
constexpr size_t kIdleReadBytes = 1024;
constexpr Ms kMaxBodyGrace{2000};
constexpr const char* kJson = "application/json; charset=utf-8";

// Time the minimum rate allows for `bytes`.
Ms RateTime(const TransportLimits& l, uint64_t bytes) {
  return Ms(bytes * 1000 / static_cast<uint64_t>(std::max(1, l.min_body_bytes_per_second)));
}

// Headers the transport sets itself; a handler's copy would contradict the framing.
bool IsFramingHeader(const std::string& name) {
  return strcasecmp(name.c_str(), "Content-Length") == 0 || strcasecmp(name.c_str(), "Transfer-Encoding") == 0 ||
         strcasecmp(name.c_str(), "Connection") == 0;
}

bool IsSafeHeaderText(const std::string& v) { return v.find_first_of("\r\n") == std::string::npos; }

std::string AddressText(const asio::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).to_string();
  }
  return a.to_string();
}

// One line per request. Path only: the query string may carry a NIK; headers never.
void LogRequest(const std::string& method, std::string path, int status, SteadyClock::time_point started) {
  for (char& c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  double ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - started).count();
  std::fprintf(stderr, "http %s %s %d %.1fms\n", method.c_str(), path.c_str(), status, ms);
}

// The parser's errors for input that is not HTTP (as opposed to a client that went away).
bool IsMalformed(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

bool ToRequest(http::request<http::string_body>& msg, const std::string& peer, HttpRequest* out) {
  out->method = std::string(msg.method_string());
  if (!SplitTarget(std::string(msg.target()), &out->path, &out->query)) return false;
  for (const auto& f : msg) out->headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  out->body = std::move(msg.body());
  out->remote_addr = peer;
  return true;
}

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // From any thread: close the connection now if it is idle, reading or streaming (in any
  // state with `force`); otherwise once the answer being prepared or written is sent.
  virtual void Close(bool force) = 0;
};

// ---------------------------------------------------------------------------------------------
// Server: the listening socket, the handler pool, connection accounting and Stop.

class Server {
 public:
  Server(TransportSettings settings, RequestHandler handler, ErrorBody error_body)
      : settings_(std::move(settings)),
        handler_(std::move(handler)),
        error_body_(error_body ? std::move(error_body) : ErrorBody(DefaultErrorBody)),
        trusted_(settings_.limits.trusted_proxies.begin(), settings_.limits.trusted_proxies.end()),
        ioc_(std::max(1, settings_.io_threads)),
        accept_strand_(asio::make_strand(ioc_)),
        stop_timer_(accept_strand_) {}
  // Members are ordered so that sessions destroyed with the io_context (after a forced stop)
  // still find the maps they unregister from, and io objects go before their io_context.
  ~Server() { is_destroying_ = true; }

  Result<int> Bind();
  bool Run();
  void Stop() {
    if (stop_requested_.exchange(true)) return;
    asio::post(accept_strand_, [this] { BeginStop(); });
  }
  bool IsRunning() const { return is_running_ && !stop_requested_; }
  int open_connections() const { return open_; }
  void WaitUntilRunReturned() {
    std::unique_lock<std::mutex> lock(run_mu_);
    run_cv_.wait(lock, [this] { return !is_in_run_; });
  }

  // --- for sessions ----------------------------------------------------------------------
  const TransportLimits& limits() const { return settings_.limits; }
  bool is_stopping() const { return stop_requested_; }
  std::string ErrorText(int status) const { return error_body_(status); }
  bool TryAcquireAddress(const std::string& addr) {
    std::lock_guard<std::mutex> lock(mu_);
    int& n = per_address_[addr];
    if (n >= settings_.limits.max_connections_per_address) {
      if (n == 0) per_address_.erase(addr);
      return false;
    }
    ++n;
    return true;
  }
  void ReleaseAddress(const std::string& addr) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = per_address_.find(addr);
    if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
  }
  uint64_t Register(std::weak_ptr<SessionBase> s) {
    std::lock_guard<std::mutex> lock(mu_);
    uint64_t id = ++next_id_;
    sessions_.emplace(id, std::move(s));
    return id;
  }
  void Unregister(uint64_t id) {
    bool was_last = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      sessions_.erase(id);
      was_last = sessions_.empty();
    }
    --open_;
    // The stop timer is then the only work left: end it so Run returns now.
    if (was_last && stop_requested_ && !is_destroying_) asio::post(accept_strand_, [this] { stop_timer_.cancel(); });
  }
  // Reserves a handler slot; false when handler_threads + max_queued_requests are taken.
  bool TryEnterHandler() {
    int cap = settings_.limits.handler_threads + settings_.limits.max_queued_requests;
    if (in_handlers_.fetch_add(1) >= cap) {
      --in_handlers_;
      return false;
    }
    return true;
  }
  asio::thread_pool::executor_type pool_executor() { return pool_->get_executor(); }
  void SetFastHandler(FastHandler fast) { fast_ = std::move(fast); }
  bool has_fast_handler() const { return static_cast<bool>(fast_); }
  // On an io thread: offers the request to the fast handler; true if it took it (the slot
  // TryEnterHandler took is then freed by LeaveHandler once it has answered).
  bool CallFast(const HttpRequest& req, Reply reply) { return fast_(req, std::move(reply)); }
  void LeaveHandler() { --in_handlers_; }
  // Runs on a handler thread; frees the slot TryEnterHandler took.
  void CallHandler(const HttpRequest& req, HttpResponse& res) {
    try {
      handler_(req, res);
    } catch (...) {
      res = InternalError();
    }
    --in_handlers_;
  }
  // What a handler (or a fast handler's answer) that threw gets.
  HttpResponse InternalError() const {
    HttpResponse res;
    res.status = 500;
    res.SetContent(ErrorText(500), kJson);
    return res;
  }

 private:
  asio::awaitable<void> Accept();
  void StartSession(StrandSocket socket);
  void BeginStop();
  std::vector<std::shared_ptr<SessionBase>> LiveSessions() {
    std::vector<std::shared_ptr<SessionBase>> out;
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& entry : sessions_) {
      if (auto s = entry.second.lock()) out.push_back(std::move(s));
    }
    return out;
  }

  TransportSettings settings_;
  RequestHandler handler_;
  FastHandler fast_;
  ErrorBody error_body_;
  std::set<std::string> trusted_;
  std::atomic<bool> stop_requested_{false}, is_running_{false}, is_destroying_{false};
  std::atomic<int> open_{0}, in_handlers_{0};

  std::mutex mu_;  // guards the two maps and next_id_
  std::unordered_map<std::string, int> per_address_;
  std::unordered_map<uint64_t, std::weak_ptr<SessionBase>> sessions_;
  uint64_t next_id_ = 0;

  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool is_in_run_ = false;

  std::unique_ptr<ssl::context> tls_;  // outlives the TLS streams destroyed with ioc_
  asio::io_context ioc_;
  Strand accept_strand_;  // the accept loop and Stop's bookkeeping
  asio::steady_timer stop_timer_;
  std::optional<tcp::acceptor> acceptor_;
  std::optional<asio::thread_pool> pool_;  // joined (destroyed) before ioc_
};

asio::awaitable<void> CallOnPool(Server* server, const HttpRequest* req, HttpResponse* res) {
  server->CallHandler(*req, *res);
  co_return;
}

// ---------------------------------------------------------------------------------------------
// Session: one connection, one coroutine on its own strand.

template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kIsTls = !std::is_same_v<Stream, PlainStream>;

  // `counted` is the address this connection holds a per-address slot for ("" for none).
  template <class... StreamArgs>
  Session(Server* server, std::string peer, bool is_trusted_proxy, std::string counted, StreamArgs&&... args)
      : server_(server),
        stream_(std::forward<StreamArgs>(args)...),
        executor_(stream_.get_executor()),
        stream_timer_(executor_),
        peer_(std::move(peer)),
        counted_(std::move(counted)),
        is_trusted_proxy_(is_trusted_proxy) {}

  ~Session() override {
    if (!counted_.empty()) server_->ReleaseAddress(counted_);
    server_->Unregister(id_);
  }

  void Start() {
    id_ = server_->Register(this->weak_from_this());
    asio::co_spawn(executor_, Serve(this->shared_from_this()), [](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        std::fprintf(stderr, "http: connection failed: %s\n", ex.what());
      } catch (...) {
        std::fprintf(stderr, "http: connection failed\n");
      }
    });
  }

  void Close(bool force) override {
    asio::post(executor_, [weak = this->weak_from_this(), force] {
      if (auto self = weak.lock()) self->CloseNow(force);
    });
  }

 private:
  enum class Phase { kReading, kHandling, kWriting, kStreaming };

  static asio::awaitable<void> Serve(std::shared_ptr<Session> self) { co_await self->Loop(); }

  beast::tcp_stream& tcp_layer() { return beast::get_lowest_layer(stream_); }

  void CloseNow(bool force) {
    is_closing_ = true;
    stream_timer_.cancel();
    if (force || phase_ == Phase::kReading || phase_ == Phase::kStreaming) tcp_layer().close();
  }

  asio::awaitable<void> Loop() {
    const TransportLimits& lim = server_->limits();
    if constexpr (kIsTls) {
      tcp_layer().expires_after(Ms(lim.head_timeout_ms));
      auto [ec] = co_await stream_.async_handshake(ssl::stream_base::server, kNoThrow);
      if (ec) co_return;
    }
    for (bool is_first = true;; is_first = false) {
      phase_ = Phase::kReading;
      if (is_closing_ || server_->is_stopping()) co_return;
      // A kept-alive connection may idle longer than a request head may take to arrive.
      if (!is_first && buffer_.size() == 0) {
        buffer_.shrink_to_fit();
        tcp_layer().expires_after(Ms(lim.keep_alive_idle_ms));
        auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kIdleReadBytes), kNoThrow);
        if (ec) co_return;
        buffer_.commit(n);
      }
      // One deadline for the whole head: a client trickling header lines cannot extend it.
      auto head_deadline = SteadyClock::now() + Ms(lim.head_timeout_ms);
      tcp_layer().expires_at(head_deadline);
      Parser parser;
      parser.header_limit(static_cast<std::uint32_t>(lim.max_head_bytes));
      parser.body_limit(static_cast<std::uint64_t>(lim.max_body_bytes));
      auto [hec, hn] = co_await http::async_read_header(stream_, buffer_, parser, kNoThrow);
      auto started = SteadyClock::now();
      if (hec) {
        if (hec == http::error::header_limit) {
          co_await Refuse(431, parser, started);
        } else if (hec == http::error::body_limit) {
          co_await Refuse(413, parser, started);
        } else if (IsMalformed(hec)) {
          co_await Refuse(400, parser, started);
        }
        co_return;  // timed out, reset, closed by the client, or Stop
      }
      if (is_trusted_proxy_ && !CountForwardedAddress(parser.get())) {
        co_await Refuse(503, parser, started);
        co_return;
      }
      if (!parser.is_done()) {
        uint64_t size = parser.content_length().value_or(static_cast<uint64_t>(lim.max_body_bytes));
        auto floor = started + std::min(Ms(lim.head_timeout_ms), kMaxBodyGrace);
        tcp_layer().expires_at(std::max(head_deadline, floor) + RateTime(lim, size));
        if (beast::iequals(parser.get()[http::field::expect], "100-continue")) {
          static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
          auto [cec, cn] = co_await asio::async_write(stream_, asio::buffer(kContinue, sizeof kContinue - 1), kNoThrow);
          if (cec) co_return;
        }
        auto [bec, bn] = co_await http::async_read(stream_, buffer_, parser, kNoThrow);
        if (bec) {
          if (bec == http::error::body_limit) {
            co_await Refuse(413, parser, started);
          } else if (IsMalformed(bec)) {
            co_await Refuse(400, parser, started);
          }
          co_return;
        }
      }
      tcp_layer().expires_never();
      auto& msg = parser.get();
      bool keep_alive = msg.keep_alive();
      unsigned version = msg.version();
      HttpRequest req;
      if (!ToRequest(msg, peer_, &req)) {
        co_await Refuse(400, parser, started);
        co_return;
      }
      HttpResponse res;
      if (server_->TryEnterHandler()) {
        phase_ = Phase::kHandling;
        if (!co_await AnswerFast(req, &res)) {
          co_await asio::co_spawn(server_->pool_executor(), CallOnPool(server_, &req, &res), kNoThrow);
        }
      } else {
        res.status = 503;
        res.SetContent(server_->ErrorText(503), kJson);
      }
      if (is_closing_ || server_->is_stopping()) keep_alive = false;
      if (res.stream) {
        co_await ServeStream(std::move(res), version, req.method, req.path, started);
        co_return;
      }
      phase_ = Phase::kWriting;
      int status = 0;
      bool is_sent = co_await WriteResponse(std::move(res), version, keep_alive, req.method == "HEAD", &status);
      LogRequest(req.method, req.path, status, started);
      if (!is_sent || !keep_alive) {
        tcp_layer().close();
        co_return;
      }
    }
  }

  // Offers the request to the fast handler and waits for its answer on this connection's
  // strand. False if the fast handler left it to the handler pool.
  asio::awaitable<bool> AnswerFast(const HttpRequest& req, HttpResponse* res) {
    if (!server_->has_fast_handler()) co_return false;
    // Shared with the reply, which may come from another thread before or after the wait.
    struct Pending {
      explicit Pending(const asio::any_io_executor& ex) : timer(ex, SteadyClock::time_point::max()) {}
      asio::steady_timer timer;
      std::atomic<bool> is_done{false};
      Answer answer;
    };
    auto pending = std::make_shared<Pending>(executor_);
    bool taken = server_->CallFast(req, [pending](Answer answer) {
      pending->answer = std::move(answer);
      pending->is_done = true;
      // Runs on the strand after the coroutine is waiting (or has seen is_done and left).
      asio::post(pending->timer.get_executor(), [pending] { pending->timer.cancel(); });
    });
    if (!taken) co_return false;
    while (!pending->is_done) co_await pending->timer.async_wait(kNoThrow);
    try {
      *res = pending->answer();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "http: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(), e.what());
      *res = server_->InternalError();
    } catch (...) {
      *res = server_->InternalError();
    }
    server_->LeaveHandler();
    co_return true;
  }

  // Behind a trusted proxy the per-address cap applies to the forwarded client (the last hop
  // of the last X-Forwarded-For). Returns false if that client is over the cap.
  bool CountForwardedAddress(const http::request<http::string_body>& msg) {
    std::string forwarded;
    for (auto range = msg.equal_range("X-Forwarded-For"); range.first != range.second; ++range.first) {
      std::string hop = LastForwardedHop(std::string(range.first->value()));
      if (!hop.empty()) forwarded = hop;
    }
    if (forwarded.empty() || forwarded == counted_) return true;
    if (!counted_.empty()) server_->ReleaseAddress(counted_);
    counted_.clear();
    if (!server_->TryAcquireAddress(forwarded)) return false;
    counted_ = forwarded;
    return true;
  }

  // Answers an error before the request was read whole, then closes.
  asio::awaitable<void> Refuse(int status, Parser& parser, SteadyClock::time_point started) {
    std::string method = "-", path = "-";
    unsigned version = 11;
    if (parser.is_header_done()) {
      method = std::string(parser.get().method_string());
      std::multimap<std::string, std::string> ignored;
      if (!SplitTarget(std::string(parser.get().target()), &path, &ignored)) path = "-";
      version = parser.get().version();
    }
    HttpResponse res;
    res.status = status;
    res.SetContent(server_->ErrorText(status), kJson);
    phase_ = Phase::kWriting;
    int sent_status = 0;
    bool is_sent = co_await WriteResponse(std::move(res), version, false, false, &sent_status);
    LogRequest(method, path, status, started);
    phase_ = Phase::kReading;
    if (is_sent) co_await LingeringClose();
    tcp_layer().close();
  }

  // Half-closes, then reads and drops what the client still sends for a short while, so the
  // answer is not lost to a reset caused by unread input.
  asio::awaitable<void> LingeringClose() {
    beast::error_code ec;
    tcp_layer().socket().shutdown(tcp::socket::shutdown_send, ec);
    tcp_layer().expires_after(kLingerTime);
    char scratch[4096];
    for (size_t total = 0; total < kLingerBytes && !is_closing_;) {
      auto [rec, n] = co_await tcp_layer().async_read_some(asio::buffer(scratch), kNoThrow);
      if (rec) break;
      total += n;
    }
  }

  asio::awaitable<bool> WriteResponse(HttpResponse res, unsigned version, bool keep_alive, bool is_head, int* status) {
    http::response<http::string_body> out;
    out.version(version);
    *status = res.status >= 200 && res.status <= 999 ? res.status : 500;
    out.result(static_cast<unsigned>(*status));
    if (!res.content_type.empty() && IsSafeHeaderText(res.content_type)) {
      out.set(http::field::content_type, res.content_type);
    }
    for (const auto& [name, value] : res.headers) {
      if (!name.empty() && !IsFramingHeader(name) && IsSafeHeaderText(name) && IsSafeHeaderText(value)) {
        out.insert(name, value);
      }
    }
    if (*status != 204 && *status != 304) out.body() = std::move(res.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    // A HEAD answer has no body but tells the length a GET would get, if the handler says it.
    std::string head_length = res.Header("Content-Length");
    if (is_head && out.body().empty() && !head_length.empty() &&
        head_length.find_first_not_of("0123456789") == std::string::npos) {
      out.set(http::field::content_length, head_length);
    }
    const TransportLimits& lim = server_->limits();
    tcp_layer().expires_after(Ms(lim.head_timeout_ms) + RateTime(lim, out.body().size()));
    http::response_serializer<http::string_body> sr{out};
    beast::error_code ec;
    if (is_head) {
      std::tie(ec, std::ignore) = co_await http::async_write_header(stream_, sr, kNoThrow);
    } else {
      std::tie(ec, std::ignore) = co_await http::async_write(stream_, sr, kNoThrow);
    }
    tcp_layer().expires_never();
    co_return !ec;
  }

  // --- event streams ---------------------------------------------------------------------

  // Drops the source's pending wake on every way out, including the frame's destruction.
  struct WaitGuard {
    std::shared_ptr<StreamSource> source;
    ~WaitGuard() { source->CancelWait(); }
  };

  asio::awaitable<void> ServeStream(HttpResponse res, unsigned version, std::string method, std::string path,
                                    SteadyClock::time_point started) {
    phase_ = Phase::kStreaming;
    std::shared_ptr<StreamSource> source = std::move(res.stream);
    WaitGuard guard{source};
    // HTTP/1.0 has no chunked encoding: the body then simply ends with the connection.
    const bool is_chunked = version >= 11;
    http::response<http::empty_body> head;
    head.version(version);
    int status = res.status >= 200 && res.status <= 999 ? res.status : 500;
    head.result(static_cast<unsigned>(status));
    if (!res.content_type.empty() && IsSafeHeaderText(res.content_type)) {
      head.set(http::field::content_type, res.content_type);
    }
    for (const auto& [name, value] : res.headers) {
      if (!name.empty() && !IsFramingHeader(name) && IsSafeHeaderText(name) && IsSafeHeaderText(value)) {
        head.insert(name, value);
      }
    }
    head.set(http::field::cache_control, "no-store");
    head.set("X-Accel-Buffering", "no");
    head.keep_alive(false);
    if (is_chunked) head.chunked(true);
    const TransportLimits& lim = server_->limits();
    tcp_layer().expires_after(Ms(lim.head_timeout_ms));
    http::response_serializer<http::empty_body> sr{head};
    auto [ec, n] = co_await http::async_write_header(stream_, sr, kNoThrow);
    tcp_layer().expires_never();
    LogRequest(method, path, status, started);
    if (ec) co_return;
    WatchPeer();
    for (;;) {
      if (is_closing_ || is_peer_gone_) break;
      std::string out;
      bool has_more = source->Read(&out);
      if (!out.empty() && !co_await WriteBody(out, is_chunked)) break;
      if (!has_more) {
        if (is_chunked) co_await WriteBody(std::string(), true);
        break;
      }
      if (!out.empty()) continue;
      uint64_t gen = ++wait_gen_;
      source->OnReady([weak = this->weak_from_this(), ex = executor_, gen] {
        asio::post(ex, [weak, gen] {
          if (auto self = weak.lock()) self->Wake(gen);
        });
      });
      // No suspension between this check and the wait, so a close or a gone peer noticed while
      // writing is not missed.
      if (is_closing_ || is_peer_gone_) break;
      stream_timer_.expires_after(source->heartbeat());
      auto [tec] = co_await stream_timer_.async_wait(kNoThrow);
      if (tec) continue;  // woken, closing, or the peer went away: the loop's top sorts it out
      source->CancelWait();
      if (!co_await WriteBody(": ping\n\n", is_chunked)) break;
    }
    tcp_layer().close();
  }

  void Wake(uint64_t gen) {
    if (gen == wait_gen_) stream_timer_.cancel();
  }

  // A stream client sends nothing after its request: readable means it closed (or misbehaves).
  // Waiting for readability consumes nothing, so this also works under TLS.
  void WatchPeer() {
    tcp_layer().socket().async_wait(
        tcp::socket::wait_read, asio::bind_executor(executor_, [weak = this->weak_from_this()](beast::error_code ec) {
          auto self = weak.lock();
          if (ec || !self) return;
          self->is_peer_gone_ = true;
          self->stream_timer_.cancel();
        }));
  }

  // Writes one chunk (the last chunk if `data` is empty and chunked) under the write deadline.
  asio::awaitable<bool> WriteBody(std::string data, bool is_chunked) {
    const TransportLimits& lim = server_->limits();
    tcp_layer().expires_after(Ms(lim.head_timeout_ms) + RateTime(lim, data.size()));
    beast::error_code ec;
    if (!is_chunked) {
      std::tie(ec, std::ignore) = co_await asio::async_write(stream_, asio::buffer(data), kNoThrow);
    } else if (data.empty()) {
      std::tie(ec, std::ignore) = co_await asio::async_write(stream_, http::make_chunk_last(), kNoThrow);
    } else {
      std::tie(ec, std::ignore) = co_await asio::async_write(stream_, http::make_chunk(asio::buffer(data)), kNoThrow);
    }
    tcp_layer().expires_never();
    co_return !ec;
  }

  Server* server_;
  Stream stream_;
  asio::any_io_executor executor_;  // the connection's strand
  asio::steady_timer stream_timer_;
  beast::flat_buffer buffer_;
  std::string peer_;
  std::string counted_;
  bool is_trusted_proxy_;
  uint64_t id_ = 0;
  Phase phase_ = Phase::kReading;
  bool is_closing_ = false;
  bool is_peer_gone_ = false;
  uint64_t wait_gen_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Server: binding, the accept loop and Stop.

Result<int> Server::Bind() {
  if (acceptor_) return static_cast<int>(acceptor_->local_endpoint().port());
  beast::error_code ec;
  auto address = asio::ip::make_address(settings_.bind, ec);
  if (ec) return MakeError(ErrorCode::kInvalidInput, "not an IP address: '" + settings_.bind + "'");
  if (settings_.port < 0 || settings_.port > 65535) {
    return MakeError(ErrorCode::kInvalidInput, "port must be 0-65535, got " + std::to_string(settings_.port));
  }
  if (settings_.tls_cert.empty() != settings_.tls_key.empty()) {
    return MakeError(ErrorCode::kInvalidInput, "tls_cert and tls_key must be given together");
  }
  if (!settings_.tls_cert.empty()) {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    ctx->use_certificate_chain_file(settings_.tls_cert, ec);
    if (ec) return MakeError(ErrorCode::kInvalidInput, "cannot load tls_cert " + settings_.tls_cert + ": " + ec.message());
    ctx->use_private_key_file(settings_.tls_key, ssl::context::pem, ec);
    if (ec) return MakeError(ErrorCode::kInvalidInput, "cannot load tls_key " + settings_.tls_key + ": " + ec.message());
    tls_ = std::move(ctx);
  }
  tcp::endpoint endpoint(address, static_cast<unsigned short>(settings_.port));
  tcp::acceptor acceptor(accept_strand_);
  std::string where = settings_.bind + ":" + std::to_string(settings_.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (ec) {
    return MakeError(ErrorCode::kInvalidInput,
                     "cannot listen on " + where + " (in use, or not an address of this machine): " + ec.message());
  }
  acceptor.listen(kListenBacklog, ec);
  if (ec) return MakeError(ErrorCode::kInvalidInput, "cannot listen on " + where + ": " + ec.message());
  int port = acceptor.local_endpoint(ec).port();
  acceptor_.emplace(std::move(acceptor));
  return port;
}

bool Server::Run() {
  {
    std::lock_guard<std::mutex> lock(run_mu_);
    is_in_run_ = true;
  }
  struct Done {
    Server* s;
    ~Done() {
      {
        std::lock_guard<std::mutex> lock(s->run_mu_);
        s->is_in_run_ = false;
      }
      s->run_cv_.notify_all();
    }
  } done{this};
  if (stop_requested_) return true;
  if (!acceptor_) {
    auto port = Bind();
    if (!port.ok()) {
      std::fprintf(stderr, "http: %s\n", port.error().message.c_str());
      return false;
    }
  }
  pool_.emplace(static_cast<size_t>(std::max(1, settings_.limits.handler_threads)));
  asio::co_spawn(accept_strand_, Accept(), [](std::exception_ptr) {});
  is_running_ = true;
  std::vector<std::thread> extra;
  for (int i = 1; i < settings_.io_threads; ++i) extra.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (auto& t : extra) t.join();
  is_running_ = false;
  // Every handler has answered by now (each keeps ioc_ busy until its answer is posted back).
  pool_->join();
  return true;
}

asio::awaitable<void> Server::Accept() {
  asio::steady_timer backoff(accept_strand_);
  while (!stop_requested_ && acceptor_->is_open()) {
    auto [ec, socket] = co_await acceptor_->async_accept(asio::make_strand(ioc_), kNoThrow);
    if (stop_requested_) co_return;
    if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) co_return;
    if (ec) {
      // Out of file descriptors, say: wait a little instead of spinning on the error.
      backoff.expires_after(Ms(50));
      co_await backoff.async_wait(kNoThrow);
      continue;
    }
    StartSession(std::move(socket));
  }
}

void Server::StartSession(StrandSocket socket) {
  beast::error_code ec;
  auto remote = socket.remote_endpoint(ec);
  if (ec) return;
  // Over a cap the socket is closed at once (it goes out of scope): nothing is read or sent,
  // so a flood costs one accept each.
  if (open_ >= settings_.limits.max_connections) return;
  std::string addr = AddressText(remote.address());
  bool is_trusted = trusted_.count(addr) > 0;
  if (!is_trusted && !TryAcquireAddress(addr)) return;
  socket.set_option(tcp::no_delay(true), ec);
  ++open_;
  std::string counted = is_trusted ? std::string() : addr;
  if (tls_) {
    std::make_shared<Session<TlsStream>>(this, addr, is_trusted, counted, std::move(socket), *tls_)->Start();
  } else {
    std::make_shared<Session<PlainStream>>(this, addr, is_trusted, counted, std::move(socket))->Start();
  }
}

void Server::BeginStop() {
  beast::error_code ec;
  if (acceptor_) acceptor_->close(ec);
  auto live = LiveSessions();
  if (live.empty()) return;
  for (auto& s : live) s->Close(false);
  stop_timer_.expires_after(kStopGrace);
  stop_timer_.async_wait([this](beast::error_code wait_ec) {
    if (wait_ec) return;
    for (auto& s : LiveSessions()) s->Close(true);
  });
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Transport

class Transport::Impl : public Server {
 public:
  using Server::Server;
};

Transport::Transport(TransportSettings settings, RequestHandler handler, ErrorBody error_body)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(handler), std::move(error_body))) {}

Transport::~Transport() {
  impl_->Stop();
  impl_->WaitUntilRunReturned();
}

Result<int> Transport::Bind() { return impl_->Bind(); }
bool Transport::Run() { return impl_->Run(); }
bool Transport::IsRunning() const { return impl_->IsRunning(); }
void Transport::Stop() { impl_->Stop(); }
int Transport::open_connections() const { return impl_->open_connections(); }
void Transport::SetFastHandler(FastHandler fast) { impl_->SetFastHandler(std::move(fast)); }

}  // namespace antre
