#include "kiosk/booking_code.h"

#include <cstdio>
#include <cstring>

namespace antre::kiosk {

char BookingCodeChar(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 0 || !std::strchr(kBookingCodeAlphabet, c)) return 0;
  return c;
}

std::string FilterBookingCode(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (char k = BookingCodeChar(c)) out.push_back(k);
  }
  return out;
}

std::string GroupBookingCode(const std::string& code) {
  std::string padded = code.substr(0, kBookingCodeLength);
  padded.resize(kBookingCodeLength, '_');
  return padded.substr(0, 4) + "-" + padded.substr(4);
}

namespace {

// True if `part` is exactly one code once spaces and dashes are dropped: anything else
// (a stray letter outside the alphabet, a ninth character) means it is not a code.
bool IsWholeCode(const std::string& part, std::string* code) {
  return NormalizeBookingCode(part, code);
}

}  // namespace

std::string ExtractBookingCode(const std::string& scanned) {
  std::string code;
  if (IsWholeCode(scanned, &code)) return code;
  // A link such as https://host/booking?code=ABCD2345 or .../b/ABCD-2345: split at the URL's
  // separators and take the last part that is a whole code.
  std::string part;
  std::string found;
  auto flush = [&] {
    if (IsWholeCode(part, &code)) found = code;
    part.clear();
  };
  for (char c : scanned) {
    if (std::strchr("/?&=#:;,.\r\n", c)) {
      flush();
    } else {
      part.push_back(c);
    }
  }
  flush();
  return found;
}

}  // namespace antre::kiosk

namespace antre::kiosk {

namespace {

// Reads digits at text[*i]; false if there are none or too many.
bool ReadNumber(const std::string& text, size_t* i, int* out) {
  size_t start = *i;
  int v = 0;
  while (*i < text.size() && text[*i] >= '0' && text[*i] <= '9' && *i - start < 5)
    v = v * 10 + (text[(*i)++] - '0');
  *out = v;
  return *i > start;
}

}  // namespace

std::string CheckInOpensAt(const std::string& message) {
  const std::string opens = "opens ";
  size_t i = message.find(opens);
  if (i == std::string::npos) return "";
  i += opens.size();
  int minutes = 0, hh = 0, mm = 0;
  if (!ReadNumber(message, &i, &minutes)) return "";
  const std::string mid = " minutes before ";
  if (message.compare(i, mid.size(), mid) != 0) return "";
  i += mid.size();
  if (!ReadNumber(message, &i, &hh) || i >= message.size() || message[i++] != ':' ||
      !ReadNumber(message, &i, &mm))
    return "";
  if (hh > 23 || mm > 59 || minutes > 24 * 60) return "";
  int at = ((hh * 60 + mm - minutes) % (24 * 60) + 24 * 60) % (24 * 60);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", at / 60, at % 60);
  return buf;
}

}  // namespace antre::kiosk
