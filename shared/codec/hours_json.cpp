#include "codec/hours_json.h"

#include <cctype>
#include <cstdio>

namespace antre {
namespace {

const char* const kDayKeys[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

Error Bad(const std::string& what) { return MakeError(ErrorCode::kInvalidInput, what); }

// "HH:MM" (00:00-24:00) as minutes after midnight, or -1.
int ParseMinute(const cJSON* item) {
  if (!cJSON_IsString(item)) return -1;
  std::string t = item->valuestring;
  if (t.size() != 5 || t[2] != ':') return -1;
  for (int i : {0, 1, 3, 4}) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return -1;
  }
  int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

std::string FormatMinute(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 100, minute % 60);
  return buf;
}

Status DecodePeriod(const cJSON* pair, const std::string& day, OpenRange* out) {
  if (!cJSON_IsArray(pair) || cJSON_GetArraySize(pair) != 2) {
    return {Bad(day + ": a period must be [\"HH:MM\",\"HH:MM\"]")};
  }
  out->open_minute = ParseMinute(cJSON_GetArrayItem(pair, 0));
  out->close_minute = ParseMinute(cJSON_GetArrayItem(pair, 1));
  if (out->open_minute < 0 || out->close_minute < 0) return {Bad(day + ": times must be HH:MM (00:00-24:00)")};
  return Status::Ok();
}

}  // namespace

Status DecodeOpeningHours(const cJSON* node, OpeningHours* hours) {
  *hours = OpeningHours{};
  if (node == nullptr || cJSON_IsNull(node)) return Status::Ok();
  if (!cJSON_IsObject(node)) return {Bad("hours must be an object keyed sun, mon, tue, wed, thu, fri, sat")};
  for (const cJSON* item = node->child; item != nullptr; item = item->next) {
    bool known = false;
    for (const char* key : kDayKeys) known = known || std::string(key) == item->string;
    if (!known) return {Bad(std::string("hours: unknown day '") + item->string + "' (use sun, mon, ... sat)")};
  }
  hours->is_set = true;
  for (int d = 0; d < 7; ++d) {
    const std::string day = kDayKeys[d];
    const cJSON* v = cJSON_GetObjectItemCaseSensitive(node, kDayKeys[d]);
    if (v == nullptr || cJSON_IsNull(v)) continue;
    if (!cJSON_IsArray(v)) return {Bad("hours." + day + ": must be null, [\"HH:MM\",\"HH:MM\"] or a list of those")};
    if (cJSON_IsString(v->child)) {  // one period written flat
      OpenRange r;
      Status st = DecodePeriod(v, "hours." + day, &r);
      if (!st.ok()) return st;
      hours->days[d].push_back(r);
      continue;
    }
    for (const cJSON* pair = v->child; pair != nullptr; pair = pair->next) {
      OpenRange r;
      Status st = DecodePeriod(pair, "hours." + day, &r);
      if (!st.ok()) return st;
      hours->days[d].push_back(r);
    }
  }
  std::string problem;
  if (!CheckOpeningHours(*hours, &problem)) return {Bad("hours." + problem)};
  return Status::Ok();
}

Status DecodeOpeningHoursText(const std::string& text, OpeningHours* hours) {
  if (text.empty()) {
    *hours = OpeningHours{};
    return Status::Ok();
  }
  auto parsed = ParseJson(text);
  if (!parsed.ok()) return {parsed.error()};
  return DecodeOpeningHours(parsed.value().get(), hours);
}

JsonPtr EncodeOpeningHours(const OpeningHours& hours) {
  if (!hours.is_set) return JsonPtr(cJSON_CreateNull());
  JsonPtr o(cJSON_CreateObject());
  for (int d = 0; d < 7; ++d) {
    if (hours.days[d].empty()) {
      AddNull(o.get(), kDayKeys[d]);
      continue;
    }
    cJSON* day = cJSON_AddArrayToObject(o.get(), kDayKeys[d]);
    for (const OpenRange& r : hours.days[d]) {
      cJSON* pair = cJSON_CreateArray();
      cJSON_AddItemToArray(pair, cJSON_CreateString(FormatMinute(r.open_minute).c_str()));
      cJSON_AddItemToArray(pair, cJSON_CreateString(FormatMinute(r.close_minute).c_str()));
      cJSON_AddItemToArray(day, pair);
    }
  }
  return o;
}

std::string EncodeOpeningHoursText(const OpeningHours& hours) {
  return hours.is_set ? PrintJson(EncodeOpeningHours(hours).get()) : "";
}

}  // namespace antre
