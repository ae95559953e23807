#include "messages.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace antre {
namespace {

// One reason of a code: the English message's shape, "{}" standing for a parameter, and the
// Indonesian sentence, where "{1}" is the first parameter and "{s1}" the same parameter as a
// status word ("no_show" -> "tidak hadir"). More specific shapes come first.
struct Reason {
  const char* code;
  const char* english;
  const char* indonesian;
};

// clang-format off
const Reason kReasons[] = {
  // Request shape.
  {"invalid_input", "missing field '{}'", "kolom '{1}' wajib diisi"},
  {"invalid_input", "field '{}' must be at most {} characters", "kolom '{1}' paling banyak {2} karakter"},
  {"invalid_input", "field '{}' must be {}", "isi kolom '{1}' tidak sesuai"},
  {"invalid_input", "malformed JSON near byte {}", "JSON tidak dapat dibaca (sekitar byte {1})"},
  {"invalid_input", "body must be a JSON object", "isi permintaan harus berupa objek JSON"},
  {"invalid_input", "expected a date as YYYY-MM-DD, got '{}'", "tanggal harus berformat YYYY-MM-DD, bukan '{1}'"},
  {"invalid_input", "expected an ISO 8601 time, got '{}'", "waktu harus berformat ISO 8601, bukan '{1}'"},
  {"invalid_input", "Idempotency-Key is longer than 128 characters", "Idempotency-Key lebih dari 128 karakter"},
  {"invalid_input", "the request could not be read", "permintaan tidak dapat dibaca"},
  // Free text (core/text_rules): the field stays named, so the form can point at it.
  {"invalid_input", "text must not contain NUL characters (\\u0000)", "teks tidak boleh berisi karakter NUL (\\u0000)"},
  {"invalid_input", "{} must be valid UTF-8 text", "isian '{1}' harus teks UTF-8 yang sah"},
  {"invalid_input", "{} must be a single line (found a line break, {})", "isian '{1}' harus satu baris (ada pindah baris, {2})"},
  {"invalid_input", "{} must not contain control characters (found {})",
   "isian '{1}' tidak boleh berisi karakter kendali (ada {2})"},
  {"invalid_input", "{} must not contain text-direction controls (found {})",
   "isian '{1}' tidak boleh berisi karakter pengatur arah teks (ada {2})"},
  // Booking and residents' details.
  {"invalid_input", "name must be 1-100 characters", "nama harus 1-100 karakter"},
  {"invalid_input", "phone must be an Indonesian mobile number, e.g. 0812 3456 7890",
   "nomor HP harus nomor seluler Indonesia, mis. 0812 3456 7890"},
  {"invalid_input", "phone number may contain only digits, spaces and dashes",
   "nomor HP hanya boleh berisi angka, spasi dan tanda hubung"},
  {"invalid_input", "delivery is only within Kota Serang: choose one of its six kecamatan",
   "pengantaran hanya di Kota Serang: pilih salah satu dari enam kecamatannya"},
  {"invalid_input", "home delivery is not offered for this service", "pengantaran ke rumah tidak tersedia untuk layanan ini"},
  {"invalid_input", "delivery.{} must be 1-{} characters", "alamat pengantaran ({1}) harus 1-{2} karakter"},
  {"invalid_input", "give ?service=…", "sebutkan layanannya (?service=…)"},
  {"invalid_input", "from..to must span 0-31 days", "rentang tanggal harus 0-31 hari"},
  {"invalid_input", "priority must be null, lansia, disabilitas or hamil",
   "prioritas harus null, lansia, disabilitas atau hamil"},
  // Counters and tickets.
  {"invalid_input", "a print outcome applies only to a printing ticket being served",
   "hasil cetak hanya untuk tiket pencetakan yang sedang dilayani"},
  {"invalid_input", "outcome must be printed or backlog", "hasil harus printed (tercetak) atau backlog (antrean cetak)"},
  {"invalid_input", "reason must be 1-200 characters", "alasan harus 1-200 karakter"},
  {"invalid_nik", "NIK must have 16 digits", "NIK harus 16 digit"},
  {"invalid_nik", "NIK must contain digits only", "NIK hanya boleh berisi angka"},
  {"invalid_nik", "NIK has an unknown province code", "kode provinsi pada NIK tidak dikenal"},
  {"invalid_nik", "NIK has regency code 00", "kode kabupaten/kota pada NIK tidak boleh 00"},
  {"invalid_nik", "NIK has district code 00", "kode kecamatan pada NIK tidak boleh 00"},
  {"invalid_nik", "NIK has an impossible birth date", "tanggal lahir pada NIK tidak mungkin"},
  {"invalid_nik", "NIK has sequence 0000", "nomor urut pada NIK tidak boleh 0000"},
  {"not_found", "no ticket {} today", "tidak ada tiket {1} hari ini"},
  {"not_found", "no such ticket at this site", "tiket tidak ditemukan di kantor ini"},
  {"not_found", "no such ticket", "tiket tidak ditemukan"},
  {"not_found", "no booking with this code and NIK", "tidak ada booking dengan kode dan NIK ini"},
  {"not_found", "no booking request with this id and NIK", "tidak ada permintaan booking dengan nomor dan NIK ini"},
  {"not_found", "no booking with this code here", "tidak ada booking dengan kode ini di kantor ini"},
  {"not_found", "no active booking with this NIK and phone", "tidak ada booking aktif dengan NIK dan nomor HP ini"},
  {"not_found", "no such slot for this service", "slot ini tidak ada untuk layanan tersebut"},
  {"not_found", "this ticket has no booking", "tiket ini tidak berasal dari booking"},
  {"not_found", "unknown counter action '{}'", "tindakan loket '{1}' tidak dikenal"},
  {"not_found", "unknown service '{}'", "layanan '{1}' tidak dikenal"},
  {"not_found", "unknown site '{}'", "kantor '{1}' tidak dikenal"},
  {"not_found", "unknown counter '{}'", "loket '{1}' tidak dikenal"},
  {"not_found", "no such route", "alamat API ini tidak ada"},
  {"not_found", "page not installed: {}", "halaman belum terpasang: {1}"},
  {"conflict", "{} has no ticket being served", "{1} tidak sedang melayani tiket"},
  {"conflict", "ticket {} is {}, not waiting", "tiket {1} berstatus {s2}, tidak sedang menunggu"},
  {"conflict", "ticket {} is {}, not no_show", "tiket {1} berstatus {s2}, bukan tidak hadir"},
  {"conflict", "ticket {} is already {}", "tiket {1} sudah {s2}"},
  {"conflict", "ticket {} is not from today", "tiket {1} bukan tiket hari ini"},
  {"conflict", "ticket is already in {}", "tiket sudah berada di layanan {1}"},
  {"conflict", "ticket {} did not end at {}", "tiket {1} tidak diakhiri di {2}"},
  {"conflict", "too late to undo ticket {}", "sudah terlambat untuk membatalkan tindakan atas tiket {1}"},
  {"conflict", "a card outcome cannot be undone", "hasil cetak kartu tidak dapat dibatalkan"},
  {"conflict", "{} is serving {}", "{1} sedang melayani {2}"},
  {"conflict", "this slot has already started", "slot ini sudah dimulai"},
  {"conflict", "booking opens {} days ahead", "booking dibuka paling lama {1} hari sebelumnya"},
  {"conflict", "same-day booking has closed; choose another day", "booking untuk hari ini sudah ditutup; pilih hari lain"},
  {"conflict", "this booking is {}, not active", "booking ini berstatus {s1}, tidak aktif"},
  {"conflict", "this booking is {}", "booking ini berstatus {s1}"},
  {"conflict", "too late to change this booking", "sudah terlambat untuk mengubah booking ini"},
  {"conflict", "no blank cards in stock: record this as backlog (Surat Keterangan)",
   "blangko habis: catat sebagai antrean cetak (Surat Keterangan)"},
  {"conflict", "not enough blank cards in stock ({})", "blangko tidak cukup (tersisa {1})"},
  {"conflict", "the print backlog is empty", "antrean cetak kosong"},
  {"conflict", "the survey opens once this ticket has been served", "survei dibuka setelah tiket ini dilayani"},
  {"counter_paused", "{} is paused", "{1} sedang jeda"},
  {"service_closed", "service '{}' is outside its opening hours", "layanan '{1}' di luar jam buka"},
  {"service_closed", "service '{}' is closed", "layanan '{1}' sedang tutup"},
  {"quota_reached", "today's quota for service '{}' is used up", "kuota hari ini untuk layanan '{1}' sudah habis"},
  {"unauthorized", "wrong username or password", "nama pengguna atau kata sandi salah"},
  {"unauthorized", "missing 'Authorization: Bearer <token>' header", "belum masuk; silakan masuk (login)"},
  {"unauthorized", "unknown, expired or revoked token", "sesi sudah berakhir; silakan masuk (login) lagi"},
  {"unauthorized", "a valid token is required", "silakan masuk (login) terlebih dahulu"},
  {"forbidden", "a {} may not do this", "peran {1} tidak boleh melakukan ini"},
  {"forbidden", "this kiosk belongs to another site", "kios ini milik kantor lain"},
  {"forbidden", "not allowed", "tidak diizinkan"},
  {"slot_full", "this slot is full", "slot ini sudah penuh"},
  {"already_booked", "this NIK already has a booking for this service", "NIK ini sudah memiliki booking untuk layanan ini"},
  {"limit_reached", "this phone number has made too many bookings today",
   "nomor HP ini sudah terlalu banyak membuat booking hari ini"},
  {"limit_reached", "too many bookings from this connection today", "terlalu banyak booking dari jaringan ini hari ini"},
  {"not_released", "slots for {} open on {} at {}", "slot untuk {1} dibuka pada {2} pukul {3}"},
  {"too_early", "check-in opens {} minutes before {}", "check-in baru dibuka {1} menit sebelum pukul {2}"},
  {"too_late", "the check-in time for this booking has passed", "waktu check-in untuk booking ini sudah lewat"},
  {"rate_limited", "too many requests; wait a minute and try again",
   "terlalu banyak permintaan; tunggu satu menit lalu coba lagi"},
  {"rate_limited", "too many wrong NIKs; try again in {} minutes", "terlalu banyak NIK yang salah; coba lagi dalam {1} menit"},
  {"not_your_counter", "{} is open to officer {}", "{1} sedang dipakai oleh {2}"},
  {"conflict", "{} is open to officer {}", "{1} sedang dipakai oleh {2}"},
  {"forbidden", "this account may not work at site {}", "akun ini tidak bertugas di kantor {1}"},
  {"already_answered", "this ticket's survey has already been answered", "survei tiket ini sudah diisi"},
  // Proof of work on web bookings: the page fetches a new challenge and solves it again.
  {"pow_required", "a solved booking challenge (\"pow\") is required; get one from GET {}",
   "booking dari web memerlukan tantangan yang sudah diselesaikan (\"pow\"); ambil dari GET {1}"},
  {"pow_invalid", "pow must be an object with the challenge and the nonce as text",
   "isian pow harus objek berisi challenge dan nonce berupa teks"},
  {"pow_invalid", "the booking challenge is not one this server issued", "tantangan booking ini bukan dari server ini"},
  {"pow_invalid", "the booking challenge belongs to another site", "tantangan booking ini milik kantor lain"},
  {"pow_invalid", "the booking challenge is easier than this site now asks; fetch a new one",
   "tantangan booking ini lebih ringan daripada yang kini diminta kantor; ambil yang baru"},
  {"pow_invalid", "the booking challenge's answer is wrong", "jawaban tantangan booking salah"},
  {"pow_invalid", "this booking challenge has been used already; fetch a new one",
   "tantangan booking ini sudah terpakai; ambil yang baru"},
  {"pow_expired", "the booking challenge has expired; fetch a new one", "tantangan booking sudah kedaluwarsa; ambil yang baru"},
  {"unavailable", "too many open device event streams; retry shortly",
   "terlalu banyak siaran peristiwa perangkat yang terbuka; coba lagi sebentar lagi"},
  {"unavailable", "too many open public event streams; retry shortly",
   "terlalu banyak siaran peristiwa publik yang terbuka; coba lagi sebentar lagi"},
  {"unavailable", "too many open event streams from this address; close one or retry later",
   "terlalu banyak siaran peristiwa dari alamat ini; tutup salah satu atau coba lagi nanti"},
  {"storage_failed", "the database failed; nothing was changed", "basis data gagal; tidak ada yang diubah"},
  {"unavailable", "the database cannot be reached; nothing was changed; retry shortly",
   "basis data tidak dapat dihubungi; tidak ada yang diubah; coba lagi sebentar lagi"},
  {"storage_full", "the disk is full; nothing was changed", "disk penuh; tidak ada yang diubah"},
  {"too_large", "the request body is too large", "isi permintaan terlalu besar"},
};

// The sentence for a reason that is not in the catalogue.
const Reason kGeneral[] = {
  {"invalid_input", "", "data yang dikirim tidak lengkap atau tidak sesuai"},
  {"invalid_nik", "", "NIK tidak valid"},
  {"not_found", "", "data yang dicari tidak ditemukan"},
  {"conflict", "", "tindakan ini tidak dapat dilakukan sekarang"},
  {"service_closed", "", "layanan ini sedang tutup"},
  {"counter_paused", "", "loket sedang jeda"},
  {"unauthorized", "", "silakan masuk (login) terlebih dahulu"},
  {"forbidden", "", "Anda tidak berwenang melakukan ini"},
  {"not_your_counter", "", "loket ini sedang dipakai petugas lain"},
  {"pow_required", "", "halaman booking belum selesai menyiapkan pengiriman aman; coba kirim lagi"},
  {"pow_invalid", "", "pengiriman aman tidak sah; muat ulang halaman lalu coba lagi"},
  {"pow_expired", "", "pengiriman aman sudah kedaluwarsa; coba kirim lagi"},
  {"storage_failed", "", "basis data gagal; tidak ada yang diubah"},
  {"storage_full", "", "disk penuh; tidak ada yang diubah"},
  {"unavailable", "", "server sedang sibuk; coba lagi sebentar lagi"},
  {"too_large", "", "permintaan terlalu besar"},
  {"rate_limited", "", "terlalu banyak permintaan; tunggu satu menit lalu coba lagi"},
  {"slot_full", "", "slot ini sudah penuh"},
  {"already_booked", "", "NIK ini sudah memiliki booking untuk layanan ini"},
  {"limit_reached", "", "batas booking hari ini sudah tercapai"},
  {"not_released", "", "slot hari itu belum dibuka"},
  {"too_early", "", "check-in belum dibuka"},
  {"too_late", "", "waktu check-in sudah lewat"},
  {"already_answered", "", "survei ini sudah diisi"},
  {"quota_reached", "", "kuota harian layanan ini sudah habis"},
  {"method_not_allowed", "", "metode ini tidak diizinkan untuk alamat ini"},
  {"range_not_satisfiable", "", "rentang di luar ukuran berkas"},
  {"internal", "", "terjadi kesalahan di server"},
};
// clang-format on

// Ticket and booking statuses as residents read them.
std::string StatusWord(const std::string& status) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"waiting", "menunggu"},    {"called", "dipanggil"},         {"done", "selesai"},
      {"no_show", "tidak hadir"}, {"cancelled", "dibatalkan"},     {"expired", "kedaluwarsa"},
      {"booked", "terdaftar"},    {"checked_in", "sudah check-in"}};
  for (const auto& w : kWords) {
    if (status == w.first) return w.second;
  }
  return status;
}

// Matches `message` against a shape with "{}" parameters; fills `params` on success. A
// parameter takes the shortest text that lets the rest match; the last one takes the rest.
bool MatchShape(const std::string& shape, const std::string& message,
                std::vector<std::string>* params) {
  std::vector<std::string> pieces;
  size_t from = 0;
  for (size_t at; (at = shape.find("{}", from)) != std::string::npos; from = at + 2)
    pieces.push_back(shape.substr(from, at - from));
  pieces.push_back(shape.substr(from));
  if (message.compare(0, pieces[0].size(), pieces[0]) != 0) return false;
  size_t pos = pieces[0].size();
  params->clear();
  for (size_t i = 1; i < pieces.size(); ++i) {
    const std::string& literal = pieces[i];
    size_t found;
    if (i + 1 == pieces.size()) {
      if (message.size() < pos + literal.size()) return false;
      found = message.size() - literal.size();
      if (message.compare(found, literal.size(), literal) != 0) return false;
    } else {
      found = message.find(literal, pos);
      if (found == std::string::npos || literal.empty()) return false;
    }
    params->push_back(message.substr(pos, found - pos));
    pos = found + literal.size();
  }
  return pos == message.size();
}

std::string Fill(const char* sentence, const std::vector<std::string>& params) {
  std::string out;
  for (const char* p = sentence; *p;) {
    bool status =
        p[0] == '{' && p[1] == 's' && std::isdigit(static_cast<unsigned char>(p[2])) && p[3] == '}';
    bool plain = p[0] == '{' && std::isdigit(static_cast<unsigned char>(p[1])) && p[2] == '}';
    if (status || plain) {
      size_t index = static_cast<size_t>((status ? p[2] : p[1]) - '1');
      std::string value = index < params.size() ? params[index] : "";
      out += status ? StatusWord(value) : value;
      p += status ? 4 : 3;
    } else {
      out += *p++;
    }
  }
  return out;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

const char* LanguageTag(Language lang) { return lang == Language::kEnglish ? "en" : "id"; }

Language PickLanguage(const std::string& accept_language) {
  Language best = Language::kIndonesian;
  double best_q = 0;
  size_t from = 0;
  while (from <= accept_language.size()) {
    size_t comma = accept_language.find(',', from);
    if (comma == std::string::npos) comma = accept_language.size();
    std::string item = accept_language.substr(from, comma - from);
    from = comma + 1;
    size_t semi = item.find(';');
    std::string tag = Trim(item.substr(0, semi));
    double q = 1;
    if (semi != std::string::npos) {
      std::string param = Trim(item.substr(semi + 1));
      if (param.size() < 3 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') continue;
      char* end = nullptr;
      q = std::strtod(param.c_str() + 2, &end);
      if (end == param.c_str() + 2 || Trim(end).size() > 0 || q < 0 || q > 1) continue;
    }
    for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string primary = tag.substr(0, tag.find('-'));
    Language lang;
    if (primary == "id" || primary == "in") {
      lang = Language::kIndonesian;
    } else if (primary == "en") {
      lang = Language::kEnglish;
    } else {
      continue;  // "*" and other languages: the default stays
    }
    if (q > best_q) {
      best = lang;
      best_q = q;
    }
  }
  return best;
}

std::string LocalizedMessage(const std::string& code_name, const std::string& message,
                             Language lang, bool* is_general) {
  if (is_general) *is_general = false;
  if (lang == Language::kEnglish) return message;
  std::vector<std::string> params;
  for (const Reason& r : kReasons) {
    if (code_name == r.code && MatchShape(r.english, message, &params))
      return Fill(r.indonesian, params);
  }
  if (is_general) *is_general = true;
  for (const Reason& r : kGeneral) {
    if (code_name == r.code) return r.indonesian;
  }
  return "permintaan gagal";
}

std::string LocalizedMessage(ErrorCode code, const std::string& message, Language lang) {
  return LocalizedMessage(std::string(ErrorCodeName(code)), message, lang);
}

}  // namespace antre
