#include "store_rows.h"

#include <cstdio>
#include <sstream>

namespace antre {

const char* const kTicketColumns =
    "id, site, day, number, service, priority, status, issued_at, order_at, counter, called_at, finished_at, recalls, booking";

std::string LiveTicketsSql() {
  const std::string columns = std::string("SELECT ") + kTicketColumns + ", seq FROM tickets";
  return columns + " WHERE site=? AND day=? UNION ALL " + columns + " WHERE site=? AND status='waiting' AND day<>? " +
         "UNION ALL " + columns + " WHERE site=? AND status='called' AND day<>?";
}

std::string WaitingTicketsSql() {
  return std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE site=? AND status='waiting'";
}

Ticket TicketFromRow(const Stmt& q) {
  Ticket t;
  t.id = q.Text(0);
  t.site = q.Text(1);
  t.day = q.Text(2);
  t.number = q.Text(3);
  t.service = q.Text(4);
  ParsePriority(q.Text(5), &t.priority);
  ParseTicketStatus(q.Text(6), &t.status);
  t.issued_at = q.Int(7);
  t.order_at = q.Int(8);
  if (!q.IsNull(9)) t.counter = q.Text(9);
  t.called_at = q.Int(10);
  t.finished_at = q.Int(11);
  t.recalls = static_cast<int>(q.Int(12));
  t.booking = q.Text(13);
  return t;
}

std::string JoinServices(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

std::vector<std::string> SplitServices(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

std::string EncodeCoords(const std::optional<GeoPoint>& point) {
  if (!point) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f,%.6f", point->lat, point->lon);
  return buf;
}

std::optional<GeoPoint> ParseCoords(const std::string& text) {
  GeoPoint p;
  char tail = 0;
  // "C" formatting: the server never changes the locale, so '.' is the decimal point.
  if (std::sscanf(text.c_str(), "%lf,%lf%c", &p.lat, &p.lon, &tail) != 2 || !IsValidGeoPoint(p)) return std::nullopt;
  return p;
}

}  // namespace antre
