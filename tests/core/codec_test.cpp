#include <doctest/doctest.h>

#include "codec/domain_json.h"

using namespace antre;

namespace {

const char* kMinimalConfig = R"({
  "sites": [{"id": "s", "name": "Office", "time_zone": "Asia/Jakarta",
    "services": [{"id": "rekam", "prefix": "A", "name": {"id": "Perekaman", "en": "Recording"}}],
    "counters": [{"id": "1", "services": ["rekam"]}]}],
  "users": [{"username": "u", "role": "officer", "password_hash": "pbkdf2-sha256$1$00$00"}],
  "kiosks": [{"id": "k", "site": "s", "token": "0123456789ab"}]
})";

}  // namespace

TEST_CASE("Codec: a minimal config decodes with defaults filled in") {
  auto r = DecodeConfig(kMinimalConfig);
  REQUIRE(r.ok());
  const Config& c = r.value();
  REQUIRE(c.sites.size() == 1);
  CHECK(c.sites[0].tz.offset_minutes == 420);
  CHECK(c.sites[0].counters[0].name == "Loket 1");
  CHECK(c.sites[0].services[0].is_open);
  CHECK(c.sites[0].services[0].target_wait_minutes == 30);
  CHECK(c.sites[0].priority_cap == 3);
  CHECK(c.users[0].role == Role::kOfficer);
  CHECK(c.devices[0].token == "0123456789ab");
  CHECK(c.limits.max_streams == 64);
}

TEST_CASE("Codec: config errors name the place of the problem") {
  struct Row {
    std::string from, to, want;
  };
  const Row rows[] = {
      {"\"prefix\": \"A\"", "\"prefix\": \"a\"", "sites[0].services[0]: prefix"},
      {"[\"rekam\"]", "[\"kk\"]", "sites[0].counters[0]: unknown service 'kk'"},
      {"\"Asia/Jakarta\"", "\"Mars/Base\"", "sites[0]: unknown time zone"},
      {"\"officer\"", "\"boss\"", "users[0]: role"},
      {"\"0123456789ab\"", "\"short\"", "kiosks[0]: token"},
      {"\"site\": \"s\"", "\"site\": \"x\"", "kiosks[0]: unknown site"},
      {"\"sites\"", "\"places\"", "sites: must be a non-empty array"},
      {"\"prefix\": \"A\"", "\"prefix\": \"A\", \"target_wait_minutes\": 0", "target_wait_minutes must be 1-480"},
      {"\"prefix\": \"A\"", "\"prefix\": \"A\", \"target_wait_minutes\": 481", "target_wait_minutes must be 1-480"},
  };
  for (const auto& row : rows) {
    std::string text = kMinimalConfig;
    size_t at = text.find(row.from);
    REQUIRE(at != std::string::npos);
    text.replace(at, row.from.size(), row.to);
    auto r = DecodeConfig(text);
    CAPTURE(row.want);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find(row.want) != std::string::npos);
  }
  CHECK_FALSE(DecodeConfig("{not json").ok());
  std::string with_target = kMinimalConfig;
  with_target.insert(with_target.find("\"prefix\""), "\"target_wait_minutes\": 45, ");
  auto r = DecodeConfig(with_target);
  REQUIRE(r.ok());
  CHECK(r.value().sites[0].services[0].target_wait_minutes == 45);
}

TEST_CASE("Codec: the transport limits decode, default and are range-checked") {
  auto with_limits = [](const std::string& limits) {
    std::string text = kMinimalConfig;
    text.insert(text.rfind('}'), ", \"limits\": " + limits);
    return DecodeConfig(text);
  };
  auto defaults = with_limits("{}");
  REQUIRE(defaults.ok());
  CHECK(defaults.value().limits.head_timeout_ms == 10000);
  CHECK(defaults.value().limits.max_connections_per_address == 512);
  auto set = with_limits(R"({"head_timeout_ms": 2500, "min_body_bytes_per_second": 4096, "max_head_bytes": 8192,
    "keep_alive_seconds": 5, "max_connections": 100, "max_connections_per_address": 7, "max_queued_requests": 0})");
  REQUIRE(set.ok());
  const Limits& l = set.value().limits;
  CHECK(l.head_timeout_ms == 2500);
  CHECK(l.min_body_bytes_per_second == 4096);
  CHECK(l.max_head_bytes == 8192);
  CHECK(l.keep_alive_seconds == 5);
  CHECK(l.max_connections == 100);
  CHECK(l.max_connections_per_address == 7);
  CHECK(l.max_queued_requests == 0);
  const char* bad[] = {R"({"head_timeout_ms": 99})",         R"({"min_body_bytes_per_second": 0})",
                       R"({"max_head_bytes": 512})",         R"({"keep_alive_seconds": 0})",
                       R"({"max_connections": 15})",         R"({"max_connections_per_address": 0})",
                       R"({"max_queued_requests": -1})",     R"({"head_timeout_ms": "fast"})"};
  for (const char* b : bad) {
    CAPTURE(b);
    auto r = with_limits(b);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("limits: ") == 0);
  }
}

TEST_CASE("Codec: the event-stream limits decode per class, default and are range-checked") {
  auto with_limits = [](const std::string& limits) {
    std::string text = kMinimalConfig;
    text.insert(text.rfind('}'), ", \"limits\": " + limits);
    return DecodeConfig(text);
  };
  auto defaults = with_limits("{}");
  REQUIRE(defaults.ok());
  CHECK(defaults.value().limits.max_streams == 64);
  CHECK(defaults.value().limits.max_streams_per_address == 16);
  CHECK(defaults.value().limits.max_device_streams == 256);
  auto set = with_limits(R"({"max_streams": 50000, "max_streams_per_address": 3, "max_device_streams": 9})");
  REQUIRE(set.ok());
  CHECK(set.value().limits.max_streams == 50000);
  CHECK(set.value().limits.max_streams_per_address == 3);
  CHECK(set.value().limits.max_device_streams == 9);
  const char* bad[] = {R"({"max_streams": 0})",        R"({"max_streams": 100001})",
                       R"({"max_streams_per_address": 0})", R"({"max_device_streams": 0})",
                       R"({"max_device_streams": 100001})", R"({"max_streams_per_address": "many"})"};
  for (const char* b : bad) {
    CAPTURE(b);
    auto r = with_limits(b);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("limits: ") == 0);
  }
}

TEST_CASE("Codec: ticket JSON shows position only while waiting and never a counter otherwise") {
  TimeZone wib = ParseTimeZone("Asia/Jakarta").value();
  Ticket t;
  t.id = "abc";
  t.number = "A001";
  t.service = "rekam";
  t.issued_at = ParseIso("2026-11-28T09:00:00+07:00").value();
  TicketView v{t, 2, 10, ""};
  std::string waiting = PrintJson(EncodeTicket(v, wib).get());
  CHECK(waiting.find("\"position\":2") != std::string::npos);
  CHECK(waiting.find("\"issued_at\":\"2026-11-28T09:00:00+07:00\"") != std::string::npos);
  CHECK(waiting.find("\"counter\":null") != std::string::npos);
  v.ticket.status = TicketStatus::kCalled;
  v.ticket.counter = "3";
  v.counter_name = "Loket 3";
  std::string called = PrintJson(EncodeTicket(v, wib).get());
  CHECK(called.find("\"position\":null") != std::string::npos);
  CHECK(called.find("\"counter_name\":\"Loket 3\"") != std::string::npos);
}

TEST_CASE("Codec: MergeJsonObjects puts the patch's keys over the base, replacing arrays whole") {
  struct Case {
    const char* base;
    const char* patch;
    const char* merged;
  };
  const Case ok[] = {
      {"{\"a\":1,\"b\":[1,2]}", "{}", "{\"a\":1,\"b\":[1,2]}"},
      {"{\"a\":1,\"b\":[1,2]}", "{\"b\":[3]}", "{\"a\":1,\"b\":[3]}"},
      {"{\"a\":1}", "{\"c\":\"x\",\"a\":2}", "{\"a\":2,\"c\":\"x\"}"},
      {"{\"A\":1}", "{\"a\":2}", "{\"A\":1,\"a\":2}"},  // keys are case-sensitive
  };
  for (const Case& c : ok) {
    auto r = MergeJsonObjects(c.base, c.patch);
    REQUIRE_MESSAGE(r.ok(), c.patch);
    CHECK(r.value() == c.merged);
  }
  for (const char* bad : {"[1]", "3", "\"x\"", "{\"a\":", ""}) {
    auto r = MergeJsonObjects("{\"a\":1}", bad);
    CHECK_MESSAGE(!r.ok(), bad);
    CHECK(r.error().code == ErrorCode::kInvalidInput);
  }
}
