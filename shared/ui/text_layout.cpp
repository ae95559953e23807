#include "ui/text_layout.h"

#include <algorithm>
#include <cmath>

namespace antre::ui {

namespace {

// Byte length of the UTF-8 sequence starting with lead byte c (1 for invalid bytes).
size_t SeqLen(unsigned char c) {
  if (c >= 0xF0 && c < 0xF8) return 4;
  if (c >= 0xE0) return c < 0xF0 ? 3 : 1;
  if (c >= 0xC0) return 2;
  return 1;
}

// Code points of text as separate strings.
std::vector<std::string> SplitCodePoints(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    size_t n = SeqLen(static_cast<unsigned char>(text[i]));
    if (i + n > text.size()) n = 1;
    out.push_back(text.substr(i, n));
    i += n;
  }
  return out;
}

// Appends the pieces of one too-wide word, each as wide as fits (at least one code point).
void BreakWord(const TextMeasurer& m, const std::string& word, int size_px, bool bold,
               int max_width, std::vector<std::string>* lines) {
  std::string cur;
  for (const auto& cp : SplitCodePoints(word)) {
    if (!cur.empty() && m.Width(cur + cp, size_px, bold) > max_width) {
      lines->push_back(cur);
      cur.clear();
    }
    cur += cp;
  }
  if (!cur.empty()) lines->push_back(cur);
}

}  // namespace

int FakeTextMeasurer::Width(const std::string& text, int size_px, bool bold) const {
  return static_cast<int>(std::ceil(CountCodePoints(text) * size_px * (bold ? 0.68 : 0.62)));
}

int FakeTextMeasurer::LineHeight(int size_px, bool) const {
  return static_cast<int>(std::ceil(size_px * 1.2));
}

int CountCodePoints(const std::string& text) {
  return static_cast<int>(SplitCodePoints(text).size());
}

std::vector<std::string> WrapText(const TextMeasurer& m, const std::string& text, int size_px,
                                  bool bold, int max_width) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string para = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    std::string cur;
    size_t i = 0;
    while (i < para.size()) {
      while (i < para.size() && para[i] == ' ') ++i;
      if (i >= para.size()) break;
      size_t end = para.find(' ', i);
      std::string word = para.substr(i, end == std::string::npos ? std::string::npos : end - i);
      i = end == std::string::npos ? para.size() : end;
      std::string candidate = cur.empty() ? word : cur + " " + word;
      if (m.Width(candidate, size_px, bold) <= max_width) {
        cur = candidate;
        continue;
      }
      if (!cur.empty()) lines.push_back(cur);
      cur.clear();
      if (m.Width(word, size_px, bold) <= max_width) {
        cur = word;
      } else {
        BreakWord(m, word, size_px, bold, max_width, &lines);
        cur = lines.back();
        lines.pop_back();
      }
    }
    lines.push_back(cur);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

int FitTextSize(const TextMeasurer& m, const std::string& text, int max_px, int min_px,
                bool bold, bool wrap, int box_w, int box_h) {
  for (int px = max_px; px > min_px; px -= std::max(1, px / 20)) {
    if (wrap) {
      auto lines = WrapText(m, text, px, bold, box_w);
      bool wide = false;
      for (const auto& l : lines) wide = wide || m.Width(l, px, bold) > box_w;
      if (!wide && static_cast<int>(lines.size()) * m.LineHeight(px, bold) <= box_h) return px;
    } else if (m.Width(text, px, bold) <= box_w && m.LineHeight(px, bold) <= box_h) {
      return px;
    }
  }
  return min_px;
}

}  // namespace antre::ui
