#include "config.h"

namespace antre {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kOfficer: return "officer";
    case Role::kSupervisor: return "supervisor";
    case Role::kAdmin: return "admin";
    case Role::kKiosk: return "kiosk";
    case Role::kDisplay: return "display";
    case Role::kOperator: return "operator";
  }
  return "officer";
}

bool ParseRole(const std::string& text, Role* out) {
  for (Role r : {Role::kOfficer, Role::kSupervisor, Role::kAdmin, Role::kKiosk, Role::kDisplay,
                 Role::kOperator}) {
    if (text == RoleName(r)) {
      *out = r;
      return true;
    }
  }
  return false;
}

// Operators are people with accounts (kelurahan staff booking for residents), not devices.
bool IsStaffRole(Role role) {
  return role == Role::kOfficer || role == Role::kSupervisor || role == Role::kAdmin || role == Role::kOperator;
}

}  // namespace antre
