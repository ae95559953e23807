// libFuzzer: config loading. DecodeConfig reads a whole office config file; DecodeBookingConfig
// reads the booking section an admin edits live. Neither may crash, leak or hang, and an
// accepted booking section must survive EncodeBookingConfig -> DecodeBookingConfig.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "codec/domain_json.h"

using namespace antre;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)DecodeConfig(text);

  std::vector<Service> services;
  for (const char* id : {"rekam", "cetak", "kk", "akta", "ikd", "info"}) {
    Service s;
    s.id = id;
    s.prefix = "A";
    services.push_back(s);
  }
  BookingSettings settings;
  std::vector<SlotRule> rules;
  if (DecodeBookingConfig(text, services, &settings, &rules).ok()) {
    const std::string encoded = EncodeBookingConfig(settings, rules);
    BookingSettings settings2;
    std::vector<SlotRule> rules2;
    if (!DecodeBookingConfig(encoded, services, &settings2, &rules2).ok()) __builtin_trap();
    if (EncodeBookingConfig(settings2, rules2) != encoded) __builtin_trap();
  }
  return 0;
}
