// The province benchmark's event streams: one curl thread reads them all; each call is then
// matched with the moment every stream of its site saw it.
#include <curl/curl.h>

#include <optional>

#include "bench_http.h"
#include "bench_province.h"

namespace antre::bench {
namespace {

size_t OnBytes(char* data, size_t size, size_t n, void* user) {
  auto* c = static_cast<StreamClient*>(user);
  auto now = Clock::now();
  std::vector<SseEvent> events;
  c->parser.Feed(std::string_view(data, size * n), &events);
  c->connected = true;
  for (const auto& e : events) {
    if (e.type == "ticket.called" && c->called_at.emplace(Field(e.data, "number"), now).second)
      ++c->seen;
  }
  return size * n;
}

}  // namespace

void RunStreams(std::vector<std::unique_ptr<StreamClient>>* clients, const std::vector<int>* ports,
                std::atomic<bool>* stop, std::atomic<int>* ended) {
  CURLM* multi = curl_multi_init();
  std::vector<CURL*> handles;
  for (auto& c : *clients) {
    std::string url = "http://127.0.0.1:" + std::to_string((*ports)[c->process]) +
                      "/api/v1/sites/" + SiteId(c->site) + "/events";
    CURL* curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBytes);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, c.get());
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    curl_multi_add_handle(multi, curl);
    handles.push_back(curl);
  }
  int running = 0;
  while (!stop->load()) {
    curl_multi_perform(multi, &running);
    int queued = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &queued)) {
      if (m->msg == CURLMSG_DONE) ++*ended;
    }
    curl_multi_poll(multi, nullptr, 0, 5, nullptr);
  }
  for (CURL* h : handles) {
    curl_multi_remove_handle(multi, h);
    curl_easy_cleanup(h);
  }
  curl_multi_cleanup(multi);
}

void Latencies(const std::vector<Press>& presses,
               const std::vector<std::vector<StreamClient*>>& by_site, std::vector<double>* same,
               std::vector<double>* cross, std::vector<double>* propagation, int* missed) {
  for (const Press& p : presses) {
    std::optional<Clock::time_point> local;
    std::vector<Clock::time_point> remote;
    for (StreamClient* c : by_site[static_cast<size_t>(p.site)]) {
      auto it = c->called_at.find(p.number);
      if (it == c->called_at.end()) {
        ++*missed;
        continue;
      }
      (c->process == p.process ? same : cross)->push_back(Ms(p.at, it->second));
      if (c->process != p.process) {
        remote.push_back(it->second);
      } else if (!local || it->second < *local) {
        local = it->second;
      }
    }
    for (const auto& t : remote) {
      if (local) propagation->push_back(Ms(*local, t));
    }
  }
}

}  // namespace antre::bench
