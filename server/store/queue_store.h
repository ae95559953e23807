// The queue: tickets issued at kiosks, counter actions, the day's rollover, counter binding,
// supervisor moves, and the reads boards, consoles and ticket pages make (ticket_ops.cpp,
// admin_ops.cpp, store_reads.cpp, store_state.cpp). Contract: every change is one write with
// its events, idempotent under a key where it says so; reads answer from the committed state
// of today and never wait for the writer.
#pragma once

#include "store_core.h"

namespace antre {

class Write;

// Parses "next", "recall", "no-show", "finish", "transfer", "call", "pause", "resume".
bool ParseCounterAction(const std::string& text, CounterAction* out);

// Result of a counter action: the ticket it concerns, if any.
struct ActionOutcome {
  std::optional<TicketView> ticket;
  bool replayed = false;
};

class QueueStore : protected virtual StoreCore {
 public:
  // --- counter binding (admin_ops.cpp): a counter is open to one officer at a time.
  // Binds the counter to `officer`; Conflict if it is open to another, NotFound if unknown.
  Status OpenCounter(const std::string& site, const std::string& counter, const std::string& officer);
  // Frees the counter. Without `force` only its own officer may (NotYourCounter otherwise; a
  // free counter stays free); with it (a supervisor's release) it is freed and audited.
  Status CloseCounter(const std::string& site, const std::string& counter, const std::string& actor, bool force);
  // Frees every counter open to `officer` (at logout).
  Status ReleaseCountersOf(const std::string& officer);
  // The officer the counter is open to, or "" if free. NotFound for an unknown counter.
  Result<std::string> CounterHolder(const std::string& site, const std::string& counter) const;

  // --- queue
  // Issues a ticket; the same idempotency key returns the first ticket (replayed = true).
  // NotFound for unknown site/service, ServiceClosed for a closed service.
  Result<IssueOutcome> IssueTicket(const std::string& site, const std::string& service, Priority priority,
                                   const IdempotencyKey& idem);
  // The same without blocking the caller: `done` gets the answer once it is on disk, on the
  // thread that led its batch (for the transport's io thread; see GroupCommitter::RunAsync).
  void IssueTicketAsync(const std::string& site, const std::string& service, Priority priority,
                        const IdempotencyKey& idem, std::function<void(Result<IssueOutcome>)> done);
  // Runs a counter action. `arg` is the target service (transfer) or number (call).
  // Next returns no ticket when none waits; Conflict when the state forbids the action.
  Result<ActionOutcome> ActOnCounter(const std::string& site, const std::string& counter, CounterAction action,
                                     const std::string& arg, const std::string& actor, const IdempotencyKey& idem,
                                     const std::string& outcome = "");
  // Expires tickets left waiting from an earlier local day (once per site per day).
  Status RollOverIfNewDay();

  // --- supervisor actions (admin_ops.cpp)
  // Moves a waiting ticket to another service, keeping number and issue time.
  // NotFound for unknown ticket/service, Conflict if the ticket is not waiting.
  Result<TicketView> MoveTicket(const std::string& site, const std::string& id, const std::string& service,
                                const std::string& actor);
  // Cancels a waiting or called ticket with a reason kept in the audit log (not in events).
  Result<TicketView> CancelTicket(const std::string& site, const std::string& id, const std::string& reason,
                                  const std::string& actor);
  // Returns today's no-show ticket (by id, or by today's number) to the queue at its old place (number and order kept),
  // audited, with a ticket.returned event. NotFound for an unknown ticket, Conflict unless
  // it is a no-show of today.
  Result<TicketView> RequeueTicket(const std::string& site, const std::string& id, const std::string& actor);
  // Waiting tickets and per-service figures for staff.
  Result<QueueSnapshot> Queue(const std::string& site) const;

  // --- reads
  Result<TicketView> GetTicket(const std::string& id) const;
  Result<std::vector<ServiceStatus>> ServiceStatuses(const std::string& site) const;
  Result<std::vector<CounterStatus>> CounterStatuses(const std::string& site, bool with_closed = false) const;
  Result<BoardSnapshot> Board(const std::string& site) const;
  // Events of the site's current local day with id > after_id, oldest first, at most `limit`.
  Result<std::vector<Event>> EventsAfter(const std::string& site, int64_t after_id, int limit) const;
  Result<int64_t> LastEventId(const std::string& site) const;

 private:
  // IssueTicket's write, on the writer with mu_ held.
  Result<IssueOutcome> IssueLocked(Write& w, const std::string& service, Priority priority,
                                   const IdempotencyKey& idem);
};

}  // namespace antre
