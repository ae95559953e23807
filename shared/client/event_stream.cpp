#include "client/event_stream.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <random>

#include "client/api_client.h"

namespace antre {

namespace {

// What one connection attempt learned, shared with the curl callbacks.
struct Attempt {
  EventStream* stream = nullptr;
  CURL* curl = nullptr;
  long status = 0;
  bool is_live = false;
  bool is_dead = false;  // aborted because no byte arrived in time
  int64_t started_ms = 0;
  std::string failure;     // why we aborted from a callback, if we did
  std::string error_body;  // start of a non-200 body, for the error message
};

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

const char* StreamStateName(StreamState state) {
  switch (state) {
    case StreamState::kStopped:
      return "stopped";
    case StreamState::kConnecting:
      return "connecting";
    case StreamState::kLive:
      return "live";
    case StreamState::kReconnecting:
      return "reconnecting";
  }
  return "stopped";
}

// ---------------------------------------------------------------- curl callbacks

// libcurl calls these on the reader thread, inside curl_easy_perform.
struct StreamCallbacks {
  static size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* a = static_cast<Attempt*>(user);
    size_t n = size * count;
    std::string_view line(data, n);
    if (line != "\r\n" && line != "\n") return n;
    // The blank line ends the headers: the answer is known before any event arrives, so a
    // quiet but healthy stream shows as live at once.
    curl_easy_getinfo(a->curl, CURLINFO_RESPONSE_CODE, &a->status);
    if (a->status == 200 && !a->is_live) {
      EventStream* s = a->stream;
      a->is_live = true;
      s->state_ = StreamState::kLive;
      if (s->live_count_.fetch_add(1) > 0) s->resync_needed_ = true;
    }
    return n;
  }

  static size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto* a = static_cast<Attempt*>(user);
    EventStream* s = a->stream;
    size_t n = size * count;
    s->last_byte_ms_ = s->NowMs();
    if (!a->is_live) {
      if (a->error_body.size() < 300) a->error_body.append(data, std::min<size_t>(n, 300));
      return n;
    }
    std::vector<SseEvent> events;
    bool ok = s->parser_.Feed(std::string_view(data, n), &events);
    s->heartbeats_ = s->parser_.comments_seen();
    s->Deliver(&events);
    if (!ok) {
      a->failure = "bad event stream: " + s->parser_.error();
      return 0;  // aborts the transfer; the reconnect starts clean
    }
    return n;
  }

  static int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* a = static_cast<Attempt*>(user);
    EventStream* s = a->stream;
    if (s->stop_) return 1;
    int64_t now = s->NowMs();
    int64_t quiet_since = std::max<int64_t>(s->last_byte_ms_.load(), a->started_ms);
    if (a->is_live && now - quiet_since > s->options_.dead_after_ms) {
      a->is_dead = true;
      a->failure = "no data for " + std::to_string(now - quiet_since) + " ms";
      return 1;
    }
    return 0;
  }
};

// ---------------------------------------------------------------- owner's side

EventStream::EventStream(std::string base_url, std::string site, EventStreamOptions options)
    : url_([&] {
        while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
        return base_url + "/api/v1/sites/" + EscapePathSegment(site) + "/events";
      }()),
      options_(std::move(options)),
      last_event_id_(options_.last_event_id) {
  EnsureCurlReady();
}

EventStream::~EventStream() { Stop(); }

void EventStream::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  state_ = StreamState::kConnecting;
  thread_ = std::thread([this] { Run(); });
}

void EventStream::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  state_ = StreamState::kStopped;
}

std::vector<SseEvent> EventStream::Poll() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<SseEvent> out(std::make_move_iterator(queue_.begin()),
                            std::make_move_iterator(queue_.end()));
  queue_.clear();
  return out;
}

std::vector<SseEvent> EventStream::WaitForEvents(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  events_cv_.wait_for(lock, timeout, [this] { return !queue_.empty(); });
  std::vector<SseEvent> out(std::make_move_iterator(queue_.begin()),
                            std::make_move_iterator(queue_.end()));
  queue_.clear();
  return out;
}

int64_t EventStream::ms_since_last_byte() const {
  int64_t last = last_byte_ms_.load();
  return last == 0 ? -1 : NowMs() - last;
}

std::string EventStream::last_event_id() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_event_id_;
}

std::string EventStream::last_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_error_;
}

int64_t EventStream::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void EventStream::SetError(std::string error) {
  std::lock_guard<std::mutex> lock(mu_);
  last_error_ = std::move(error);
}

void EventStream::Deliver(std::vector<SseEvent>* events) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& e : *events) queue_.push_back(std::move(e));
    // An owner that stopped polling must not grow memory without end; it will re-read the
    // snapshot instead of the events it missed.
    while (queue_.size() > options_.max_queued_events) {
      queue_.pop_front();
      resync_needed_ = true;
    }
    last_event_id_ = parser_.last_event_id();
  }
  if (!events->empty()) events_cv_.notify_all();
}

// ---------------------------------------------------------------- reader thread

void EventStream::Run() {
  // The first connect resumes from the id the owner gave (or, after a restart, the last id
  // seen); the parser carries it from there.
  parser_ = SseParser();
  std::string resume_from = last_event_id();
  if (!resume_from.empty()) {
    std::vector<SseEvent> none;
    parser_.Feed("id: " + resume_from + "\n\n", &none);
  }
  long backoff = options_.initial_backoff_ms;
  while (!stop_) {
    state_ = live_count_ == 0 ? StreamState::kConnecting : StreamState::kReconnecting;
    bool was_live = RunOnce();
    if (stop_) break;
    state_ = StreamState::kReconnecting;
    long base = options_.initial_backoff_ms;
    if (parser_.retry_ms() >= 0)
      base = std::clamp<long>(static_cast<long>(parser_.retry_ms()), 100, options_.max_backoff_ms);
    // A connection that went live resets the backoff; one that never did keeps doubling it.
    if (was_live) backoff = base;
    SleepBackoff(backoff);
    backoff = std::min(backoff * 2, options_.max_backoff_ms);
  }
  state_ = StreamState::kStopped;
}

bool EventStream::RunOnce() {
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) {
    SetError("curl_easy_init failed");
    return false;
  }
  // Whatever half-event the last connection left is gone; the server replays from the id.
  parser_.ResetConnection();
  std::unique_ptr<curl_slist, SlistDeleter> headers(
      curl_slist_append(nullptr, "Accept: text/event-stream"));
  if (!headers) return false;
  curl_slist_append(headers.get(), "Cache-Control: no-cache");
  if (!options_.bearer_token.empty()) {
    curl_slist_append(headers.get(), ("Authorization: Bearer " + options_.bearer_token).c_str());
  }
  if (!parser_.last_event_id().empty()) {
    curl_slist_append(headers.get(), ("Last-Event-ID: " + parser_.last_event_id()).c_str());
  }

  Attempt a;
  a.stream = this;
  a.curl = curl.get();
  a.started_ms = NowMs();
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &StreamCallbacks::OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &a);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &StreamCallbacks::OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
  // The progress callback runs at least once a second even on a silent connection, which
  // is what lets Stop() and the dead-link check interrupt a blocking perform.
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &StreamCallbacks::OnProgress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &a);
  CURLcode rc = curl_easy_perform(c);
  if (stop_) return a.is_live;

  std::string why;
  if (!a.failure.empty()) {
    why = a.failure;
  } else if (a.status != 0 && a.status != 200) {
    why = "HTTP " + std::to_string(a.status) + ": " + a.error_body;
  } else if (rc != CURLE_OK) {
    why = curl_easy_strerror(rc);
  } else {
    why = "server closed the stream";
  }
  SetError(why);
  return a.is_live;
}

void EventStream::SleepBackoff(long backoff_ms) {
  // Jitter spreads the reconnects of many displays after a server restart.
  static thread_local std::mt19937 rng{std::random_device{}()};
  std::uniform_int_distribution<long> spread(backoff_ms / 2, backoff_ms);
  auto delay = std::chrono::milliseconds(spread(rng));
  std::unique_lock<std::mutex> lock(mu_);
  stop_cv_.wait_for(lock, delay, [this] { return stop_.load(); });
}

}  // namespace antre
