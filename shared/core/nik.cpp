#include "nik.h"

namespace antre {
namespace {

bool IsProvinceCode(int code) {
  static const int kCodes[] = {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53,
                               61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96};
  for (int c : kCodes) {
    if (c == code) return true;
  }
  return false;
}

int Num(const std::string& s, size_t pos, size_t len) {
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

// The two-digit year may be 19YY or 20YY; a date is real if it exists in either.
bool DateExists(int day, int month, int yy) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  if (month == 2 && day == 29) {
    // 1900 was not a leap year and 2000 was, so "00" is fine; otherwise yy % 4 decides.
    return yy % 4 == 0;
  }
  return true;
}

Error Bad(const std::string& why) { return MakeError(ErrorCode::kInvalidNik, "NIK " + why); }

}  // namespace

Result<NikInfo> ValidateNik(const std::string& nik) {
  if (nik.size() != 16) return Bad("must have 16 digits");
  for (char c : nik) {
    if (c < '0' || c > '9') return Bad("must contain digits only");
  }
  NikInfo info;
  info.province = Num(nik, 0, 2);
  info.regency = Num(nik, 2, 2);
  info.district = Num(nik, 4, 2);
  int dd = Num(nik, 6, 2);
  info.birth_month = Num(nik, 8, 2);
  info.birth_yy = Num(nik, 10, 2);
  info.sequence = Num(nik, 12, 4);
  if (!IsProvinceCode(info.province)) return Bad("has an unknown province code");
  if (info.regency == 0) return Bad("has regency code 00");
  if (info.district == 0) return Bad("has district code 00");
  info.is_female = dd > 40;
  info.birth_day = info.is_female ? dd - 40 : dd;
  if (!DateExists(info.birth_day, info.birth_month, info.birth_yy)) return Bad("has an impossible birth date");
  if (info.sequence == 0) return Bad("has sequence 0000");
  return info;
}

std::string MaskNik(const std::string& nik) {
  if (nik.size() < 12) return std::string(nik.size(), '*');
  return nik.substr(0, 4) + std::string(nik.size() - 8, '*') + nik.substr(nik.size() - 4);
}

}  // namespace antre
