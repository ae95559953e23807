#include "kiosk/ticket_paper.h"

#include <algorithm>

#include "kiosk/booking_code.h"
#include "ui/date_format.h"

namespace antre::kiosk {

int PaperWidthPx(int paper_mm) { return paper_mm <= 58 ? 384 : 576; }

ui::Frame TicketPaperFrame(const PrintJob& job, int width_px, const ui::TextMeasurer& m) {
  ui::Frame f;
  f.width = width_px;
  f.background = {255, 255, 255, 255};
  const ui::Color ink{0, 0, 0, 255};
  int pad = width_px / 24;
  int w = width_px - 2 * pad;
  int y = pad;
  // Each block gets the height its wrapped text needs, so nothing is cut off.
  auto block = [&](const std::string& text, int px, bool bold) {
    px = std::min(px, ui::FitTextSize(m, text, px, 8, bold, true, w, 100000));
    int lines = static_cast<int>(ui::WrapText(m, text, px, bold, w).size());
    int h = lines * m.LineHeight(px, bold);
    f.Text({pad, y, w, h}, text, px, ink, ui::Align::kCenter, bold, true);
    y += h + pad / 3;
  };
  int s = width_px;
  const TicketView& t = job.ticket;
  block(job.site_name, s / 18, true);
  block(ui::FormatLongDateTime(job.issued_at, job.tz, ui::Lang::kId), s / 24, false);
  block("NOMOR ANTREAN / TICKET NUMBER", s / 26, false);
  int num_px = ui::FitTextSize(m, t.ticket.number, s / 4, 12, true, false, w, s / 3);
  int num_h = m.LineHeight(num_px, true);
  f.Text({pad, y, w, num_h}, t.ticket.number, num_px, ink, ui::Align::kCenter, true);
  y += num_h;
  block(job.service.name.id.empty() ? t.ticket.service : job.service.name.id, s / 16, true);
  if (t.ticket.priority != Priority::kNone) block(std::string("PRIORITAS: ") + PriorityName(t.ticket.priority), s / 22, true);
  if (!t.ticket.booking.empty()) block("BOOKING OPAK MANIS " + GroupBookingCode(t.ticket.booking), s / 22, true);
  block("Di depan Anda: " + std::to_string(std::max(0, t.position - 1)) + " orang", s / 22, false);
  block("Perkiraan tunggu: ±" + std::to_string(t.ewt_minutes) + " menit", s / 22, false);
  int qr = s / 2;
  f.Qr({(width_px - qr) / 2, y, qr, qr}, job.qr_url);
  y += qr + pad / 3;
  block("Pindai untuk pantau antrean / Scan to follow your queue", s / 28, false);
  block("Layanan GRATIS — tidak dipungut biaya. Jangan gunakan calo.", s / 22, true);
  block("This service is FREE. Do not use brokers.", s / 28, false);
  f.height = y + pad;
  return f;
}

}  // namespace antre::kiosk
