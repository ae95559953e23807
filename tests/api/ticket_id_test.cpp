// Ticket ids: ordered by time for the ticket index, unguessable by their random part.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "auth.h"

namespace antre {
namespace {

bool IsLowerHex(const std::string& s) { return s.find_first_not_of("0123456789abcdef") == std::string::npos; }

TEST_CASE("a ticket id is 24 hex digits: the time in ms, then 13 random digits") {
  const int64_t now = 1764460800123;  // 2025-11-30 00:00:00.123 UTC
  std::string id = TicketId(now);
  CHECK(id.size() == 24);
  CHECK(IsLowerHex(id));
  CHECK(std::stoll(id.substr(0, 11), nullptr, 16) == now);
}

TEST_CASE("ids made later sort later, and ids of one millisecond differ") {
  const int64_t now = 1764460800123;
  CHECK(TicketId(now) < TicketId(now + 1));
  CHECK(TicketId(now) < TicketId(now + 86400000LL * 365 * 50));
  std::set<std::string> same_ms;
  std::set<std::string> random_parts;
  for (int i = 0; i < 1000; ++i) {
    std::string id = TicketId(now);
    same_ms.insert(id);
    random_parts.insert(id.substr(11));
  }
  CHECK(same_ms.size() == 1000);
  CHECK(random_parts.size() == 1000);
}

}  // namespace
}  // namespace antre
