#include "config_check.h"

#include <vector>

namespace antre {

int LineOfOffset(const std::string& text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

int LineOfJsonPath(const std::string& text, const std::string& path) {
  // A small scanner: it tracks the path of the value being read (object keys and array
  // indexes) and remembers the line where each path starts. Malformed text just stops it.
  struct Frame {
    bool is_array;
    int index;
    std::string key;
  };
  std::vector<Frame> stack;
  int line = 1, best_line = 0;
  size_t best_len = 0;
  std::string pending_key;
  auto current_path = [&]() {
    std::string p;
    for (const Frame& f : stack) {
      if (f.is_array) {
        p += "[" + std::to_string(f.index) + "]";
      } else if (!f.key.empty()) {
        p += (p.empty() ? "" : ".") + f.key;
      }
    }
    return p;
  };
  auto at_value = [&]() {
    std::string p = current_path();
    if (path.compare(0, p.size(), p) == 0 && p.size() >= best_len &&
        (p.size() == path.size() || path[p.size()] == '.' || path[p.size()] == '[')) {
      best_len = p.size();
      best_line = line;
    }
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
    } else if (c == '"') {
      std::string s;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
        if (i < text.size()) s += text[i];
      }
      size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) ++j;
      if (j < text.size() && text[j] == ':' && !stack.empty() && !stack.back().is_array) {
        stack.back().key = s;
        at_value();
      } else if (!stack.empty() && stack.back().is_array) {
        at_value();
      }
    } else if (c == '{' || c == '[') {
      if (!stack.empty() && stack.back().is_array) at_value();
      stack.push_back(Frame{c == '[', 0, ""});
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) stack.pop_back();
    } else if (c == ',' && !stack.empty()) {
      if (stack.back().is_array) {
        ++stack.back().index;
      } else {
        stack.back().key.clear();
      }
    }
  }
  return best_line;
}

}  // namespace antre
