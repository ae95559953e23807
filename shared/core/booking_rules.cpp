#include "booking_rules.h"

#include <algorithm>
#include <cctype>

namespace antre {

const char kBookingCodeAlphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

namespace {

constexpr UnixMs kMinute = 60000;
constexpr int kAlphabetSize = sizeof(kBookingCodeAlphabet) - 1;

bool IsHoliday(const BookingSettings& s, const LocalDate& date) {
  return std::find(s.holidays.begin(), s.holidays.end(), FormatDate(date)) != s.holidays.end();
}

}  // namespace

std::vector<Slot> SlotsForDay(const std::vector<SlotRule>& rules, const BookingSettings& settings,
                              const std::string& service, const LocalDate& date, const TimeZone& tz) {
  std::vector<Slot> out;
  if (IsHoliday(settings, date)) return out;
  int weekday = Weekday(date);
  UnixMs midnight = StartOfLocalDay(date, tz);
  for (const SlotRule& r : rules) {
    if (r.service != service || r.weekday != weekday || r.slot_minutes <= 0) continue;
    for (int m = r.open_minute; m + r.slot_minutes <= r.close_minute; m += r.slot_minutes) {
      out.push_back(Slot{midnight + m * kMinute, midnight + (m + r.slot_minutes) * kMinute, r.capacity});
    }
  }
  std::sort(out.begin(), out.end(), [](const Slot& a, const Slot& b) { return a.start < b.start; });
  return out;
}

Result<Slot> FindSlot(const std::vector<SlotRule>& rules, const BookingSettings& settings, const std::string& service,
                      UnixMs start, const TimeZone& tz) {
  for (const Slot& s : SlotsForDay(rules, settings, service, LocalDateAt(start, tz), tz)) {
    if (s.start == start) return s;
  }
  return MakeError(ErrorCode::kNotFound, "no such slot for this service");
}

Status CheckBookable(const Slot& slot, UnixMs now, const BookingSettings& settings, const TimeZone& tz) {
  if (slot.start <= now) return {MakeError(ErrorCode::kConflict, "this slot has already started")};
  LocalDate today = LocalDateAt(now, tz), day = LocalDateAt(slot.start, tz);
  long ahead = DaysFromCivil(day) - DaysFromCivil(today);
  if (ahead > settings.days_ahead) {
    return {MakeError(ErrorCode::kConflict, "booking opens " + std::to_string(settings.days_ahead) + " days ahead")};
  }
  if (ahead == 0 && now - StartOfLocalDay(today, tz) >= settings.same_day_cutoff_minute * kMinute) {
    return {MakeError(ErrorCode::kConflict, "same-day booking has closed; choose another day")};
  }
  return Status::Ok();
}

Release ReleaseOf(const LocalDate& day, const BookingSettings& settings, const TimeZone& tz) {
  if (settings.release_minute < 0) return {};
  Release r;
  r.release_at = StartOfLocalDay(CivilFromDays(DaysFromCivil(day) - 1), tz) + settings.release_minute * kMinute;
  r.draw_at = r.release_at + settings.release_draw_seconds * 1000LL;
  return r;
}

ReleasePhase PhaseOf(const Release& release, UnixMs now) {
  if (release.release_at == 0 || now >= release.draw_at) return ReleasePhase::kOpen;
  return now < release.release_at ? ReleasePhase::kNotReleased : ReleasePhase::kDraw;
}

Status CheckReleased(const Slot& slot, UnixMs now, const BookingSettings& settings, const TimeZone& tz,
                     bool during_draw_too) {
  LocalDate day = LocalDateAt(slot.start, tz);
  Release r = ReleaseOf(day, settings, tz);
  ReleasePhase phase = PhaseOf(r, now);
  if (phase == ReleasePhase::kOpen || (phase == ReleasePhase::kDraw && !during_draw_too)) return Status::Ok();
  UnixMs opens = phase == ReleasePhase::kDraw ? r.draw_at : r.release_at;
  std::string at = FormatIsoLocal(opens, tz);  // 2026-11-30T19:00:10+07:00
  std::string clock = at.substr(11, opens % kMinute == 0 ? 5 : 8);
  return {MakeError(ErrorCode::kNotReleased, "slots for " + FormatDate(day) + " open on " + at.substr(0, 10) + " at " + clock)};
}

UnixMs CheckInOpensAt(UnixMs slot_start, const BookingSettings& settings) {
  return slot_start - settings.check_in_early_minutes * kMinute;
}

UnixMs CheckInClosesAt(UnixMs slot_start, UnixMs slot_end, const BookingSettings& settings) {
  // The resident was shown "09:30-10:00": turning them away at 09:50 would break that promise,
  // so a short check_in_late_minutes (the old meaning, 15 after the start) never cuts the slot.
  return std::max(slot_end, slot_start + settings.check_in_late_minutes * kMinute);
}

CheckInTiming CheckInWindow(UnixMs slot_start, UnixMs slot_end, UnixMs now, const BookingSettings& settings) {
  if (now < CheckInOpensAt(slot_start, settings)) return CheckInTiming::kTooEarly;
  if (now > CheckInClosesAt(slot_start, slot_end, settings)) return CheckInTiming::kTooLate;
  return CheckInTiming::kOk;
}

const ServiceDocuments* DocumentsFor(const BookingSettings& settings, const std::string& service) {
  for (const ServiceDocuments& d : settings.documents) {
    if (d.service == service) return &d;
  }
  return nullptr;
}

const char* StockLevel(int count, int low_threshold) {
  if (count <= 0) return "empty";
  return count < low_threshold ? "low" : "available";
}

Result<std::string> NormalizePhone(const std::string& phone) {
  std::string digits;
  for (size_t i = 0; i < phone.size(); ++i) {
    char c = phone[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c == '+' && i == 0) {
      continue;
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return MakeError(ErrorCode::kInvalidInput, "phone number may contain only digits, spaces and dashes");
    }
  }
  if (digits.rfind("62", 0) == 0) {
    digits = digits.substr(2);
  } else if (digits.rfind("0", 0) == 0) {
    digits = digits.substr(1);
  }
  if (digits.size() < 8 || digits.size() > 12 || digits[0] != '8') {
    return MakeError(ErrorCode::kInvalidInput, "phone must be an Indonesian mobile number, e.g. 0812 3456 7890");
  }
  return "+62" + digits;
}

std::string FormatBookingCode(const std::vector<uint8_t>& bytes) {
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 31).
  constexpr int kLimit = 256 - 256 % kAlphabetSize;
  std::string code;
  for (size_t i = 0; i < bytes.size() && code.size() < 8; ++i) {
    if (bytes[i] < kLimit) code += kBookingCodeAlphabet[bytes[i] % kAlphabetSize];
  }
  for (size_t i = 0; code.size() < 8 && i < bytes.size(); ++i) code += kBookingCodeAlphabet[bytes[i] % kAlphabetSize];
  return code;
}

bool NormalizeBookingCode(const std::string& text, std::string* code) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (std::string(kBookingCodeAlphabet).find(u) == std::string::npos) return false;
    out += u;
  }
  if (out.size() != 8) return false;
  *code = out;
  return true;
}

}  // namespace antre
