// The benchmark scenarios of issue 8. Each runs once on a fresh server and returns its samples;
// main runs each several times and prints medians and spreads. Failures throw.
#pragma once

#include <string>
#include <vector>

namespace antre::bench {

struct Sample {
  std::string name;
  std::string unit;
  double value = 0;
};
using Samples = std::vector<Sample>;

// 1. Officer `next` -> `ticket.called` received by `streams` event-stream clients, 1,000
// calls, with `waiting` tickets waiting.
Samples BenchCallToScreen(int streams, int waiting);
// 1b. Officer `next` -> the display core's board frame showing the number, 200 calls.
Samples BenchCallToDisplayFrame();
// 2. 8 kiosks issue 2,000 tickets into an empty queue and 2,000 with 10,000 waiting; RSS
// after 20,000; the raw SQLite synchronous=FULL commit rate.
Samples BenchIssuing();
// 3. 5,000 booking requests over 500 connections at once for a 200-place slot: exactly 200 succeed.
Samples BenchBookingRush();
// 4. A year of history (100,000 tickets, 30,000 bookings): server start time and RSS.
Samples BenchHistory();
// 5. antre-display idle under xvfb-run for 30 s: CPU and RSS.
Samples BenchDisplayIdle();
// 5b. Kiosk tap on a service -> ticket written by the PNG printer, 20 tickets.
Samples BenchKioskPrint();
// 6. Transport (issue 14): 10,000 idle keep-alive connections and 2,000 event streams (1,000
// on a server that caps streams there): server RSS, then Next -> ticket.called on every stream.
Samples BenchIdleConnections();
// 6b. 1,000 slow-header clients: GET /api/v1/health p99 over 500 requests, 2 kiosks' tickets/s.
Samples BenchSlowHeaders();
// 6c. Keep-alive GET of the board with 50 connections (wrk if installed): requests/s.
Samples BenchBoard();
// 7. A province (issue 16): sites made through the admin API, 3 processes on PostgreSQL and 1 on
// SQLite, a compressed day of walk-ins, calls and streams, then a booking rush at a release
// (sizes from the --province-* flags, bench_province.h).
Samples BenchProvince();

}  // namespace antre::bench
