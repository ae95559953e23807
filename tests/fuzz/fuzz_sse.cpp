// libFuzzer: the client's server-sent-events parser. The first byte chooses where to split the
// rest into chunks; fed whole or in chunks, the parser must produce the same events, the same
// last id and the same error state (chunk boundaries are invisible in a byte stream).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "client/sse_parser.h"

using namespace antre;

namespace {

bool Same(const std::vector<SseEvent>& a, const std::vector<SseEvent>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].id != b[i].id || a[i].type != b[i].type || a[i].data != b[i].data) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t step = 1 + data[0] % 16;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t kLimit = 256;  // small, so the over-long line path is reached

  SseParser whole(kLimit);
  std::vector<SseEvent> whole_events;
  whole.Feed(body, &whole_events);

  SseParser chunked(kLimit);
  std::vector<SseEvent> chunked_events;
  for (size_t i = 0; i < body.size(); i += step) chunked.Feed(body.substr(i, step), &chunked_events);

  if (whole.has_error() != chunked.has_error()) __builtin_trap();
  if (!whole.has_error()) {
    if (!Same(whole_events, chunked_events)) __builtin_trap();
    if (whole.last_event_id() != chunked.last_event_id()) __builtin_trap();
    if (whole.retry_ms() != chunked.retry_ms()) __builtin_trap();
    if (whole.comments_seen() != chunked.comments_seen()) __builtin_trap();
  }
  for (const auto& e : whole_events) {
    if (e.data.size() > kLimit || e.type.empty()) __builtin_trap();
  }
  // After a reconnect the parser works again and keeps the last id.
  const std::string id = whole.last_event_id();
  whole.ResetConnection();
  std::vector<SseEvent> after;
  whole.Feed("data: x\n\n", &after);
  if (after.size() != 1 || after[0].data != "x" || whole.last_event_id() != id) __builtin_trap();
  return 0;
}
