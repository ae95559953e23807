// ESC/POS bytes, text conversion and the printers (device file, raw TCP, PNG), with failures.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "../support/temp_dir.h"
#include "kiosk/escpos.h"
#include "kiosk/printer.h"
#include "ui/png.h"
#include "ui/sdl_renderer.h"

using namespace antre;
using namespace antre::kiosk;

namespace {

PrintJob Job() {
  PrintJob j;
  j.ticket.ticket.id = "20c0b554a3b02ab6adf88659";
  j.ticket.ticket.number = "A013";
  j.ticket.ticket.service = "rekam";
  j.ticket.ticket.priority = Priority::kLansia;
  j.ticket.position = 4;
  j.ticket.ewt_minutes = 25;
  j.service.id = "rekam";
  j.service.name = {"Perekaman e-KTP", "e-KTP Recording"};
  j.site_name = "Disdukcapil Kota Serang";
  j.qr_url = "http://k/t/20c0b554a3b02ab6adf88659";
  j.issued_at = 1795833660000;
  j.tz = {"Asia/Jakarta", 420};
  return j;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("EscPos: commands byte for byte") {
  CHECK(EscPos().Init().bytes() == std::string("\x1b\x40", 2));
  CHECK(EscPos().Align(1).Bold(true).bytes() == std::string("\x1b\x61\x01\x1b\x45\x01", 6));
  CHECK(EscPos().Size(4, 4).Size(1, 1).bytes() == std::string("\x1d\x21\x33\x1d\x21\x00", 6));
  CHECK(EscPos().Feed(3).Cut().bytes() == std::string("\x1b\x64\x03\x1d\x56\x42\x00", 7));
  std::string qr = EscPos().Qr("AB", 6).bytes();
  std::string want = std::string("\x1d(k\x04\x00" "1A2\x00", 9) + std::string("\x1d(k\x03\x00" "1C\x06", 8) +
                     std::string("\x1d(k\x03\x00" "1E1", 8) + std::string("\x1d(k\x05\x00" "1P0AB", 10) +
                     std::string("\x1d(k\x03\x00" "1Q0", 8);
  CHECK(qr == want);
}

TEST_CASE("ToPrinterAscii: non-ASCII falls back to look-alikes or '?'") {
  CHECK(ToPrinterAscii("Layanan GRATIS — tidak") == "Layanan GRATIS - tidak");
  CHECK(ToPrinterAscii("±5 menit · café") == "+/-5 menit - cafe");
  CHECK(ToPrinterAscii("日本") == "??");
  CHECK(ToPrinterAscii("a\tb\x1b") == "ab");  // control bytes never reach the printer
}

TEST_CASE("WrapColumns: lines fit the paper") {
  auto lines = WrapColumns("Layanan GRATIS - tidak dipungut biaya. Jangan gunakan calo.", PaperColumns(58));
  REQUIRE(lines.size() == 2);
  for (const auto& l : lines) CHECK(l.size() <= 32u);
  CHECK(WrapColumns("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
}

TEST_CASE("BuildTicketEscPos: number large, QR via GS ( k, notice, cut at the end") {
  std::string b = BuildTicketEscPos(Job(), 80);
  CHECK(b.rfind("\x1b@", 0) == 0);
  CHECK(b.find(std::string("\x1d!\x33\x1b\x45\x01", 6) + "A013\n") != std::string::npos);
  CHECK(b.find("Sabtu, 28 November 2026 09:41") != std::string::npos);
  CHECK(b.find("PRIORITAS: lansia") != std::string::npos);
  CHECK(b.find("Di depan Anda: 3 orang") != std::string::npos);
  CHECK(b.find("1P0http://k/t/20c0b554a3b02ab6adf88659") != std::string::npos);
  CHECK(b.find("Layanan GRATIS - tidak dipungut biaya.") != std::string::npos);
  CHECK(b.substr(b.size() - 4) == std::string("\x1dV\x42\x00", 4));
  for (unsigned char c : b.substr(0, b.find("\x1d(k"))) CHECK((c < 0x80));
}

TEST_CASE("Printers: device file gets the bytes; a missing device is offline") {
  TempDir dir;
  std::string err;
  std::string path = dir.File("lp0");
  std::ofstream(path).close();
  auto p = MakePrinter(path, 58, nullptr, &err);
  REQUIRE(p);
  CHECK(p->Print(Job()).status == PrinterStatus::kOk);
  std::string written = ReadFile(path);
  CHECK(written.find(BuildTicketEscPos(Job(), 58)) != std::string::npos);
  auto missing = MakePrinter(dir.File("nope/lp9"), 80, nullptr, &err);
  PrintOutcome o = missing->Print(Job());
  CHECK(o.status == PrinterStatus::kOffline);
  CHECK(o.message.find("cannot open") != std::string::npos);
  CHECK_FALSE(MakePrinter("bogus", 80, nullptr, &err));
  CHECK(err.find("unknown printer") != std::string::npos);
}

TEST_CASE("Printers: tcp sends ESC/POS; paper-out status and a dead port are reported") {
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(ls, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  getsockname(ls, reinterpret_cast<sockaddr*>(&addr), &len);
  listen(ls, 4);
  int port = ntohs(addr.sin_port);
  // A fake printer: answers the status query with `status`, then collects what arrives.
  auto serve = [ls](unsigned char status, std::string* got) {
    int c = accept(ls, nullptr, nullptr);
    char buf[4096];
    ssize_t n;
    bool answered = false;
    while ((n = read(c, buf, sizeof buf)) > 0) {
      got->append(buf, n);
      if (!answered && got->size() >= 3) {
        answered = write(c, &status, 1) == 1;
        if (PaperOut(status)) break;
      }
    }
    close(c);
  };
  std::string err, got;
  auto p = MakePrinter("tcp:127.0.0.1:" + std::to_string(port), 80, nullptr, &err);
  {
    std::thread t(serve, 0x12, &got);
    CHECK(p->Print(Job()).status == PrinterStatus::kOk);
    t.join();
    CHECK(got == std::string(kPaperStatusQuery, 3) + BuildTicketEscPos(Job(), 80));
  }
  {
    got.clear();
    std::thread t(serve, 0x72, &got);
    CHECK(p->Print(Job()).status == PrinterStatus::kPaperOut);
    t.join();
  }
  close(ls);
  CHECK(p->Print(Job()).status == PrinterStatus::kOffline);
}

TEST_CASE("Printers: png writes a decodable ticket image per ticket") {
  TempDir dir;
  ui::FontCache fonts;
  std::string err;
  auto p = MakePrinter("png:" + dir.path(), 58, &fonts, &err);
  REQUIRE(p);
  REQUIRE(p->Print(Job()).status == PrinterStatus::kOk);
  ui::RgbaImage img;
  REQUIRE(ui::DecodePng(ReadFile(dir.File("ticket-A013-20c0b554a3b02ab6adf88659.png")), &img, &err));
  CHECK(img.width == 384);
  CHECK(img.height > 600);
  auto bad = MakePrinter("png:" + dir.File("missing/dir"), 58, &fonts, &err);
  PrintOutcome o = bad->Print(Job());
  CHECK(o.status == PrinterStatus::kError);
  CHECK_FALSE(o.message.empty());
}
