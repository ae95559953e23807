// libFuzzer: request and response JSON decoding. Parses arbitrary bytes with ParseJson, reads
// the fields routes read (ReadString/ReadInt/ReadBool), checks print -> parse is stable, and
// runs the client-side wire decoders (ticket, services, board, API error).
#include <cstddef>
#include <cstdint>
#include <string>

#include "codec/json.h"
#include "codec/wire_decode.h"

using namespace antre;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = ParseJson(text);
  if (parsed.ok()) {
    const cJSON* root = parsed.value().get();
    for (const char* key : {"service", "priority", "number", "outcome", "nik", "name", "phone", "slot_start",
                            "username", "password", "role", "delta"}) {
      std::string s;
      int64_t i = 0;
      bool b = false;
      (void)ReadString(root, key, true, &s);
      (void)ReadInt(root, key, false, &i);
      (void)ReadBool(root, key, false, &b);
    }
    // Printing a parsed tree and parsing it again must give the same text.
    const std::string printed = PrintJson(root);
    auto again = ParseJson(printed);
    if (!again.ok() || PrintJson(again.value().get()) != printed) __builtin_trap();
    (void)DecodeTicket(root);
    (void)DecodeServiceStatus(root);
    (void)DecodeCounterStatus(root);
  }
  (void)DecodeTicket(text);
  (void)DecodeServiceStatuses(text);
  (void)DecodeBoard(text);
  Error e = DecodeApiError(text, ErrorCode::kStorageFailed);
  (void)e;
  return 0;
}
