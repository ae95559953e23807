#include <doctest/doctest.h>

#include "core/nik.h"

using namespace antre;

TEST_CASE("Nik: valid numbers from Kota Serang, Kabupaten Serang and elsewhere") {
  const char* valid[] = {
      "3673011505900001",  // Kota Serang, man born 15-05-90
      "3604015505900002",  // Kabupaten Serang (before the 2007 split), woman born 15-05-90
      "3171012902000003",  // DKI, born 29-02-2000
      "9101017112990001",  // Papua, woman born 31-12-99
      "3673014101010001",  // woman born 01-01-01
  };
  for (const char* nik : valid) {
    CAPTURE(nik);
    CHECK(ValidateNik(nik).ok());
  }
  NikInfo info = ValidateNik("3604015505900002").value();
  CHECK(info.is_female);
  CHECK(info.birth_day == 15);
  CHECK(info.province == 36);
  CHECK(info.regency == 4);
}

TEST_CASE("Nik: each broken rule is refused with InvalidNik") {
  const char* invalid[] = {
      "367301150590000",    // 15 digits
      "36730115059000011",  // 17 digits
      "36730115059O0001",   // letter O
      "9973011505900001",   // province 99 does not exist
      "2073011505900001",   // province 20 does not exist
      "3600011505900001",   // regency 00
      "3673001505900001",   // district 00
      "3673013205900001",   // day 32
      "3673017205900001",   // women's day 72 (31 + 40 = 71 max)
      "3673010005900001",   // day 00
      "3673011513900001",   // month 13
      "3673013002900001",   // 30 February
      "3673012902010001",   // 29 February 2001
      "3673011505900000",   // sequence 0000
  };
  for (const char* nik : invalid) {
    CAPTURE(nik);
    auto r = ValidateNik(nik);
    CHECK_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::kInvalidNik);
  }
}

TEST_CASE("Nik: masking keeps four digits at each end") {
  CHECK(MaskNik("3673011505900001") == "3673********0001");
  CHECK(MaskNik("123") == "***");
}
