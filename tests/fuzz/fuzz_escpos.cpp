// libFuzzer: ESC/POS text encoding. Whatever UTF-8 (or garbage) a service name or office name
// holds, the printer gets only ASCII (printable, LF, DEL), and word wrap keeps every line within the paper.
#include <cstddef>
#include <cstdint>
#include <string>

#include "kiosk/escpos.h"

using namespace antre::kiosk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int columns = 1 + data[0] % 64;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string ascii = ToPrinterAscii(text);
  for (unsigned char c : ascii) {
    if ((c < 0x20 && c != '\n') || c > 0x7f) __builtin_trap();
  }
  size_t letters = 0;
  for (const auto& line : WrapColumns(ascii, columns)) {
    if (line.empty() || static_cast<int>(line.size()) > columns) __builtin_trap();
    for (char c : line) letters += c != ' ';
  }
  // Wrapping drops only spaces.
  size_t expected = 0;
  for (char c : ascii) expected += c != ' ';
  if (letters != expected) __builtin_trap();

  EscPos p;
  p.Init().Align(data[0]).Size(data[0] % 9, data[0] % 7).Line(text).Cut();
  if (p.bytes().empty()) __builtin_trap();
  return 0;
}
