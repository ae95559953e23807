// Online booking rules (OPAK MANIS): slots, when booking and check-in are allowed, phone
// numbers and booking codes. Pure: times come in as arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clock.h"
#include "local_time.h"
#include "result.h"

namespace antre {

// Opening hours of one service on one weekday, cut into equal slots.
struct SlotRule {
  std::string service;
  int weekday = 1;        // 0 = Sunday .. 6 = Saturday
  int open_minute = 480;  // minutes after local midnight (08:00)
  int close_minute = 900; // last slot ends at or before this (15:00)
  int slot_minutes = 30;
  int capacity = 10;
};

// The documents a booked resident brings for one service, one plain line each.
struct ServiceDocuments {
  std::string service;
  std::vector<std::string> id;  // Indonesian
  std::vector<std::string> en;  // English (the Indonesian lines when not given)
};

// Site-wide booking settings.
struct BookingSettings {
  int days_ahead = 14;               // the last bookable day is today + days_ahead
  int same_day_cutoff_minute = 720;  // no new booking for today after 12:00
  int check_in_early_minutes = 30;   // check-in opens this long before the slot
  int check_in_late_minutes = 0;     // and closes this long after its start, never before its end
  int no_show_grace_minutes = 15;    // after slot end, an unchecked booking is a no-show
  int per_phone_per_day = 3;         // bookings one phone may make per day (0 = no limit)
  int per_address_per_day = 0;       // per client network address (0 = off)
  int per_operator_per_day = 50;     // bookings one operator may make for residents per day (0 = no limit)
  int rate_per_minute = 0;           // booking requests per address per minute (0 = off)
  int pow_bits = 16;                 // proof of work a web booking carries, in zero bits (0 = off)
  int retention_days = 90;           // personal data of closed bookings is erased after this
  int release_minute = -1;           // a day's slots open this long after midnight of the day before (-1 = no release time)
  int release_draw_seconds = 0;      // requests this long after the release are drawn in random order (0 = none)
  std::string print_service;         // the card-printing service ("cetak"); "" = no print tracking
  int stock_low_threshold = 50;      // blank cards below this show as "low"
  int initial_stock = 0;             // blank cards on hand when a new database is created
  std::string webhook_url;           // SMS/WhatsApp gateway to POST notifications to ("" = none)
  int webhook_retry_seconds = 5;     // first retry delay; doubles per attempt up to an hour
  std::vector<std::string> delivery_services;  // services whose card can be delivered home
  std::vector<std::string> holidays;           // "YYYY-MM-DD", no slots
  std::vector<ServiceDocuments> documents;     // what to bring, per service (may be empty)
};

// One bookable slot.
struct Slot {
  UnixMs start = 0;
  UnixMs end = 0;
  int capacity = 0;
};

// The slots of `service` on `date` (none on holidays), in time order.
std::vector<Slot> SlotsForDay(const std::vector<SlotRule>& rules, const BookingSettings& settings,
                              const std::string& service, const LocalDate& date, const TimeZone& tz);

// Finds the slot starting exactly at `start`; NotFound ("no such slot") otherwise.
Result<Slot> FindSlot(const std::vector<SlotRule>& rules, const BookingSettings& settings, const std::string& service,
                      UnixMs start, const TimeZone& tz);

// Whether a slot may be booked now: not started, not beyond days_ahead, not today after the
// cut-off. Conflict with a plain reason otherwise.
Status CheckBookable(const Slot& slot, UnixMs now, const BookingSettings& settings, const TimeZone& tz);

// When a day's slots are released and its draw window: a day is not released before
// `release_at`; requests in [release_at, draw_at) join the day's draw; from draw_at on they are
// booked at once. Without a release time both are 0 and every day is open.
struct Release {
  UnixMs release_at = 0;
  UnixMs draw_at = 0;
};
Release ReleaseOf(const LocalDate& day, const BookingSettings& settings, const TimeZone& tz);
enum class ReleasePhase { kOpen, kNotReleased, kDraw };
ReleasePhase PhaseOf(const Release& release, UnixMs now);
// NotReleased ("slots for 2026-12-01 open on 2026-11-30 at 19:00") while `slot`'s day may not be
// booked at once: before its release, or during its draw when `during_draw_too` is true.
Status CheckReleased(const Slot& slot, UnixMs now, const BookingSettings& settings, const TimeZone& tz,
                     bool during_draw_too);

// The check-in window covers the whole slot the resident was shown: it opens
// check_in_early_minutes before the start and closes at the later of the slot's end and
// check_in_late_minutes after its start.
UnixMs CheckInOpensAt(UnixMs slot_start, const BookingSettings& settings);
UnixMs CheckInClosesAt(UnixMs slot_start, UnixMs slot_end, const BookingSettings& settings);
enum class CheckInTiming { kOk, kTooEarly, kTooLate };
CheckInTiming CheckInWindow(UnixMs slot_start, UnixMs slot_end, UnixMs now, const BookingSettings& settings);

// The documents to bring for `service`, or nullptr when none are configured.
const ServiceDocuments* DocumentsFor(const BookingSettings& settings, const std::string& service);

// Public blank-card stock level: "available", "low" (below threshold) or "empty".
const char* StockLevel(int count, int low_threshold);

// Normalises an Indonesian mobile number to +62…: accepts 08…, 628…, +628…, with spaces,
// dashes or dots. InvalidInput unless the result is +628 followed by 7-11 digits.
Result<std::string> NormalizePhone(const std::string& phone);

// Alphabet for booking codes: no 0/O, 1/I/L, so a code read aloud or typed is unambiguous.
extern const char kBookingCodeAlphabet[];
// An 8-character code from random bytes (at least 8 bytes are used).
std::string FormatBookingCode(const std::vector<uint8_t>& random_bytes);
// Upper-cases and strips spaces/dashes; false if any character is outside the alphabet or
// the length is not 8.
bool NormalizeBookingCode(const std::string& text, std::string* code);

}  // namespace antre
