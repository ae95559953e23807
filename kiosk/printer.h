// Where tickets go: an ESC/POS device file, a network printer's raw port, CUPS, PNG files,
// or nowhere. Every failure is reported as a PrinterStatus with a message, never swallowed.
#pragma once

#include <memory>
#include <string>

#include "kiosk/kiosk_screen.h"

namespace antre::ui {
class FontCache;
}

namespace antre::kiosk {

// How one print went.
struct PrintOutcome {
  PrinterStatus status = PrinterStatus::kOk;
  std::string message;  // empty when ok
};

// A ticket printer. Print blocks (the app calls it off the UI thread).
class Printer {
 public:
  virtual ~Printer() = default;
  // Prints one ticket; kOffline if the printer cannot be reached, kPaperOut if it says so,
  // kError for a failed write or command.
  virtual PrintOutcome Print(const PrintJob& job) = 0;
  // False for `none`: the screen then asks residents to note their number.
  virtual bool prints_paper() const { return true; }
};

// Makes a printer from a spec: "none", "png:DIR", "tcp:HOST[:PORT]" (default port 9100),
// "cups" or "cups:QUEUE" (lp -o raw), or a device path ("/dev/usb/lp0"). fonts is used by
// png:. Returns nullptr with *error for a malformed spec.
std::unique_ptr<Printer> MakePrinter(const std::string& spec, int paper_mm, ui::FontCache* fonts,
                                     std::string* error);

}  // namespace antre::kiosk
