#include "id_rules.h"

namespace antre {

bool IsIdentifier(const std::string& s) {
  if (s.empty() || s.size() > 32) return false;
  for (char c : s) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && c != '-' && c != '_') return false;
  }
  return true;
}

bool IsPrefix(const std::string& s) {
  if (s.empty() || s.size() > 3) return false;
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace antre
