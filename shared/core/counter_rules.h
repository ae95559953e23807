// The counter rules: what a counter action does to its tickets and to the counter, decided
// from a snapshot of the counter and what the store looked up for the action. No SQL, no I/O:
// the store reads the snapshot, calls DecideCounterAction and applies the decision.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model.h"
#include "result.h"

namespace antre {

// What a counter can be asked to do. kUndo takes back a no-show or a "next" of a moment ago.
enum class CounterAction { kNext, kRecall, kNoShow, kFinish, kTransfer, kCall, kPause, kResume, kUndo };

// How long after a ticket ended at a counter its ending can be undone there. The console
// offers the undo for a few seconds; the server allows a little more for a slow network.
inline constexpr UnixMs kUndoWindowMs = 30000;

// The counter as the store holds it when the action arrives.
struct CounterSnapshot {
  std::string id;
  std::string name;  // "Loket 1": used in error messages and ticket events
  bool is_paused = false;
  int priority_streak = 0;
  std::optional<Ticket> current;  // the ticket being served, if any
  bool is_current_print = false;  // current is a ticket of the site's print service
};

// The action with its argument and, for a printing ticket, how its card went.
struct CounterCommand {
  CounterAction verb = CounterAction::kNext;
  std::string arg;            // target service (transfer) or ticket number (call, undo)
  std::string print_outcome;  // "" (printed by default), "printed" or "backlog"
};

// What the store looked up for the action; only the action's own fields are read.
struct CounterLookups {
  // next: whether the waiting queue picks a ticket for this counter, the ticket's row (absent
  // only if the store is broken) and the counter's priority streak after calling it.
  bool has_pick = false;
  std::optional<Ticket> pick;
  int pick_streak = 0;
  // call, undo: today's ticket with the number `arg`, if any.
  std::optional<Ticket> numbered;
  // transfer: whether the site has the service `arg`.
  bool has_target_service = false;
  // undo: whether `numbered` is a ticket of the site's print service.
  bool is_numbered_print = false;
};

// One ticket written by the action: save `ticket`, then (if set) record the print outcome
// for it, then append the event.
struct TicketChange {
  Ticket ticket;                // the new value of the row
  const char* event = nullptr;  // a type from event_types.h
  std::string counter_name;     // shown in the event; "" once the ticket has left the counter
  std::string print_outcome;    // "" = nothing to record
  std::string from_service;     // transfer only: where the ticket came from
  std::string from_counter;     // transfer only: the counter that sent it
};

// Everything the action changes, to be applied in this order: ticket changes, then counter
// events, then the counter row.
struct CounterDecision {
  std::vector<TicketChange> ticket_changes;
  std::vector<const char*> counter_events;  // counter.paused / counter.resumed
  CounterState state = CounterState::kIdle;
  std::optional<std::string> current_ticket;  // the counter's ticket afterwards
  int priority_streak = 0;
  std::optional<Ticket> reply;  // the ticket the answer is about, if any
};

// Decides a counter action at time `now`. Fails, changing nothing, with InvalidInput for a
// print outcome on a ticket that is not a printing one, CounterPaused for next or call on a
// paused counter, Conflict when no ticket is being served (recall, no-show, finish, transfer),
// when the numbered ticket is neither waiting nor a no-show (call), or the transfer's target
// is the ticket's service, NotFound for an unknown number or service, StorageFailed if the
// queue's pick has no row.
// Call by number calls a waiting ticket or calls today's no-show again. Undo of ticket `arg`
// (ended here as no-show or done less than kUndoWindowMs ago) serves it again at this counter
// and returns a ticket the counter called since to waiting, its place kept; Conflict when it
// ended elsewhere, too long ago, is a printed card, or the counter serves an older ticket.
Result<CounterDecision> DecideCounterAction(const CounterSnapshot& counter,
                                            const CounterCommand& command,
                                            const CounterLookups& found, UnixMs now);

}  // namespace antre
