// Row mapping shared by the store's source files (internal to server/).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "sql.h"

namespace antre {

// Columns read by TicketFromRow, in order.
extern const char* const kTicketColumns;
// A ticket from a row selected with kTicketColumns.
Ticket TicketFromRow(const Stmt& q);
// kTicketColumns and the queue order (seq) of a site's tickets of one day and of those
// still waiting or called from earlier days; binds (site, day) three times. Three lookups
// by the day's numbers and the partial waiting and called indexes, never the history.
std::string LiveTicketsSql();
// kTicketColumns of a site's waiting tickets (binds site), by the partial waiting index.
std::string WaitingTicketsSql();
// Counter service lists are stored as "rekam,kk".
std::string JoinServices(const std::vector<std::string>& ids);
std::vector<std::string> SplitServices(const std::string& text);
// A site's coordinates are stored as "lat,lon" ('' when unset); text that does not parse
// into a valid point reads as unset.
std::string EncodeCoords(const std::optional<GeoPoint>& point);
std::optional<GeoPoint> ParseCoords(const std::string& text);

}  // namespace antre
