#include "api_util.h"

#include <algorithm>
#include <cstdio>

#include "auth.h"
#include "codec/domain_json.h"
#include "core/messages.h"

namespace antre {
namespace {

constexpr size_t kMaxIdempotencyKey = 128;
}  // namespace

const std::vector<Role> kStaff = {Role::kOfficer, Role::kSupervisor, Role::kAdmin};
const std::vector<Role> kSignedIn = {Role::kOfficer, Role::kSupervisor, Role::kAdmin, Role::kOperator};
const std::vector<Role> kSupervisors = {Role::kSupervisor, Role::kAdmin};
const std::vector<Role> kAdmins = {Role::kAdmin};

// ---------------------------------------------------------------- responses

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNone: return 200;
    case ErrorCode::kInvalidInput: return 400;
    case ErrorCode::kInvalidNik: return 422;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict:
    case ErrorCode::kServiceClosed:
    case ErrorCode::kCounterPaused:
    case ErrorCode::kSlotFull:
    case ErrorCode::kAlreadyBooked:
    case ErrorCode::kLimitReached:
    case ErrorCode::kTooEarly:
    case ErrorCode::kTooLate:
    case ErrorCode::kAlreadyAnswered:
    case ErrorCode::kNotReleased: return 409;
    case ErrorCode::kQuotaReached: return 409;
    case ErrorCode::kUnauthorized: return 401;
    case ErrorCode::kForbidden:
    case ErrorCode::kNotYourCounter:
    case ErrorCode::kPowRequired:
    case ErrorCode::kPowInvalid:
    case ErrorCode::kPowExpired: return 403;
    case ErrorCode::kTooLarge: return 413;
    case ErrorCode::kRateLimited: return 429;
    case ErrorCode::kStorageFull:
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kStorageFailed: return 500;
  }
  return 500;
}

void SendJson(HttpResponse& res, int status, const std::string& body) {
  res.status = status;
  res.SetHeader("Cache-Control", "no-store");
  res.SetContent(body, "application/json; charset=utf-8");
}

void SendJson(HttpResponse& res, int status, const JsonPtr& body) { SendJson(res, status, PrintJson(body.get())); }

void SendError(HttpResponse& res, const Error& e) {
  std::string message = e.message;
  // Storage details help the operator's log, not the caller.
  if (e.code == ErrorCode::kStorageFailed) message = "the database failed; nothing was changed";
  if (e.code == ErrorCode::kStorageFull) message = "the disk is full; nothing was changed";
  if (e.code == ErrorCode::kStorageFailed || e.code == ErrorCode::kStorageFull) {
    std::fprintf(stderr, "antre: storage error: %s\n", e.message.c_str());
  }
  SendJson(res, StatusFor(e.code), EncodeError(ErrorCodeName(e.code), message));
}

void LocalizeError(const HttpRequest& req, HttpResponse& res) {
  if (res.status < 400 || res.stream || res.content_type.rfind("application/json", 0) != 0) return;
  Language lang = PickLanguage(req.Header("Accept-Language"));
  res.SetHeader("Vary", "Accept-Language");
  res.SetHeader("Content-Language", LanguageTag(lang));
  if (lang == Language::kEnglish) return;  // the server's own words are English
  auto parsed = ParseJson(res.body);
  if (!parsed.ok()) return;
  cJSON* error = cJSON_GetObjectItemCaseSensitive(parsed.value().get(), "error");
  const cJSON* code = cJSON_GetObjectItemCaseSensitive(error, "code");
  const cJSON* message = cJSON_GetObjectItemCaseSensitive(error, "message");
  if (!cJSON_IsString(code) || !cJSON_IsString(message)) return;
  std::string text = LocalizedMessage(code->valuestring, message->valuestring, lang);
  // The English words stay beside the translation as "detail": programs and pages that read
  // a reason (which field, which weekday) keep working, and a reason the catalogue lacks
  // (mostly admins' config checks) loses nothing to its general sentence.
  if (text != message->valuestring) AddString(error, "detail", message->valuestring);
  cJSON_ReplaceItemInObjectCaseSensitive(error, "message", cJSON_CreateString(text.c_str()));
  res.body = PrintJson(parsed.value().get());
}

// ---------------------------------------------------------------- request parsing

Result<std::shared_ptr<cJSON>> ParseBody(const HttpRequest& req) {
  std::string body = req.body.empty() ? "{}" : req.body;
  auto parsed = ParseJson(body);
  if (!parsed.ok()) return parsed.error();
  if (!cJSON_IsObject(parsed.value().get())) return MakeError(ErrorCode::kInvalidInput, "body must be a JSON object");
  return parsed;
}

Result<IdempotencyKey> IdemKey(const HttpRequest& req, const std::string& scope) {
  IdempotencyKey key{scope, req.Header("Idempotency-Key")};
  if (key.key.size() > kMaxIdempotencyKey) {
    return MakeError(ErrorCode::kInvalidInput, "Idempotency-Key is longer than 128 characters");
  }
  return key;
}

std::string BearerToken(const HttpRequest& req) {
  std::string h = req.Header("Authorization");
  const std::string kPrefix = "Bearer ";
  return h.rfind(kPrefix, 0) == 0 ? h.substr(kPrefix.size()) : std::string();
}

Result<Principal> Authorize(ApiContext& ctx, const HttpRequest& req, const std::vector<Role>& roles) {
  std::string token = BearerToken(req);
  if (token.empty()) return MakeError(ErrorCode::kUnauthorized, "missing 'Authorization: Bearer <token>' header");
  auto p = ctx.store->ResolveToken(Sha256Hex(token));
  if (!p.ok()) return p.error();
  for (Role r : roles) {
    if (r == p.value().role) return p;
  }
  return MakeError(ErrorCode::kForbidden, std::string("a ") + RoleName(p.value().role) + " may not do this");
}

bool AuthorizeCached(ApiContext& ctx, const HttpRequest& req, const std::vector<Role>& roles,
                     Result<Principal>* out) {
  std::string token = BearerToken(req);
  Principal who;
  if (token.empty() || !ctx.store->CachedToken(Sha256Hex(token), &who)) return false;
  *out = MakeError(ErrorCode::kForbidden, std::string("a ") + RoleName(who.role) + " may not do this");
  for (Role r : roles) {
    if (r == who.role) *out = who;
  }
  return true;
}

std::string ClientAddress(const ApiContext& ctx, const HttpRequest& req) {
  const auto& trusted = ctx.limits.trusted_proxies;
  if (std::find(trusted.begin(), trusted.end(), req.remote_addr) == trusted.end()) return req.remote_addr;
  std::string xff = req.Header("X-Forwarded-For");
  if (xff.empty()) return req.remote_addr;
  // The last hop is the one the trusted proxy added; earlier ones are the client's to forge.
  size_t comma = xff.rfind(',');
  std::string last = comma == std::string::npos ? xff : xff.substr(comma + 1);
  size_t b = last.find_first_not_of(' '), e = last.find_last_not_of(' ');
  return b == std::string::npos ? req.remote_addr : last.substr(b, e - b + 1);
}

TimeZone ZoneOf(const ApiContext& ctx, const std::string& site) {
  auto tz = ctx.store->SiteZone(site);
  return tz.ok() ? tz.value() : TimeZone{"UTC", 0};
}

}  // namespace antre
