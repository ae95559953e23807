// libFuzzer: NIK validation and masking. A NIK that validates is 16 digits whose fields are in
// range; masking never shows more than the first and last four characters.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/nik.h"

using namespace antre;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string nik(reinterpret_cast<const char*>(data), size);
  auto r = ValidateNik(nik);
  if (r.ok()) {
    if (nik.size() != 16) __builtin_trap();
    for (char c : nik) {
      if (c < '0' || c > '9') __builtin_trap();
    }
    const NikInfo& info = r.value();
    if (info.birth_day < 1 || info.birth_day > 31 || info.birth_month < 1 || info.birth_month > 12) __builtin_trap();
    if (info.sequence < 1) __builtin_trap();
  } else if (r.error().code != ErrorCode::kInvalidNik) {
    __builtin_trap();
  }
  const std::string masked = MaskNik(nik);
  if (nik.size() > 8 && masked.substr(4, masked.size() - 8).find_first_not_of('*') != std::string::npos) {
    __builtin_trap();
  }
  return 0;
}
