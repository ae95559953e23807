// Reads a test's PostgreSQL database behind the servers' backs (libpq), for checks on what
// several server processes wrote together.
#pragma once

#include <doctest/doctest.h>
#include <libpq-fe.h>

#include <string>
#include <vector>

namespace antre {

// The rows of `sql` on the database at `uri`, each a list of column texts (NULL as "").
// Fails the test if the query fails.
inline std::vector<std::vector<std::string>> PgRows(const std::string& uri,
                                                    const std::string& sql) {
  PGconn* conn = PQconnectdb(uri.c_str());
  REQUIRE_MESSAGE(PQstatus(conn) == CONNECTION_OK, PQerrorMessage(conn));
  PGresult* r = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_TUPLES_OK || PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string error = PQresultErrorMessage(r);
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; ok && i < PQntuples(r); ++i) {
    std::vector<std::string> row;
    for (int j = 0; j < PQnfields(r); ++j) row.emplace_back(PQgetvalue(r, i, j));
    rows.push_back(std::move(row));
  }
  PQclear(r);
  PQfinish(conn);
  REQUIRE_MESSAGE(ok, sql, ": ", error);
  return rows;
}

// The single value `sql` selects, as a number (a count).
inline long long PgCount(const std::string& uri, const std::string& sql) {
  auto rows = PgRows(uri, sql);
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].size() == 1);
  return std::stoll(rows[0][0]);
}

}  // namespace antre
