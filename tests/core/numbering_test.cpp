#include <doctest/doctest.h>

#include "core/numbering.h"

using namespace antre;

TEST_CASE("Numbering: prefix plus zero-padded count, four digits past 999") {
  CHECK(FormatTicketNumber("A", 1) == "A001");
  CHECK(FormatTicketNumber("B", 42) == "B042");
  CHECK(FormatTicketNumber("A", 999) == "A999");
  CHECK(FormatTicketNumber("A", 1000) == "A1000");
}

TEST_CASE("Numbering: parse accepts what format writes and nothing else") {
  std::string prefix;
  int seq = 0;
  REQUIRE(ParseTicketNumber("A007", &prefix, &seq));
  CHECK(prefix == "A");
  CHECK(seq == 7);
  REQUIRE(ParseTicketNumber("C1234", &prefix, &seq));
  CHECK(seq == 1234);
  const char* bad[] = {"", "A", "007", "a007", "A07", "A000", "A0999", "A12345", "A00x", "ABCD001"};
  for (const char* b : bad) CHECK_FALSE(ParseTicketNumber(b, &prefix, &seq));
}
