#include "json.h"

#include <cmath>

namespace antre {

namespace {

// Whether a NUL would reach a string value: a raw 0 byte, or a "\u0000" escape inside a
// string. cJSON keeps strings NUL-terminated, so "admin\u0000x" would be read as "admin".
bool HasNul(const std::string& text) {
  if (text.find('\0') != std::string::npos) return true;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') {
      in_string = !in_string;
    } else if (in_string && text[i] == '\\' && i + 1 < text.size()) {
      if (text.compare(i + 1, 5, "u0000") == 0) return true;
      ++i;  // the escaped character (a quote or backslash must not end or start anything)
    }
  }
  return false;
}

}  // namespace

Result<std::shared_ptr<cJSON>> ParseJson(const std::string& text) {
  if (HasNul(text)) return MakeError(ErrorCode::kInvalidInput, "text must not contain NUL characters (\\u0000)");
  const char* end = nullptr;
  cJSON* root = cJSON_ParseWithLengthOpts(text.data(), text.size(), &end, 0);
  if (root == nullptr) {
    size_t at = end != nullptr ? static_cast<size_t>(end - text.data()) : 0;
    return MakeError(ErrorCode::kInvalidInput, "malformed JSON near byte " + std::to_string(at));
  }
  return std::shared_ptr<cJSON>(root, CJsonDeleter());
}

std::string PrintJson(const cJSON* node) {
  char* s = cJSON_PrintUnformatted(node);
  if (s == nullptr) return "null";
  std::string out(s);
  cJSON_free(s);
  return out;
}

Result<std::string> MergeJsonObjects(const std::string& base, const std::string& patch) {
  auto b = ParseJson(base);
  if (!b.ok()) return b.error();
  auto p = ParseJson(patch);
  if (!p.ok()) return p.error();
  if (!cJSON_IsObject(b.value().get()) || !cJSON_IsObject(p.value().get())) {
    return MakeError(ErrorCode::kInvalidInput, "must be a JSON object");
  }
  for (const cJSON* item = p.value()->child; item != nullptr; item = item->next) {
    cJSON* copy = cJSON_Duplicate(item, 1);
    if (copy == nullptr) return MakeError(ErrorCode::kInvalidInput, "cannot copy JSON");
    if (cJSON_GetObjectItemCaseSensitive(b.value().get(), item->string) != nullptr) {
      cJSON_ReplaceItemInObjectCaseSensitive(b.value().get(), item->string, copy);
    } else {
      cJSON_AddItemToObject(b.value().get(), item->string, copy);
    }
  }
  return PrintJson(b.value().get());
}

void AddString(cJSON* obj, const char* key, const std::string& value) {
  cJSON_AddItemToObject(obj, key, cJSON_CreateString(value.c_str()));
}
void AddInt(cJSON* obj, const char* key, int64_t value) {
  cJSON_AddItemToObject(obj, key, cJSON_CreateNumber(static_cast<double>(value)));
}
void AddBool(cJSON* obj, const char* key, bool value) { cJSON_AddItemToObject(obj, key, cJSON_CreateBool(value)); }
void AddNull(cJSON* obj, const char* key) { cJSON_AddItemToObject(obj, key, cJSON_CreateNull()); }

namespace {

Status Missing(const char* key) { return {MakeError(ErrorCode::kInvalidInput, std::string("missing field '") + key + "'")}; }
Status WrongType(const char* key, const char* want) {
  return {MakeError(ErrorCode::kInvalidInput, std::string("field '") + key + "' must be " + want)};
}

}  // namespace

Status ReadString(const cJSON* obj, const char* key, bool required, std::string* out) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (item == nullptr || cJSON_IsNull(item)) return required ? Missing(key) : Status::Ok();
  if (!cJSON_IsString(item)) return WrongType(key, "a string");
  *out = item->valuestring;
  return Status::Ok();
}

Status ReadInt(const cJSON* obj, const char* key, bool required, int64_t* out) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (item == nullptr || cJSON_IsNull(item)) return required ? Missing(key) : Status::Ok();
  if (!cJSON_IsNumber(item) || std::floor(item->valuedouble) != item->valuedouble ||
      std::fabs(item->valuedouble) > 9007199254740992.0) {
    return WrongType(key, "a whole number");
  }
  *out = static_cast<int64_t>(item->valuedouble);
  return Status::Ok();
}

Status ReadBool(const cJSON* obj, const char* key, bool required, bool* out) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (item == nullptr || cJSON_IsNull(item)) return required ? Missing(key) : Status::Ok();
  if (!cJSON_IsBool(item)) return WrongType(key, "true or false");
  *out = cJSON_IsTrue(item);
  return Status::Ok();
}

}  // namespace antre
