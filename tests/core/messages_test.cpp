#include "core/messages.h"

#include <doctest/doctest.h>

using namespace antre;

TEST_CASE(
    "Messages: Accept-Language picks Indonesian or English by q-value, Indonesian by default") {
  struct Row {
    const char* header;
    Language want;
  };
  const Row rows[] = {
      {"", Language::kIndonesian},
      {"en", Language::kEnglish},
      {"id", Language::kIndonesian},
      {"en-US,en;q=0.9", Language::kEnglish},
      {"id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", Language::kIndonesian},
      {"en;q=0.5, id;q=0.8", Language::kIndonesian},
      {"id;q=0.3, EN;q=0.7", Language::kEnglish},
      {"fr, en;q=0.1", Language::kEnglish},
      {"fr, de", Language::kIndonesian},
      {"*", Language::kIndonesian},
      {"en;q=0", Language::kIndonesian},    // q=0 refuses English
      {"en;q=abc", Language::kIndonesian},  // a malformed q-value drops the entry
      {"in", Language::kIndonesian},        // the old code for Indonesian
      {"en, id", Language::kEnglish},       // a tie: the earlier wins
      {";;,,", Language::kIndonesian},
  };
  for (const Row& r : rows) {
    CAPTURE(r.header);
    CHECK(PickLanguage(r.header) == r.want);
  }
}

TEST_CASE("Messages: a reason keeps its parameters; statuses read as words") {
  struct Row {
    ErrorCode code;
    const char* english;
    const char* indonesian;
  };
  const Row rows[] = {
      {ErrorCode::kConflict, "ticket A002 is called, not waiting",
       "tiket A002 berstatus dipanggil, tidak sedang menunggu"},
      {ErrorCode::kConflict, "Loket 1 has no ticket being served",
       "Loket 1 tidak sedang melayani tiket"},
      {ErrorCode::kConflict, "Loket 1 is serving A001", "Loket 1 sedang melayani A001"},
      {ErrorCode::kConflict, "this booking is no_show, not active",
       "booking ini berstatus tidak hadir, tidak aktif"},
      {ErrorCode::kConflict, "this booking is cancelled", "booking ini berstatus dibatalkan"},
      {ErrorCode::kConflict, "ticket is already in kk", "tiket sudah berada di layanan kk"},
      {ErrorCode::kNotFound, "no ticket A999 today", "tidak ada tiket A999 hari ini"},
      {ErrorCode::kInvalidInput, "missing field 'nik'", "kolom 'nik' wajib diisi"},
      {ErrorCode::kInvalidNik, "NIK must have 16 digits", "NIK harus 16 digit"},
      {ErrorCode::kCounterPaused, "Loket 3 is paused", "Loket 3 sedang jeda"},
      {ErrorCode::kTooEarly, "check-in opens 30 minutes before 09:30",
       "check-in baru dibuka 30 menit sebelum pukul 09:30"},
      {ErrorCode::kUnauthorized, "wrong username or password",
       "nama pengguna atau kata sandi salah"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.english);
    CHECK(LocalizedMessage(r.code, r.english, Language::kIndonesian) == r.indonesian);
    CHECK(LocalizedMessage(r.code, r.english, Language::kEnglish) == r.english);
  }
}

TEST_CASE(
    "Messages: a reason outside the catalogue gets its code's general sentence, never English") {
  CHECK(LocalizedMessage(ErrorCode::kConflict, "something new went wrong", Language::kIndonesian) ==
        "tindakan ini tidak dapat dilakukan sekarang");
  CHECK(LocalizedMessage(ErrorCode::kInvalidInput, "days_ahead must be 0-365",
                         Language::kIndonesian) ==
        "data yang dikirim tidak lengkap atau tidak sesuai");
  // The same words under another code are not that code's reason.
  CHECK(LocalizedMessage(ErrorCode::kNotFound, "this slot is full", Language::kIndonesian) ==
        "data yang dicari tidak ditemukan");
  CHECK(LocalizedMessage("method_not_allowed", "method not allowed on this route",
                         Language::kIndonesian) == "metode ini tidak diizinkan untuk alamat ini");
  CHECK(LocalizedMessage("teapot", "short and stout", Language::kIndonesian) == "permintaan gagal");
}
