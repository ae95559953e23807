// Dispatch without a socket: a real Store in a temp dir (the store tests' small office), an
// event hub fed by it, a kiosk device, and a web root of test pages.
#pragma once

#include <cjson/cJSON.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "../store/store_fixture.h"
#include "api.h"
#include "auth.h"

namespace antre {

constexpr const char* kKioskToken = "kiosk-token-for-tests";

struct ApiFixture {
  StoreFixture f;
  EventHub hub;
  ServerClock clock;
  RateLimiter limiter;
  ApiContext ctx;

  ApiFixture() {
    REQUIRE(
        f.store->SyncDevices({DeviceConfig{"k1", "serang", Sha256Hex(kKioskToken), Role::kKiosk}})
            .ok());
    hub.Seed("serang", f.store->LastEventId("serang").value());
    f.store->SetEventListener([this](const std::vector<Event>& events) { hub.Publish(events); });
    ctx.store = f.store.get();
    ctx.hub = &hub;
    ctx.clock = &clock;
    ctx.limiter = &limiter;
    ctx.web_root = f.dir.File("web");
    std::filesystem::create_directory(ctx.web_root);
    std::ofstream(ctx.web_root + "/counter.html") << Page();
  }
  ~ApiFixture() { hub.Stop(); }

  // A page long and repetitive enough that gzip shrinks it.
  static std::string Page() {
    std::string page = "<!doctype html><title>Loket</title>\n";
    for (int i = 0; i < 200; ++i) page += "<p>Nomor antrean " + std::to_string(i) + "</p>\n";
    return page;
  }

  HttpResponse Call(const std::string& method, const std::string& target,
                    const std::string& body = "",
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest req;
    req.method = method;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) {
      std::string query = target.substr(q + 1);
      size_t pos = 0;
      while (pos <= query.size()) {
        size_t amp = query.find('&', pos);
        if (amp == std::string::npos) amp = query.size();
        std::string kv = query.substr(pos, amp - pos);
        size_t eq = kv.find('=');
        req.query.emplace(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
        pos = amp + 1;
      }
    }
    req.headers = std::move(headers);
    req.body = body;
    req.remote_addr = "127.0.0.1";
    HttpResponse res;
    Dispatch(ctx, req, res);
    return res;
  }
};

// A string field of a JSON body, looked for at the top level and inside "error"; "" if absent.
inline std::string Field(const std::string& json, const std::string& key) {
  cJSON* root = cJSON_Parse(json.c_str());
  if (root == nullptr) return "";
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(root, key.c_str());
  if (item == nullptr)
    item = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItem(root, "error"), key.c_str());
  std::string out = cJSON_IsString(item) ? item->valuestring : "";
  cJSON_Delete(root);
  return out;
}

}  // namespace antre
