#include "kiosk/escpos.h"

#include <algorithm>

#include "kiosk/booking_code.h"
#include "ui/date_format.h"

namespace antre::kiosk {

EscPos& EscPos::Init() { bytes_ += "\x1b@"; return *this; }

EscPos& EscPos::Align(int mode) {
  bytes_ += "\x1b" "a";
  bytes_.push_back(static_cast<char>(std::clamp(mode, 0, 2)));
  return *this;
}

EscPos& EscPos::Bold(bool on) {
  bytes_ += "\x1b" "E";
  bytes_.push_back(on ? 1 : 0);
  return *this;
}

EscPos& EscPos::Size(int width, int height) {
  bytes_ += "\x1d!";
  bytes_.push_back(static_cast<char>(((std::clamp(width, 1, 8) - 1) << 4) | (std::clamp(height, 1, 8) - 1)));
  return *this;
}

EscPos& EscPos::Text(const std::string& utf8) { bytes_ += ToPrinterAscii(utf8); return *this; }
EscPos& EscPos::Line(const std::string& utf8) { return Text(utf8), bytes_ += "\n", *this; }

EscPos& EscPos::Feed(int lines) {
  bytes_ += "\x1b" "d";
  bytes_.push_back(static_cast<char>(std::clamp(lines, 0, 255)));
  return *this;
}

EscPos& EscPos::Qr(const std::string& data, int module_px) {
  auto fn = [&](const std::string& body) {  // GS ( k pL pH cn fn ...
    bytes_ += "\x1d(k";
    bytes_.push_back(static_cast<char>(body.size() & 0xff));
    bytes_.push_back(static_cast<char>((body.size() >> 8) & 0xff));
    bytes_ += body;
  };
  fn(std::string("1A2\0", 4));                                      // model 2
  fn(std::string("1C") + static_cast<char>(std::clamp(module_px, 1, 16)));  // module size
  fn("1E1");                                                         // error correction M
  fn("1P0" + data);                                                  // store the data
  fn("1Q0");                                                         // print it
  return *this;
}

EscPos& EscPos::Cut() { bytes_ += std::string("\x1dV\x42\x00", 4); return *this; }

std::string ToPrinterAscii(const std::string& utf8) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"—", "-"}, {"–", "-"}, {"·", "-"}, {"±", "+/-"}, {"…", "..."}, {"‘", "'"}, {"’", "'"},
      {"“", "\""}, {"”", "\""}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"á", "a"},
      {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"í", "i"}, {"ï", "i"}, {"ó", "o"}, {"ö", "o"},
      {"ú", "u"}, {"ü", "u"}, {"ñ", "n"}, {"ç", "c"}, {"É", "E"}, {"\xc2\xa0", " "}};
  std::string out;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      if (c >= 0x20 || c == '\n') out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    std::string cp = utf8.substr(i, len);
    const char* repl = "?";
    for (const auto& kv : kMap) {
      if (cp == kv.first) repl = kv.second;
    }
    out += repl;
    i += len;
  }
  return out;
}

std::vector<std::string> WrapColumns(const std::string& text, int columns) {
  std::vector<std::string> lines;
  std::string cur;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    std::string word = text.substr(i, end == std::string::npos ? std::string::npos : end - i);
    i = end == std::string::npos ? text.size() : end + 1;
    if (word.empty()) continue;
    while (static_cast<int>(word.size()) > columns) {  // split words longer than a line
      if (!cur.empty()) lines.push_back(cur), cur.clear();
      lines.push_back(word.substr(0, columns));
      word = word.substr(columns);
    }
    if (cur.empty()) cur = word;
    else if (static_cast<int>(cur.size() + 1 + word.size()) <= columns) cur += " " + word;
    else lines.push_back(cur), cur = word;
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

int PaperColumns(int paper_mm) { return paper_mm <= 58 ? 32 : 48; }

std::string BuildTicketEscPos(const PrintJob& job, int paper_mm) {
  int cols = PaperColumns(paper_mm);
  auto wrapped = [&](EscPos& p, const std::string& text) {
    for (const auto& l : WrapColumns(ToPrinterAscii(text), cols)) p.Line(l);
  };
  const TicketView& t = job.ticket;
  EscPos p;
  p.Init().Align(1).Bold(true);
  wrapped(p, job.site_name);
  p.Bold(false);
  wrapped(p, ui::FormatLongDateTime(job.issued_at, job.tz, ui::Lang::kId));
  p.Feed(1).Line("NOMOR ANTREAN / TICKET NUMBER");
  p.Size(4, 4).Bold(true).Line(t.ticket.number).Size(1, 1);
  wrapped(p, job.service.name.id.empty() ? t.ticket.service : job.service.name.id);
  p.Bold(false);
  if (t.ticket.priority != Priority::kNone) {
    p.Line(std::string("PRIORITAS: ") + PriorityName(t.ticket.priority));
  }
  if (!t.ticket.booking.empty()) p.Line("BOOKING OPAK MANIS " + GroupBookingCode(t.ticket.booking));
  p.Line("Di depan Anda: " + std::to_string(std::max(0, t.position - 1)) + " orang");
  p.Line("Perkiraan tunggu: ±" + std::to_string(t.ewt_minutes) + " menit");
  p.Feed(1).Qr(job.qr_url, paper_mm <= 58 ? 5 : 7);
  wrapped(p, "Pindai untuk pantau antrean / Scan to follow your queue");
  p.Feed(1).Bold(true);
  wrapped(p, "Layanan GRATIS — tidak dipungut biaya. Jangan gunakan calo.");
  p.Bold(false);
  wrapped(p, "This service is FREE. Do not use brokers.");
  p.Feed(3).Cut();
  return p.bytes();
}

}  // namespace antre::kiosk
