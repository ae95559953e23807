// The spelling of the ids and prefixes an office is built from, shared by the config file
// and the admin routes that create sites, services and counters online.
#pragma once

#include <string>

namespace antre {

// Whether `s` may be a site, service or counter id: 1-32 of letters, digits, '-' and '_'.
bool IsIdentifier(const std::string& s);

// Whether `s` may be a ticket number prefix: 1-3 capital letters A-Z.
bool IsPrefix(const std::string& s);

}  // namespace antre
