// The printed ticket as a draw list (for the png: printer, and to look at a ticket).
#pragma once

#include "kiosk/kiosk_screen.h"
#include "ui/draw.h"
#include "ui/text_layout.h"

namespace antre::kiosk {

// Paper width in dots at 203 dpi: 384 for 58 mm rolls, 576 for 80 mm.
int PaperWidthPx(int paper_mm);

// A black-on-white ticket `width_px` wide with the same content as BuildTicketEscPos.
ui::Frame TicketPaperFrame(const PrintJob& job, int width_px, const ui::TextMeasurer& m);

}  // namespace antre::kiosk
