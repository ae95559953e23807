#include "http/request_target.h"

namespace antre {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string PercentDecode(const std::string& text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

bool SplitTarget(const std::string& target, std::string* path, std::multimap<std::string, std::string>* query) {
  std::string origin_form;  // an absolute-form target rewritten as "/path?query"
  if (target.rfind("http://", 0) == 0 || target.rfind("https://", 0) == 0) {
    size_t after_host = target.find_first_of("/?", target.find("//") + 2);
    origin_form.push_back('/');
    if (after_host != std::string::npos) origin_form.append(target, after_host + (target[after_host] == '/'));
    return SplitTarget(origin_form, path, query);
  }
  if (target.empty() || target[0] != '/') return false;
  size_t mark = target.find('?');
  *path = PercentDecode(target.substr(0, mark), false);
  query->clear();
  if (mark == std::string::npos) return true;
  size_t pos = mark + 1;
  while (pos <= target.size()) {
    size_t amp = target.find('&', pos);
    if (amp == std::string::npos) amp = target.size();
    if (amp > pos) {
      std::string pair = target.substr(pos, amp - pos);
      size_t eq = pair.find('=');
      std::string key = PercentDecode(pair.substr(0, eq), true);
      std::string value = eq == std::string::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true);
      query->emplace(std::move(key), std::move(value));
    }
    pos = amp + 1;
  }
  return true;
}

std::string LastForwardedHop(const std::string& forwarded_for) {
  size_t comma = forwarded_for.rfind(',');
  std::string last = comma == std::string::npos ? forwarded_for : forwarded_for.substr(comma + 1);
  size_t b = last.find_first_not_of(" \t"), e = last.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : last.substr(b, e - b + 1);
}

}  // namespace antre
