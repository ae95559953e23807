// Fault: the disk fills up under the server. The database lives on a small tmpfs this test
// mounts itself (needs root / CAP_SYS_ADMIN; without it the test exits 77 = skipped).
#include <doctest/doctest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

constexpr int kSkipped = 77;  // ctest SKIP_RETURN_CODE

// A tmpfs of `size` mounted on a fresh temp dir for the object's lifetime.
class SmallDisk {
 public:
  explicit SmallDisk(const char* size) {
    std::string opts = std::string("size=") + size + ",mode=0755";
    is_mounted_ = ::mount("tmpfs", dir_.path().c_str(), "tmpfs", 0, opts.c_str()) == 0;
  }
  ~SmallDisk() {
    if (is_mounted_) ::umount2(dir_.path().c_str(), MNT_DETACH);
  }
  bool is_mounted() const { return is_mounted_; }
  std::string File(const std::string& name) const { return dir_.File(name); }

 private:
  TempDir dir_;
  bool is_mounted_ = false;
};

// Writes `path` until the disk refuses; returns the bytes written.
long FillDisk(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::vector<char> block(4096, 'x');
  long written = 0;
  while (true) {
    size_t n = std::fwrite(block.data(), 1, block.size(), f);
    written += static_cast<long>(n);
    if (n < block.size() || std::fflush(f) != 0) break;
  }
  std::fclose(f);
  return written;
}

httplib::Result IssueTicket(httplib::Client& cli, const std::string& key) {
  return cli.Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token", key), "{\"service\":\"rekam\"}",
                  "application/json");
}

// Runs one SQL statement returning a single text cell; "" on failure.
std::string QueryOne(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(st, 0);
      out = text ? reinterpret_cast<const char*>(text) : "";
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

int NumberPart(const std::string& number) { return number.size() > 1 ? std::atoi(number.c_str() + 1) : -1; }

}  // namespace

TEST_CASE("Faults: a full disk gives 503 storage_full, corrupts nothing, and service resumes") {
  SmallDisk disk("3m");
  if (!disk.is_mounted()) {
    std::fprintf(stderr, "disk_full: cannot mount a tmpfs here (not root?); skipped\n");
    std::exit(kSkipped);
  }
  const std::string db = disk.File("full.db");
  ServerProcess server(db);
  auto cli = server.Client();

  std::vector<std::string> acked_ids;
  std::string last_number;
  for (int i = 0; i < 3; ++i) {
    auto res = IssueTicket(*cli, "before-" + std::to_string(i));
    REQUIRE(res);
    REQUIRE(res->status == 201);
    acked_ids.push_back(JsonField(res->body, "id"));
    last_number = JsonField(res->body, "number");
  }

  REQUIRE(FillDisk(disk.File("filler")) > 0);

  // WAL space already allocated may take a few more commits; then every write must fail cleanly.
  int full_answers = 0;
  for (int i = 0; i < 400 && full_answers < 5; ++i) {
    auto res = IssueTicket(*cli, "full-" + std::to_string(i));
    REQUIRE(res);
    if (res->status == 201) {
      acked_ids.push_back(JsonField(res->body, "id"));
      last_number = JsonField(res->body, "number");
      continue;
    }
    CHECK(res->status == 503);
    CHECK(res->get_header_value("Content-Type").find("application/json") == 0);
    CHECK(res->body.find("\"code\":\"storage_full\"") != std::string::npos);
    ++full_answers;
  }
  REQUIRE(full_answers == 5);

  // Reads keep working while the disk is full: health, the board, every acknowledged ticket.
  auto health = cli->Get("/api/v1/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  auto board = cli->Get("/api/v1/sites/serang/board");
  REQUIRE(board);
  CHECK(board->status == 200);
  for (const auto& id : acked_ids) {
    auto t = cli->Get(("/api/v1/tickets/" + id).c_str());
    REQUIRE(t);
    CHECK(t->status == 200);
  }

  // Space returns: the next ticket is issued with the next number (the failures used none).
  REQUIRE(std::remove(disk.File("filler").c_str()) == 0);
  auto after = IssueTicket(*cli, "after-0");
  REQUIRE(after);
  REQUIRE(after->status == 201);
  CHECK(NumberPart(JsonField(after->body, "number")) == NumberPart(last_number) + 1);
  acked_ids.push_back(JsonField(after->body, "id"));

  // Stop cleanly; the file is intact and holds exactly the acknowledged tickets.
  CHECK(server.Signal(SIGTERM) >= 0);
  CHECK(QueryOne(db, "PRAGMA integrity_check") == "ok");
  CHECK(QueryOne(db, "SELECT count(*) FROM tickets") == std::to_string(acked_ids.size()));

  // And a restarted server serves from it.
  ServerProcess again(db);
  auto cli2 = again.Client();
  auto res = IssueTicket(*cli2, "restart-0");
  REQUIRE(res);
  CHECK(res->status == 201);
  CHECK(NumberPart(JsonField(res->body, "number")) == NumberPart(last_number) + 2);
}
