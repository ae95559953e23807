// Row mapping shared by the store's source files (internal to server/).
#pragma once

#include <string>
#include <vector>

#include "core/model.h"
#include "sql.h"

namespace antre {

// Columns read by TicketFromRow, in order.
extern const char* const kTicketColumns;
// A ticket from a row selected with kTicketColumns.
Ticket TicketFromRow(const Stmt& q);
// Counter service lists are stored as "rekam,kk".
std::string JoinServices(const std::vector<std::string>& ids);
std::vector<std::string> SplitServices(const std::string& text);

}  // namespace antre
