#include "kiosk/printer.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "kiosk/escpos.h"
#include "kiosk/ticket_paper.h"
#include "ui/sdl_renderer.h"

namespace antre::kiosk {

namespace {

PrintOutcome Fail(PrinterStatus s, std::string message) { return {s, std::move(message)}; }

// Writes all bytes; false with errno set on failure.
bool WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      pollfd p{fd, POLLOUT, 0};
      if (poll(&p, 1, 5000) <= 0) return errno = ETIMEDOUT, false;
      continue;
    }
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Asks for the paper sensor (DLE EOT 4) on a bidirectional fd; true if it answered "paper
// out". Printers that do not answer within the timeout are assumed fine.
bool QueryPaperOut(int fd, int timeout_ms) {
  if (!WriteAll(fd, std::string(kPaperStatusQuery, 3))) return false;
  pollfd p{fd, POLLIN, 0};
  unsigned char status = 0;
  return poll(&p, 1, timeout_ms) > 0 && read(fd, &status, 1) == 1 && PaperOut(status);
}

class NonePrinter : public Printer {
 public:
  PrintOutcome Print(const PrintJob&) override { return {}; }
  bool prints_paper() const override { return false; }
};

class DevicePrinter : public Printer {
 public:
  DevicePrinter(std::string path, int paper_mm) : path_(std::move(path)), paper_mm_(paper_mm) {}
  PrintOutcome Print(const PrintJob& job) override {
    int fd = open(path_.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    bool two_way = fd >= 0;
    if (fd < 0) fd = open(path_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return Fail(PrinterStatus::kOffline, "cannot open " + path_ + ": " + std::strerror(errno));
    if (two_way && QueryPaperOut(fd, 300)) {
      close(fd);
      return Fail(PrinterStatus::kPaperOut, "printer reports paper out");
    }
    bool ok = WriteAll(fd, BuildTicketEscPos(job, paper_mm_));
    std::string why = ok ? "" : std::strerror(errno);
    close(fd);
    if (!ok) return Fail(PrinterStatus::kError, "write to " + path_ + " failed: " + why);
    return {};
  }

 private:
  std::string path_;
  int paper_mm_;
};

class TcpPrinter : public Printer {
 public:
  TcpPrinter(std::string host, std::string port, int paper_mm)
      : host_(std::move(host)), port_(std::move(port)), paper_mm_(paper_mm) {}
  PrintOutcome Print(const PrintJob& job) override {
    int fd = Connect();
    if (fd < 0) return Fail(PrinterStatus::kOffline, "cannot connect to " + host_ + ":" + port_);
    if (QueryPaperOut(fd, 500)) {
      close(fd);
      return Fail(PrinterStatus::kPaperOut, "printer reports paper out");
    }
    bool ok = WriteAll(fd, BuildTicketEscPos(job, paper_mm_));
    std::string why = ok ? "" : std::strerror(errno);
    close(fd);
    if (!ok) return Fail(PrinterStatus::kError, "sending to " + host_ + " failed: " + why);
    return {};
  }

 private:
  // A non-blocking connect with a 3 s limit; -1 on failure.
  int Connect() {
    addrinfo hints{}, *res = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host_.c_str(), port_.c_str(), &hints, &res) != 0) return -1;
    int fd = -1;
    for (addrinfo* a = res; a && fd < 0; a = a->ai_next) {
      fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
      if (fd < 0) continue;
      if (connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
        close(fd), fd = -1;
        continue;
      }
      pollfd p{fd, POLLOUT, 0};
      int err = 0;
      socklen_t len = sizeof err;
      if (poll(&p, 1, 3000) <= 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err) {
        close(fd), fd = -1;
      }
    }
    freeaddrinfo(res);
    return fd;
  }
  std::string host_, port_;
  int paper_mm_;
};

class CupsPrinter : public Printer {
 public:
  CupsPrinter(std::string queue, int paper_mm) : queue_(std::move(queue)), paper_mm_(paper_mm) {}
  PrintOutcome Print(const PrintJob& job) override {
    std::vector<std::string> args = {"lp", "-s", "-o", "raw"};
    if (!queue_.empty()) args.insert(args.end(), {"-d", queue_});
    int in[2];
    if (pipe(in) != 0) return Fail(PrinterStatus::kError, "pipe failed");
    pid_t pid = fork();
    if (pid == 0) {
      dup2(in[0], 0);
      close(in[0]), close(in[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execvp("lp", argv.data());
      _exit(127);
    }
    close(in[0]);
    bool ok = pid > 0 && WriteAll(in[1], BuildTicketEscPos(job, paper_mm_));
    close(in[1]);
    int status = 0;
    if (pid > 0) waitpid(pid, &status, 0);
    if (pid < 0) return Fail(PrinterStatus::kError, "cannot start lp");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return Fail(PrinterStatus::kOffline, "lp is not installed");
    if (!ok || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return Fail(PrinterStatus::kError, "lp failed (exit " + std::to_string(WEXITSTATUS(status)) + ")");
    }
    return {};
  }

 private:
  std::string queue_;
  int paper_mm_;
};

class PngPrinter : public Printer {
 public:
  PngPrinter(std::string dir, int paper_mm, ui::FontCache* fonts)
      : dir_(std::move(dir)), paper_mm_(paper_mm), fonts_(fonts) {}
  PrintOutcome Print(const PrintJob& job) override {
    ui::TtfTextMeasurer m(fonts_);
    ui::Frame f = TicketPaperFrame(job, PaperWidthPx(paper_mm_), m);
    std::string path = dir_ + "/ticket-" + job.ticket.ticket.number + "-" + job.ticket.ticket.id + ".png";
    std::string error;
    if (!ui::RenderFrameToPng(f, fonts_, path, &error)) return Fail(PrinterStatus::kError, error);
    return {};
  }

 private:
  std::string dir_;
  int paper_mm_;
  ui::FontCache* fonts_;
};

}  // namespace

std::unique_ptr<Printer> MakePrinter(const std::string& spec, int paper_mm, ui::FontCache* fonts,
                                     std::string* error) {
  if (spec == "none") return std::make_unique<NonePrinter>();
  if (spec.rfind("png:", 0) == 0 && spec.size() > 4) return std::make_unique<PngPrinter>(spec.substr(4), paper_mm, fonts);
  if (spec == "cups") return std::make_unique<CupsPrinter>("", paper_mm);
  if (spec.rfind("cups:", 0) == 0) return std::make_unique<CupsPrinter>(spec.substr(5), paper_mm);
  if (spec.rfind("tcp:", 0) == 0 && spec.size() > 4) {
    std::string rest = spec.substr(4);
    size_t colon = rest.rfind(':');
    if (colon == std::string::npos) return std::make_unique<TcpPrinter>(rest, "9100", paper_mm);
    return std::make_unique<TcpPrinter>(rest.substr(0, colon), rest.substr(colon + 1), paper_mm);
  }
  if (spec.rfind("/", 0) == 0) return std::make_unique<DevicePrinter>(spec, paper_mm);
  *error = "unknown printer '" + spec + "' (none, png:DIR, tcp:HOST[:PORT], cups[:QUEUE] or a device path)";
  return nullptr;
}

}  // namespace antre::kiosk
