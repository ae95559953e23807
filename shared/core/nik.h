// NIK (Nomor Induk Kependudukan) validation and masking, per Kemendagri rules.
#pragma once

#include <string>

#include "result.h"

namespace antre {

// The facts a valid NIK encodes.
struct NikInfo {
  int province = 0;   // digits 1-2
  int regency = 0;    // digits 3-4 (cities from 71)
  int district = 0;   // digits 5-6
  int birth_day = 0;  // 1..31 (women's +40 removed)
  int birth_month = 0;
  int birth_yy = 0;   // two-digit year
  bool is_female = false;
  int sequence = 0;   // digits 13-16, from 1
};

// Checks a NIK: 16 digits, a real province code, non-zero regency and district, a real
// birth date (day + 40 for women), sequence not 0000. NIKs from any region are accepted.
// Returns InvalidNik with a message naming the first rule broken.
Result<NikInfo> ValidateNik(const std::string& nik);

// "3673********0001": first four and last four digits kept. Shorter input is fully masked.
std::string MaskNik(const std::string& nik);

}  // namespace antre
