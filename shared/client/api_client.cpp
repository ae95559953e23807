#include "client/api_client.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "codec/json.h"
#include "codec/wire_decode.h"

namespace antre {

namespace {

// Bodies larger than this are refused rather than buffered; a board is a few KiB.
constexpr size_t kMaxResponseBytes = 8 * 1024 * 1024;

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  size_t n = size * count;
  if (body->size() + n > kMaxResponseBytes) return 0;  // makes curl fail with a write error
  body->append(data, n);
  return n;
}

// The status the server should have named, for 4xx bodies that do not say.
ErrorCode CodeForStatus(long status) {
  switch (status) {
    case 401:
      return ErrorCode::kUnauthorized;
    case 403:
      return ErrorCode::kForbidden;
    case 404:
      return ErrorCode::kNotFound;
    case 409:
      return ErrorCode::kConflict;
    case 413:
      return ErrorCode::kTooLarge;
    case 429:
      return ErrorCode::kRateLimited;
    default:
      return ErrorCode::kInvalidInput;
  }
}

}  // namespace

void EnsureCurlReady() {
  // curl_global_init is not thread-safe on every build; once is enough for the process.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string EscapePathSegment(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

ApiClient::ApiClient(std::string base_url, std::string token, ApiClientOptions options)
    : base_url_(std::move(base_url)), token_(std::move(token)), options_(options) {
  while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
  EnsureCurlReady();
}

Result<HttpResponse> ApiClient::Send(const std::string& method, const std::string& path,
                                     const std::string& body,
                                     const std::vector<std::string>& extra_headers) {
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) return MakeError(ErrorCode::kUnavailable, "curl_easy_init failed");
  curl_slist* raw_headers = curl_slist_append(nullptr, "Accept: application/json");
  if (raw_headers == nullptr)
    return MakeError(ErrorCode::kUnavailable, "out of memory for headers");
  std::unique_ptr<curl_slist, SlistDeleter> headers(raw_headers);
  // curl_slist_append returns the same list head, so the owner above stays valid.
  // The kiosk and display show their own words for each error code and read details (such as
  // when check-in opens) from the server's English message, so they ask for English.
  curl_slist_append(raw_headers, "Accept-Language: en");
  if (!token_.empty()) curl_slist_append(raw_headers, ("Authorization: Bearer " + token_).c_str());
  if (!body.empty() || method == "POST")
    curl_slist_append(raw_headers, "Content-Type: application/json");
  for (const auto& h : extra_headers) curl_slist_append(raw_headers, h.c_str());

  std::string url = base_url_ + path;
  HttpResponse response;
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, raw_headers);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM-based DNS timeouts
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, options_.total_timeout_ms);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(c, CURLOPT_TCP_NODELAY, 1L);
  if (method == "POST") {
    // The server refuses a POST without Content-Length, so always send the (maybe empty) body.
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  } else if (method != "GET") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (!body.empty()) {
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
  }
  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    return MakeError(ErrorCode::kUnavailable, method + " " + url + ": " + curl_easy_strerror(rc));
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

Result<std::string> ApiClient::Call(const std::string& method, const std::string& path,
                                    const std::string& body,
                                    const std::vector<std::string>& extra_headers) {
  auto response = Send(method, path, body, extra_headers);
  if (!response.ok()) return response.error();
  long status = response.value().status;
  if (status >= 200 && status < 300) return std::move(response.value().body);
  return ErrorFromAnswer(status, response.value().body);
}

Error ErrorFromAnswer(long status, const std::string& body) {
  if (status >= 500 || status < 100) {
    Error e = DecodeApiError(body, ErrorCode::kUnavailable);
    return MakeError(ErrorCode::kUnavailable, "server error " + std::to_string(status) + ": " + e.message);
  }
  return DecodeApiError(body, CodeForStatus(status));
}

Result<CheckInResult> ReadCheckInAnswer(long status, const std::string& body, std::string* refused_service) {
  if (refused_service) refused_service->clear();
  if (status == 200 || status == 201) {
    auto parsed = ParseJson(body);
    if (!parsed.ok()) return parsed.error();
    auto view = DecodeTicket(parsed.value().get());
    if (!view.ok()) return view.error();
    CheckInResult a;
    a.ticket = view.value();
    Status st = ReadString(parsed.value().get(), "booking", false, &a.ticket.ticket.booking);
    if (!st.ok()) return st.error;
    a.replayed = status == 200;
    return a;
  }
  if (refused_service && status < 500) {
    auto parsed = ParseJson(body);
    if (parsed.ok()) {
      const cJSON* err = cJSON_GetObjectItemCaseSensitive(parsed.value().get(), "error");
      if (cJSON_IsObject(err)) ReadString(err, "service", false, refused_service);
    }
  }
  return ErrorFromAnswer(status, body);
}

Result<CheckInResult> ApiClient::CheckIn(const std::string& site, const std::string& code,
                                         std::string* refused_service) {
  auto answer = Send("POST", "/api/v1/sites/" + EscapePathSegment(site) + "/bookings/" + EscapePathSegment(code) +
                                 "/check-in", "");
  if (!answer.ok()) return answer.error();
  auto result = ReadCheckInAnswer(answer.value().status, answer.value().body, refused_service);
  if (result.ok()) result.value().ticket.ticket.site = site;
  return result;
}

Result<std::string> ApiClient::StockLevel(const std::string& site) {
  auto body = Call("GET", "/api/v1/sites/" + EscapePathSegment(site) + "/stock", "");
  if (!body.ok()) return body.error();
  auto parsed = ParseJson(body.value());
  if (!parsed.ok()) return parsed.error();
  std::string level;
  Status st = ReadString(parsed.value().get(), "level", true, &level);
  if (!st.ok()) return st.error;
  return level;
}

Status ApiClient::ReportDeviceStatus(const std::string& site, const std::string& kind,
                                     const std::string& body_json) {
  auto body = Call("POST", "/api/v1/sites/" + EscapePathSegment(site) + "/" + EscapePathSegment(kind) + "/status",
                   body_json);
  return body.ok() ? Status::Ok() : Status{body.error()};
}

Result<std::string> ApiClient::SurveyState(const std::string& site, const std::string& number) {
  auto body = Call("GET", "/api/v1/sites/" + EscapePathSegment(site) + "/surveys/" + EscapePathSegment(number), "");
  if (!body.ok()) return body.error();
  auto parsed = ParseJson(body.value());
  if (!parsed.ok()) return parsed.error();
  std::string state;
  Status st = ReadString(parsed.value().get(), "state", true, &state);
  if (!st.ok()) return st.error;
  return state;
}

Status ApiClient::SubmitSurvey(const std::string& site, const std::string& body_json) {
  auto body = Call("POST", "/api/v1/sites/" + EscapePathSegment(site) + "/surveys", body_json);
  return body.ok() ? Status::Ok() : Status{body.error()};
}

Result<std::string> ApiClient::Health() {
  auto body = Call("GET", "/api/v1/health", "");
  if (!body.ok()) return body.error();
  auto parsed = ParseJson(body.value());
  if (!parsed.ok()) return parsed.error();
  std::string status;
  Status st = ReadString(parsed.value().get(), "status", true, &status);
  if (!st.ok()) return st.error;
  return status;
}

Result<std::vector<ServiceStatus>> ApiClient::ListServices(const std::string& site) {
  auto body = Call("GET", "/api/v1/sites/" + EscapePathSegment(site) + "/services", "");
  if (!body.ok()) return body.error();
  return DecodeServiceStatuses(body.value());
}

Result<TicketView> ApiClient::IssueTicket(const std::string& site, const std::string& service,
                                          Priority priority, const std::string& idempotency_key) {
  JsonPtr request(cJSON_CreateObject());
  AddString(request.get(), "service", service);
  if (priority == Priority::kNone) {
    AddNull(request.get(), "priority");
  } else {
    AddString(request.get(), "priority", PriorityName(priority));
  }
  std::vector<std::string> headers;
  if (!idempotency_key.empty()) headers.push_back("Idempotency-Key: " + idempotency_key);
  auto body = Call("POST", "/api/v1/sites/" + EscapePathSegment(site) + "/tickets",
                   PrintJson(request.get()), headers);
  if (!body.ok()) return body.error();
  auto view = DecodeTicket(body.value());
  if (view.ok()) view.value().ticket.site = site;
  return view;
}

Result<TicketView> ApiClient::GetTicket(const std::string& id) {
  auto body = Call("GET", "/api/v1/tickets/" + EscapePathSegment(id), "");
  if (!body.ok()) return body.error();
  return DecodeTicket(body.value());
}

Result<BoardSnapshot> ApiClient::GetBoard(const std::string& site) {
  auto body = Call("GET", "/api/v1/sites/" + EscapePathSegment(site) + "/board", "");
  if (!body.ok()) return body.error();
  return DecodeBoard(body.value());
}

}  // namespace antre
