// The display's check-in against a fake poster: when it posts, what it sends, and how it
// logs an outage (once) without ever logging its token.
#include "display/status_reporter.h"

#include <doctest/doctest.h>

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace antre;

namespace {

constexpr const char* kToken = "display-token-7f3a";

// Records each check-in body and answers from a script, then with `after` for ever.
struct FakeServer {
  struct Post {
    std::string body;
  };
  std::mutex mu;
  std::vector<Post> posts;
  std::deque<Status> script;
  Status after = Status::Ok();
  std::vector<std::string> log;

  StatusPoster Poster() {
    return [this](const std::string& body) -> Status {
      std::lock_guard<std::mutex> lock(mu);
      posts.push_back({body});
      if (script.empty()) return after;
      Status next = script.front();
      script.pop_front();
      return next;
    };
  }
  std::function<void(const std::string&)> Logger() {
    return [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mu);
      log.push_back(line);
    };
  }
  size_t Count() {
    std::lock_guard<std::mutex> lock(mu);
    return posts.size();
  }
  // Waits up to 5 s for at least n check-ins.
  bool WaitFor(size_t n) {
    for (int i = 0; i < 500 && Count() < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return Count() >= n;
  }
};

StatusReporterOptions Options(int64_t period_ms) {
  StatusReporterOptions o;
  o.server = "http://127.0.0.1:1";
  o.site = "serang";
  o.token = kToken;
  o.period_ms = period_ms;
  return o;
}

}  // namespace

TEST_CASE("DisplayHealth: the check-in body") {
  CHECK(EncodeDisplayHealth({}) == R"({"audio":"ok"})");
  CHECK(EncodeDisplayHealth({"none", "no audio output device"}) ==
        R"({"audio":"none","message":"no audio output device"})");
}

TEST_CASE("StatusReporter: checks in at once, then every period") {
  FakeServer fake;
  StatusReporter reporter(Options(20), {}, fake.Logger(), fake.Poster());
  reporter.Start();
  REQUIRE(fake.WaitFor(3));
  reporter.Stop();
  std::lock_guard<std::mutex> lock(fake.mu);
  for (const auto& post : fake.posts) CHECK(post.body == R"({"audio":"ok"})");
  CHECK(reporter.accepted() == static_cast<int>(fake.posts.size()));
  REQUIRE(fake.log.size() == 1);  // one line when it starts, none per check-in
  CHECK(fake.log[0].find("checking in every 0 s (audio ok)") != std::string::npos);
}

TEST_CASE("StatusReporter: a change of audio is sent at once, not at the next period") {
  FakeServer fake;
  StatusReporter reporter(Options(60000), {}, fake.Logger(), fake.Poster());
  reporter.Start();
  REQUIRE(fake.WaitFor(1));
  reporter.SetHealth({"muted", ""});
  REQUIRE(fake.WaitFor(2));
  reporter.SetHealth({"muted", ""});  // the same again: nothing to say
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(fake.Count() == 2);
  std::lock_guard<std::mutex> lock(fake.mu);
  CHECK(fake.posts[1].body == R"({"audio":"muted"})");
}

TEST_CASE("StatusReporter: an outage is logged once, its end once, and never the token") {
  FakeServer fake;
  fake.script = {Status::Ok(),
                 Status{MakeError(ErrorCode::kUnavailable, "connection refused")},
                 Status{MakeError(ErrorCode::kUnauthorized, "bad token")},
                 Status{MakeError(ErrorCode::kUnavailable, "server error 500: ")},
                 Status::Ok(),
                 Status::Ok()};
  fake.after = Status{MakeError(ErrorCode::kUnauthorized, "bad token")};  // a new outage that lasts
  StatusReporter reporter(Options(5), {"none", "no audio output device"}, fake.Logger(),
                          fake.Poster());
  reporter.Start();
  REQUIRE(fake.WaitFor(8));
  reporter.Stop();
  std::lock_guard<std::mutex> lock(fake.mu);
  REQUIRE(fake.log.size() == 4);
  CHECK(fake.log[0].find("checking in") != std::string::npos);
  CHECK(fake.log[1].find("check-in failed (connection refused)") != std::string::npos);
  CHECK(fake.log[2].find("accepted again") != std::string::npos);
  CHECK(fake.log[3].find("HTTP 401: the server refused this display's token") != std::string::npos);
  for (const std::string& line : fake.log) CHECK(line.find(kToken) == std::string::npos);
  CHECK(fake.posts[0].body == R"({"audio":"none","message":"no audio output device"})");
}
