// A thin owning handle over cJSON and typed field readers that report what was wrong.
#pragma once

#include <cjson/cJSON.h>

#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"

namespace antre {

struct CJsonDeleter {
  void operator()(cJSON* p) const { cJSON_Delete(p); }
};
// Owns a cJSON tree.
using JsonPtr = std::unique_ptr<cJSON, CJsonDeleter>;

// Parses JSON text; InvalidInput with the position of the problem on failure, and for text
// holding a NUL (raw or \u0000 in a string), which cJSON would silently cut strings at.
Result<std::shared_ptr<cJSON>> ParseJson(const std::string& text);

// Compact JSON text of a tree.
std::string PrintJson(const cJSON* node);

// The object `base` with each top-level key of the object `patch` put over it (arrays and
// objects are replaced whole, not merged). InvalidInput if either is not a JSON object.
Result<std::string> MergeJsonObjects(const std::string& base, const std::string& patch);

// Adds key/value pairs to an object; strings are copied.
void AddString(cJSON* obj, const char* key, const std::string& value);
void AddInt(cJSON* obj, const char* key, int64_t value);
void AddBool(cJSON* obj, const char* key, bool value);
void AddNull(cJSON* obj, const char* key);

// Field readers. `required` fields that are missing, and fields of the wrong type, give
// InvalidInput naming the field. Optional missing fields leave *out unchanged.
Status ReadString(const cJSON* obj, const char* key, bool required, std::string* out);
Status ReadInt(const cJSON* obj, const char* key, bool required, int64_t* out);
Status ReadBool(const cJSON* obj, const char* key, bool required, bool* out);

}  // namespace antre
