// Finds where in a JSON text a problem is, so config errors can name a line.
#pragma once

#include <string>

namespace antre {

// 1-based line of the value at `path` ("sites[0].counters[2].services") in JSON `text`;
// the deepest existing prefix of the path if the full path is missing; 0 if nothing matches.
int LineOfJsonPath(const std::string& text, const std::string& path);

// 1-based line of byte `offset` in `text`.
int LineOfOffset(const std::string& text, size_t offset);

}  // namespace antre
