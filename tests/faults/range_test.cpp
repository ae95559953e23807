// Fault: Range amplification. A request naming the same bytes 2,000 times must not make the
// server build (or send) 2,000 copies of a file: the answer is at most the file, never a
// multipart body, and 16 such requests at once leave the server's memory where it was.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <atomic>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "../support/server_process.h"
#include "../support/temp_dir.h"
#include "fault_support.h"

using namespace antre;
using namespace antre::faults;

namespace {

const char kFile[] = "/static/common.js";

std::string AmplifyingRequest() {
  std::string ranges = "bytes=0-";
  for (int i = 1; i < 2000; ++i) ranges += ",0-";
  return std::string("GET ") + kFile + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nRange: " + ranges +
         "\r\n\r\n";
}

// The body length of an answer, or npos if it has no head.
size_t BodySize(const std::string& answer) {
  size_t head_end = answer.find("\r\n\r\n");
  return head_end == std::string::npos ? std::string::npos : answer.size() - head_end - 4;
}

int Status(const std::string& answer) { return answer.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(answer.c_str() + 9) : -1; }

}  // namespace

TEST_CASE("Faults: 2,000 overlapping ranges get at most the file, never a multipart body") {
  TempDir dir;
  ServerProcess server(dir.File("range.db"));
  std::string whole = RoundTrip(server.port(), std::string("GET ") + kFile +
                                                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  REQUIRE(Status(whole) == 200);
  const size_t file_size = BodySize(whole);
  REQUIRE(file_size > 1000);

  const std::string request = AmplifyingRequest();
  REQUIRE(request.size() > 6000);
  std::string answer = RoundTrip(server.port(), request, 4 * file_size + 65536);
  const int status = Status(answer);
  INFO("status ", status, ", head: ", answer.substr(0, answer.find("\r\n\r\n")));
  CHECK((status == 200 || status == 416 || status == 400));
  CHECK(BodySize(answer) <= file_size);
  if (status == 200) CHECK(BodySize(answer) == file_size);
  std::string head = answer.substr(0, answer.find("\r\n\r\n"));
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
  CHECK(head.find("multipart") == std::string::npos);
}

TEST_CASE("Faults: 16 concurrent amplifying range requests leave the server's RSS within 50 MB") {
  TempDir dir;
  ServerProcess server(dir.File("range-rss.db"));
  const std::string request = AmplifyingRequest();
  // Warm up: the file cache and the handler threads exist before the baseline.
  for (int i = 0; i < 16; ++i) RoundTrip(server.port(), request, 1 << 20);
  const double baseline = RssMiB(server.pid());
  REQUIRE(baseline > 0);

  std::atomic<double> peak{baseline};
  std::atomic<size_t> largest{0};
  std::atomic<bool> done{false};
  std::thread sampler([&] {
    while (!done) {
      double rss = RssMiB(server.pid());
      if (rss > peak) peak = rss;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  std::vector<std::thread> clients;
  for (int c = 0; c < 16; ++c) {
    clients.emplace_back([&] {
      for (int i = 0; i < 4; ++i) {
        size_t n = RoundTrip(server.port(), request, 64 << 20).size();
        size_t seen = largest;
        while (n > seen && !largest.compare_exchange_weak(seen, n)) {
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  done = true;
  sampler.join();
  const double after = RssMiB(server.pid());
  CHECK_MESSAGE(peak.load() - baseline < 50, "RSS went from ", baseline, " MiB to a peak of ", peak.load(), " MiB");
  CHECK_MESSAGE(after - baseline < 50, "RSS went from ", baseline, " MiB to ", after, " MiB");
  CHECK(largest.load() < 64 * 1024);  // no answer bigger than the file plus its head
}
