// OPAK MANIS booking codes as the kiosk reads them: 8 characters from an alphabet without
// look-alikes (no 0/O/1/I/L), typed on the keypad or by a USB scanner that types like a
// keyboard. Pure: no SDL, no I/O.
#pragma once

#include <string>

#include "core/booking_rules.h"  // kBookingCodeAlphabet, NormalizeBookingCode

namespace antre::kiosk {

// A complete code has this many characters.
inline constexpr int kBookingCodeLength = 8;

// The code character for a typed character (lower case is upper-cased), or 0 if it is not
// part of the alphabet (spaces, dashes, 0/O/1/I/L, punctuation).
char BookingCodeChar(char c);

// Keeps only the alphabet's characters of `text`, upper-cased, in order.
std::string FilterBookingCode(const std::string& text);

// "ABCD-EFGH" for a full code; a partial one is padded with '_' ("AB__-____") so the
// resident sees how many characters are still missing.
std::string GroupBookingCode(const std::string& code);

// The booking code in what a scanner typed: the whole text when it is a code (spaces and
// dashes allowed), else the last part of a link or "code=..." that is one. Empty if none.
std::string ExtractBookingCode(const std::string& scanned);

}  // namespace antre::kiosk

namespace antre::kiosk {

// The local time check-in opens, "08:30", read from the server's too_early message ("check-in
// opens 30 minutes before 09:00"); empty if the message does not say.
std::string CheckInOpensAt(const std::string& message);

}  // namespace antre::kiosk
