#include "counter_rules.h"

#include "event_types.h"

namespace antre {

Result<CounterDecision> DecideCounterAction(const CounterSnapshot& counter,
                                            const CounterCommand& command,
                                            const CounterLookups& found, UnixMs now) {
  const std::string& name = counter.name;
  const std::string& arg = command.arg;
  // Checked before the action itself, so even a pause with a stray outcome is refused.
  if (!command.print_outcome.empty() && !counter.is_current_print) {
    return MakeError(ErrorCode::kInvalidInput,
                     "a print outcome applies only to a printing ticket being served");
  }

  CounterDecision d;
  bool paused = counter.is_paused;
  std::optional<Ticket> current = counter.current;
  int streak = counter.priority_streak;
  std::optional<Ticket> reply;

  // Ends the ticket being served; the counter then serves nothing.
  auto end_current = [&](TicketStatus status, const char* type) {
    current->status = status;
    current->finished_at = now;
    TicketChange change{*current, type, name, "", "", ""};
    if (status == TicketStatus::kDone && counter.is_current_print) {
      // A hardware "next" button cannot say; printed is the common case and uses a card.
      change.print_outcome = command.print_outcome.empty() ? "printed" : command.print_outcome;
    }
    d.ticket_changes.push_back(std::move(change));
    reply = current;
    current.reset();
  };
  auto call = [&](Ticket t) {
    t.status = TicketStatus::kCalled;
    t.counter = counter.id;
    t.called_at = now;
    t.finished_at = 0;  // a no-show called again is open once more
    d.ticket_changes.push_back(TicketChange{t, event::kTicketCalled, name, "", "", ""});
    current = t;
    reply = t;
  };
  auto not_serving = [&] {
    return MakeError(ErrorCode::kConflict, name + " has no ticket being served");
  };
  auto is_paused = [&] { return MakeError(ErrorCode::kCounterPaused, name + " is paused"); };

  switch (command.verb) {
    case CounterAction::kNext:
      if (paused) return is_paused();
      if (found.has_pick && !found.pick)
        return MakeError(ErrorCode::kStorageFailed, "a waiting ticket has no row");
      if (current) end_current(TicketStatus::kDone, event::kTicketDone);
      reply.reset();  // next answers with the ticket it calls, or none
      if (found.has_pick) {
        call(*found.pick);
        streak = found.pick_streak;
      }
      break;
    case CounterAction::kCall:
      if (paused) return is_paused();
      if (!found.numbered) return MakeError(ErrorCode::kNotFound, "no ticket " + arg + " today");
      if (found.numbered->status != TicketStatus::kWaiting &&
          found.numbered->status != TicketStatus::kNoShow) {
        return MakeError(
            ErrorCode::kConflict,
            "ticket " + arg + " is " + TicketStatusName(found.numbered->status) + ", not waiting");
      }
      if (current) end_current(TicketStatus::kDone, event::kTicketDone);
      call(*found.numbered);
      break;
    case CounterAction::kRecall:
      if (!current) return not_serving();
      current->recalls += 1;
      d.ticket_changes.push_back(TicketChange{*current, event::kTicketRecalled, name, "", "", ""});
      reply = current;
      break;
    case CounterAction::kNoShow:
      if (!current) return not_serving();
      end_current(TicketStatus::kNoShow, event::kTicketNoShow);
      break;
    case CounterAction::kFinish:
      if (!current) return not_serving();
      end_current(TicketStatus::kDone, event::kTicketDone);
      break;
    case CounterAction::kTransfer: {
      if (!current) return not_serving();
      if (!found.has_target_service)
        return MakeError(ErrorCode::kNotFound, "unknown service '" + arg + "'");
      if (arg == current->service)
        return MakeError(ErrorCode::kConflict, "ticket is already in " + arg);
      std::string from = current->service;
      // Back to waiting with number and issue time kept, so it is not sent to the back.
      current->service = arg;
      current->status = TicketStatus::kWaiting;
      current->counter.reset();
      current->called_at = 0;
      d.ticket_changes.push_back(
          TicketChange{*current, event::kTicketTransferred, "", "", from, counter.id});
      reply = current;
      current.reset();
      break;
    }
    case CounterAction::kUndo: {
      if (!found.numbered) return MakeError(ErrorCode::kNotFound, "no ticket " + arg + " today");
      Ticket ended = *found.numbered;
      bool ended_here = ended.counter == counter.id && (ended.status == TicketStatus::kNoShow ||
                                                        ended.status == TicketStatus::kDone);
      if (!ended_here) return MakeError(ErrorCode::kConflict, "ticket " + arg + " did not end at " + name);
      if (now - ended.finished_at > kUndoWindowMs) {
        return MakeError(ErrorCode::kConflict, "too late to undo ticket " + arg);
      }
      if (ended.status == TicketStatus::kDone && found.is_numbered_print) {
        return MakeError(ErrorCode::kConflict, "a card outcome cannot be undone");
      }
      if (current) {
        // Only the ticket that "next" called when it ended `ended` goes back; an older one
        // means the counter moved on some other way.
        if (current->called_at < ended.finished_at) {
          return MakeError(ErrorCode::kConflict, name + " is serving " + current->number);
        }
        current->status = TicketStatus::kWaiting;
        current->counter.reset();
        current->called_at = 0;
        d.ticket_changes.push_back(TicketChange{*current, event::kTicketReturned, "", "", "", ""});
        current.reset();
      }
      ended.status = TicketStatus::kCalled;
      ended.finished_at = 0;
      d.ticket_changes.push_back(TicketChange{ended, event::kTicketReopened, name, "", "", ""});
      current = ended;
      reply = ended;
      break;
    }
    case CounterAction::kPause:
    case CounterAction::kResume: {
      bool pause = command.verb == CounterAction::kPause;
      if (pause != paused) {  // pausing a paused counter says nothing
        paused = pause;
        d.counter_events.push_back(pause ? event::kCounterPaused : event::kCounterResumed);
      }
      reply = current;
      break;
    }
  }

  d.state = paused ? CounterState::kPaused : current ? CounterState::kServing : CounterState::kIdle;
  if (current) d.current_ticket = current->id;
  d.priority_streak = streak;
  d.reply = std::move(reply);
  return d;
}

}  // namespace antre
