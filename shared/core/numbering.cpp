#include "numbering.h"

#include <cctype>
#include <cstdio>

namespace antre {

std::string FormatTicketNumber(const std::string& prefix, int seq) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%03d", seq);
  return prefix + buf;
}

bool ParseTicketNumber(const std::string& number, std::string* prefix, int* seq) {
  size_t i = 0;
  while (i < number.size() && std::isupper(static_cast<unsigned char>(number[i]))) ++i;
  size_t digits = number.size() - i;
  if (i == 0 || i > 3 || digits < 3 || digits > 4) return false;
  int v = 0;
  for (size_t j = i; j < number.size(); ++j) {
    if (!std::isdigit(static_cast<unsigned char>(number[j]))) return false;
    v = v * 10 + (number[j] - '0');
  }
  if (v < 1 || (digits == 4 && v < 1000)) return false;
  *prefix = number.substr(0, i);
  *seq = v;
  return true;
}

}  // namespace antre
