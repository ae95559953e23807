// Pieces of an HTTP request head the transport decodes without any HTTP library, so they are
// tested on their own.
#pragma once

#include <map>
#include <string>

namespace antre {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`); a malformed escape is kept
// as it was sent.
std::string PercentDecode(const std::string& text, bool plus_is_space);

// Splits an origin-form request target ("/path?a=1&b") into the decoded path and query
// parameters. An absolute-form target ("http://host/path?...") keeps only its path. Returns
// false for a target that is neither (e.g. "*" or "").
bool SplitTarget(const std::string& target, std::string* path, std::multimap<std::string, std::string>* query);

// The last address of an X-Forwarded-For value ("client, proxy1" → "proxy1"), trimmed; ""
// if there is none. The last hop is the one the trusted proxy itself appended.
std::string LastForwardedHop(const std::string& forwarded_for);

}  // namespace antre
