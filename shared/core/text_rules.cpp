#include "text_rules.h"

#include <cstdint>
#include <cstdio>
#include <string>

namespace antre {
namespace {

// Decodes one UTF-8 sequence at text[*i], advancing *i; false if it is not well formed
// (the byte ranges of Unicode's table 3-7, which exclude overlongs and surrogates).
bool NextCodePoint(std::string_view text, size_t* i, uint32_t* cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(*i);
  if (b0 < 0x80) {
    *cp = b0;
    *i += 1;
    return true;
  }
  int len = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return false;  // a continuation byte, C0/C1 (overlong) or F5-FF
  }
  if (*i + len > text.size()) return false;
  uint32_t v = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char b = byte(*i + k);
    if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return false;
    v = (v << 6) | (b & 0x3F);
  }
  *cp = v;
  *i += len;
  return true;
}

bool IsLineBreak(uint32_t cp) { return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029; }
bool IsControl(uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }
bool IsBidiControl(uint32_t cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

// The first problem and the code point that caused it.
TextProblem Scan(std::string_view text, LineBreaks breaks, uint32_t* found) {
  size_t i = 0;
  while (i < text.size()) {
    uint32_t cp = 0;
    if (!NextCodePoint(text, &i, &cp)) return TextProblem::kInvalidUtf8;
    *found = cp;
    if (IsLineBreak(cp)) {
      if (breaks == LineBreaks::kRefused) return TextProblem::kLineBreak;
      continue;
    }
    if (IsControl(cp)) return TextProblem::kControlCharacter;
    if (IsBidiControl(cp)) return TextProblem::kBidiControl;
  }
  return TextProblem::kNone;
}

std::string CodePointName(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

}  // namespace

TextProblem FindTextProblem(std::string_view text, LineBreaks breaks) {
  uint32_t found = 0;
  return Scan(text, breaks, &found);
}

Status CheckText(std::string_view field, std::string_view text, LineBreaks breaks) {
  uint32_t found = 0;
  std::string name(field);
  switch (Scan(text, breaks, &found)) {
    case TextProblem::kNone: return Status::Ok();
    case TextProblem::kInvalidUtf8:
      return {MakeError(ErrorCode::kInvalidInput, name + " must be valid UTF-8 text")};
    case TextProblem::kLineBreak:
      return {MakeError(ErrorCode::kInvalidInput, name + " must be a single line (found a line break, " +
                                                      CodePointName(found) + ")")};
    case TextProblem::kControlCharacter:
      return {MakeError(ErrorCode::kInvalidInput,
                        name + " must not contain control characters (found " + CodePointName(found) + ")")};
    case TextProblem::kBidiControl:
      return {MakeError(ErrorCode::kInvalidInput, name + " must not contain text-direction controls (found " +
                                                      CodePointName(found) + ")")};
  }
  return Status::Ok();
}

}  // namespace antre
