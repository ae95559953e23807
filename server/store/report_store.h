// Reports folded from the event log (report_ops.cpp). Contract: read-only, on a connection
// of its own, so a long report never holds up the queue.
#pragma once

#include "store_core.h"

namespace antre {

// The statement a report reads the event log with (site, first day, last day); exposed so a
// test can check that it runs on the events_by_day index.
std::string ReportEventsSql();

class ReportStore : protected virtual StoreCore {
 public:
  // --- reports (report_ops.cpp)
  // Folds the site's event log over local days from..to (inclusive) into a report, and adds
  // the print backlog at the end of the range and the courier moves within it. Reads on a
  // connection of its own, so a long report never holds up the queue. NotFound for an
  // unknown site, InvalidInput for a bad range.
  Result<Report> BuildReport(const std::string& site, const LocalDate& from, const LocalDate& to,
                             ReportGroup group) const;
};

}  // namespace antre
