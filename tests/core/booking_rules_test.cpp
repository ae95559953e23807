#include <doctest/doctest.h>

#include <set>

#include "core/booking_rules.h"

using namespace antre;

namespace {

const TimeZone kWib{"Asia/Jakarta", 420};

std::vector<SlotRule> Weekdays() {
  std::vector<SlotRule> rules;
  for (int d = 1; d <= 5; ++d) rules.push_back(SlotRule{"rekam", d, 480, 900, 30, 10});
  return rules;
}

UnixMs At(const char* iso) { return ParseIso(iso).value(); }

}  // namespace

TEST_CASE("BookingRules: weekday slots 08:00-15:00 every 30 minutes, none on weekends and holidays") {
  BookingSettings s;
  s.holidays = {"2026-12-25"};
  auto monday = SlotsForDay(Weekdays(), s, "rekam", {2026, 11, 30}, kWib);
  REQUIRE(monday.size() == 14);
  CHECK(monday.front().start == At("2026-11-30T08:00:00+07:00"));
  CHECK(monday.back().end == At("2026-11-30T15:00:00+07:00"));
  CHECK(monday.front().capacity == 10);
  CHECK(SlotsForDay(Weekdays(), s, "rekam", {2026, 11, 28}, kWib).empty());  // Saturday
  CHECK(SlotsForDay(Weekdays(), s, "rekam", {2026, 12, 25}, kWib).empty());  // holiday, a Friday
  CHECK(SlotsForDay(Weekdays(), s, "kk", {2026, 11, 30}, kWib).empty());
  CHECK(FindSlot(Weekdays(), s, "rekam", At("2026-11-30T08:30:00+07:00"), kWib).ok());
  CHECK_FALSE(FindSlot(Weekdays(), s, "rekam", At("2026-11-30T08:15:00+07:00"), kWib).ok());
}

TEST_CASE("BookingRules: what can be booked now") {
  BookingSettings s;
  Slot monday9{At("2026-11-30T09:00:00+07:00"), At("2026-11-30T09:30:00+07:00"), 10};
  CHECK(CheckBookable(monday9, At("2026-11-28T10:00:00+07:00"), s, kWib).ok());
  CHECK(CheckBookable(monday9, At("2026-11-30T08:00:00+07:00"), s, kWib).ok());           // same day, before cut-off
  Slot monday14{At("2026-11-30T14:00:00+07:00"), At("2026-11-30T14:30:00+07:00"), 10};
  CHECK_FALSE(CheckBookable(monday14, At("2026-11-30T12:00:00+07:00"), s, kWib).ok());     // after the cut-off
  CHECK_FALSE(CheckBookable(monday9, At("2026-11-30T09:00:00+07:00"), s, kWib).ok());      // started
  s.days_ahead = 1;
  CHECK_FALSE(CheckBookable(monday9, At("2026-11-28T10:00:00+07:00"), s, kWib).ok());      // too far ahead
}

TEST_CASE("BookingRules: a release time opens a day the evening before, with a draw window") {
  BookingSettings s;
  s.release_minute = 19 * 60;
  s.release_draw_seconds = 10;
  Release r = ReleaseOf({2026, 12, 1}, s, kWib);
  CHECK(r.release_at == At("2026-11-30T19:00:00+07:00"));
  CHECK(r.draw_at == At("2026-11-30T19:00:10+07:00"));
  struct Row {
    const char* now;
    ReleasePhase phase;
  };
  const Row rows[] = {{"2026-11-30T18:59:59+07:00", ReleasePhase::kNotReleased},
                      {"2026-11-30T19:00:00+07:00", ReleasePhase::kDraw},
                      {"2026-11-30T19:00:09+07:00", ReleasePhase::kDraw},
                      {"2026-11-30T19:00:10+07:00", ReleasePhase::kOpen}};
  for (const Row& row : rows) {
    CAPTURE(row.now);
    CHECK(PhaseOf(r, At(row.now)) == row.phase);
  }
  Slot tuesday9{At("2026-12-01T09:00:00+07:00"), At("2026-12-01T09:30:00+07:00"), 10};
  Status early = CheckReleased(tuesday9, At("2026-11-30T18:00:00+07:00"), s, kWib, false);
  CHECK(early.error.code == ErrorCode::kNotReleased);
  CHECK(early.error.message == "slots for 2026-12-01 open on 2026-11-30 at 19:00");
  CHECK(CheckReleased(tuesday9, At("2026-11-30T19:00:05+07:00"), s, kWib, false).ok());
  CHECK(CheckReleased(tuesday9, At("2026-11-30T19:00:05+07:00"), s, kWib, true).error.message ==
        "slots for 2026-12-01 open on 2026-11-30 at 19:00:10");
  BookingSettings none;  // no release time: every day is open
  CHECK(ReleaseOf({2026, 12, 1}, none, kWib).release_at == 0);
  CHECK(CheckReleased(tuesday9, At("2026-11-20T08:00:00+07:00"), none, kWib, true).ok());
}

TEST_CASE("BookingRules: check-in from 30 minutes before the slot to its end") {
  BookingSettings s;
  UnixMs start = At("2026-11-30T09:30:00+07:00"), end = At("2026-11-30T10:00:00+07:00");
  struct Row {
    const char* now;
    CheckInTiming want;
  };
  const Row rows[] = {
      {"2026-11-30T08:59:59+07:00", CheckInTiming::kTooEarly},
      {"2026-11-30T09:00:00+07:00", CheckInTiming::kOk},
      {"2026-11-30T09:50:00+07:00", CheckInTiming::kOk},  // the walk-through's turned-away resident
      {"2026-11-30T10:00:00+07:00", CheckInTiming::kOk},
      {"2026-11-30T10:00:01+07:00", CheckInTiming::kTooLate},
  };
  for (const Row& r : rows) {
    CAPTURE(r.now);
    CHECK(CheckInWindow(start, end, At(r.now), s) == r.want);
  }
}

TEST_CASE("BookingRules: an old check_in_late_minutes never closes check-in before the slot ends") {
  BookingSettings s;
  UnixMs start = At("2026-11-30T09:00:00+07:00"), end = At("2026-11-30T09:30:00+07:00");
  s.check_in_late_minutes = 15;  // the old default, counted from the start
  CHECK(CheckInClosesAt(start, end, s) == end);
  CHECK(CheckInWindow(start, end, At("2026-11-30T09:20:00+07:00"), s) == CheckInTiming::kOk);
  s.check_in_late_minutes = 45;  // longer than the slot: 15 minutes of grace after its end
  CHECK(CheckInClosesAt(start, end, s) == At("2026-11-30T09:45:00+07:00"));
  CHECK(CheckInWindow(start, end, At("2026-11-30T09:45:01+07:00"), s) == CheckInTiming::kTooLate);
  CHECK(CheckInOpensAt(start, s) == At("2026-11-30T08:30:00+07:00"));
}

TEST_CASE("BookingRules: documents to bring are found by service") {
  BookingSettings s;
  s.documents.push_back(ServiceDocuments{"rekam", {"Kartu Keluarga asli"}, {"Original Family Card"}});
  REQUIRE(DocumentsFor(s, "rekam") != nullptr);
  CHECK(DocumentsFor(s, "rekam")->en[0] == "Original Family Card");
  CHECK(DocumentsFor(s, "kk") == nullptr);
}

TEST_CASE("BookingRules: phone numbers normalise to +62") {
  const char* same[] = {"081234567890", "0812-3456-7890", "+6281234567890", "6281234567890", "0812 3456 7890"};
  for (const char* p : same) {
    CAPTURE(p);
    CHECK(NormalizePhone(p).value() == "+6281234567890");
  }
  const char* bad[] = {"", "12345", "0212345678", "08123", "0812345678901234", "0812abc4567", "++6281234567"};
  for (const char* p : bad) {
    CAPTURE(p);
    CHECK_FALSE(NormalizePhone(p).ok());
  }
}

TEST_CASE("BookingRules: booking codes use only unambiguous characters") {
  std::set<std::string> codes;
  for (int i = 0; i < 50; ++i) {
    std::vector<uint8_t> bytes;
    for (int j = 0; j < 16; ++j) bytes.push_back(static_cast<uint8_t>((i * 37 + j * 101) & 0xff));
    std::string code = FormatBookingCode(bytes);
    CHECK(code.size() == 8);
    CHECK(code.find_first_of("0O1IL") == std::string::npos);
    codes.insert(code);
  }
  CHECK(codes.size() > 40);
  std::string code;
  CHECK(NormalizeBookingCode("abcd-efgh", &code));
  CHECK(code == "ABCDEFGH");
  CHECK_FALSE(NormalizeBookingCode("ABCDEFG0", &code));
  CHECK_FALSE(NormalizeBookingCode("ABC", &code));
}
