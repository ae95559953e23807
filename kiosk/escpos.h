// ESC/POS bytes for thermal receipt printers (Epson TM and compatibles), with no I/O.
#pragma once

#include <string>
#include <vector>

#include "kiosk/kiosk_screen.h"

namespace antre::kiosk {

// Builds an ESC/POS byte stream. Text is converted with ToPrinterAscii.
class EscPos {
 public:
  EscPos& Init();                          // ESC @
  EscPos& Align(int mode);                 // ESC a n: 0 left, 1 centre, 2 right
  EscPos& Bold(bool on);                   // ESC E n
  EscPos& Size(int width, int height);     // GS ! n, each 1..8 times
  EscPos& Text(const std::string& utf8);   // converted text, no newline
  EscPos& Line(const std::string& utf8);   // converted text + LF
  EscPos& Feed(int lines);                 // ESC d n
  EscPos& Qr(const std::string& data, int module_px);  // GS ( k: model 2, EC level M, print
  EscPos& Cut();                           // GS V 66 0: feed to the cutter and cut
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// The printer's character set is only safe for ASCII: common punctuation and Latin letters
// with accents become their ASCII look-alikes ("—" -> "-", "±" -> "+/-", "é" -> "e"), any
// other code point becomes "?".
std::string ToPrinterAscii(const std::string& utf8);

// Greedy word wrap to `columns` characters (of ASCII text).
std::vector<std::string> WrapColumns(const std::string& text, int columns);

// Characters per line in the default font: 32 on 58 mm paper, 48 on 80 mm.
int PaperColumns(int paper_mm);

// The whole ticket: office, date, number (large), service, priority, people ahead, wait,
// the QR code (printer-drawn) and the free-service notice; ends with a cut.
std::string BuildTicketEscPos(const PrintJob& job, int paper_mm);

// The query for the roll-paper sensor (DLE EOT 4) and how to read its answer.
constexpr char kPaperStatusQuery[] = "\x10\x04\x04";
// True if a DLE EOT 4 answer byte says the paper has run out (bits 5 and 6).
inline bool PaperOut(unsigned char status) { return (status & 0x60) != 0; }

}  // namespace antre::kiosk
