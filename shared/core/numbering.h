// Ticket numbers: a service prefix plus a zero-padded daily count ("A001").
#pragma once

#include <string>

namespace antre {

// "A" + 7 -> "A007"; counts past 999 use four digits ("A1000"). seq must be >= 1.
std::string FormatTicketNumber(const std::string& prefix, int seq);

// Splits "A007" into "A" and 7. Returns false unless it is letters then 3-4 digits, seq >= 1.
bool ParseTicketNumber(const std::string& number, std::string* prefix, int* seq);

}  // namespace antre
