#include "core/counter_rules.h"

#include <doctest/doctest.h>

#include "core/event_types.h"

using namespace antre;

namespace {

constexpr UnixMs kNow = 9000;
constexpr UnixMs kEnded = kNow - 5000;  // when an undone ticket ended

// A ticket of today: "A001" gets id "t-A001"; a called one is held by counter `by`.
Ticket T(const char* number, const char* service, TicketStatus status = TicketStatus::kWaiting,
         const char* by = nullptr) {
  Ticket t;
  t.id = std::string("t-") + number;
  t.site = "serang";
  t.number = number;
  t.service = service;
  t.status = status;
  t.day = "2026-11-28";
  t.issued_at = 100;
  t.order_at = 150;
  if (by) {
    t.counter = by;
    t.called_at = 500;
  }
  return t;
}

CounterSnapshot Idle(int streak = 0) {
  return CounterSnapshot{"1", "Loket 1", false, streak, std::nullopt, false};
}
CounterSnapshot Serving(bool print = false) {
  Ticket t = print ? T("P001", "cetak", TicketStatus::kCalled, "1")
                   : T("A001", "rekam", TicketStatus::kCalled, "1");
  return CounterSnapshot{"1", "Loket 1", false, 2, t, print};
}
CounterSnapshot Paused(bool serving) {
  CounterSnapshot c = serving ? Serving() : Idle(2);
  c.is_paused = true;
  return c;
}

CounterCommand Cmd(CounterAction verb, const char* arg = "", const char* outcome = "") {
  return CounterCommand{verb, arg, outcome};
}
CounterLookups None() { return CounterLookups{}; }
CounterLookups Pick(std::optional<Ticket> row, int streak) {
  return CounterLookups{true, std::move(row), streak, {}, false};
}
CounterLookups Numbered(Ticket t) { return CounterLookups{false, {}, 0, std::move(t), false}; }
CounterLookups Target(bool exists) { return CounterLookups{false, {}, 0, {}, exists}; }

// A decision in one line: each ticket change, each counter event, then the counter and reply.
std::string Summary(const CounterDecision& d) {
  std::string s;
  for (const TicketChange& c : d.ticket_changes) {
    s += c.ticket.number + "/" + c.ticket.service + " " + TicketStatusName(c.ticket.status) +
         " by=" + c.ticket.counter.value_or("-") + " " + c.event + " '" + c.counter_name + "'";
    if (!c.print_outcome.empty()) s += " print=" + c.print_outcome;
    if (!c.from_service.empty() || !c.from_counter.empty())
      s += " from=" + c.from_service + "/" + c.from_counter;
    s += "; ";
  }
  for (const char* e : d.counter_events) s += std::string(e) + "; ";
  s += std::string(CounterStateName(d.state)) + " current=" + d.current_ticket.value_or("-") +
       " streak=" + std::to_string(d.priority_streak) + " reply=" + (d.reply ? d.reply->id : "-");
  return s;
}

struct Case {
  const char* name;
  CounterSnapshot counter;
  CounterCommand command;
  CounterLookups found;
  const char* want;  // the Summary, or "error <code>: <message>"
};

std::string Outcome(const Case& c) {
  auto r = DecideCounterAction(c.counter, c.command, c.found, kNow);
  if (!r.ok())
    return std::string("error ") + ErrorCodeName(r.error().code) + ": " + r.error().message;
  return Summary(r.value());
}

void CheckAll(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(Outcome(c) == c.want);
  }
}

}  // namespace

TEST_CASE("CounterRules: refusals change nothing and say why") {
  const Ticket called = T("A002", "rekam", TicketStatus::kCalled, "3");
  const Ticket done = T("A003", "rekam", TicketStatus::kDone, "3");
  CheckAll({
      {"next on a paused counter", Paused(false), Cmd(CounterAction::kNext),
       Pick(T("A002", "rekam"), 1), "error counter_paused: Loket 1 is paused"},
      {"next on a paused counter that serves", Paused(true), Cmd(CounterAction::kNext), None(),
       "error counter_paused: Loket 1 is paused"},
      {"call on a paused counter, before the number is checked", Paused(false),
       Cmd(CounterAction::kCall, "A999"), None(), "error counter_paused: Loket 1 is paused"},
      {"recall with nothing served", Idle(), Cmd(CounterAction::kRecall), None(),
       "error conflict: Loket 1 has no ticket being served"},
      {"no-show with nothing served", Idle(), Cmd(CounterAction::kNoShow), None(),
       "error conflict: Loket 1 has no ticket being served"},
      {"finish with nothing served", Idle(), Cmd(CounterAction::kFinish), None(),
       "error conflict: Loket 1 has no ticket being served"},
      {"transfer with nothing served, before the service is checked", Idle(),
       Cmd(CounterAction::kTransfer, "paspor"), Target(false),
       "error conflict: Loket 1 has no ticket being served"},
      {"transfer to an unknown service", Serving(), Cmd(CounterAction::kTransfer, "paspor"),
       Target(false), "error not_found: unknown service 'paspor'"},
      {"transfer to the ticket's own service", Serving(), Cmd(CounterAction::kTransfer, "rekam"),
       Target(true), "error conflict: ticket is already in rekam"},
      {"call of a number not issued today", Idle(), Cmd(CounterAction::kCall, "A999"), None(),
       "error not_found: no ticket A999 today"},
      {"call of a ticket another counter holds", Serving(), Cmd(CounterAction::kCall, "A002"),
       Numbered(called), "error conflict: ticket A002 is called, not waiting"},
      {"call of a finished ticket", Idle(), Cmd(CounterAction::kCall, "A003"), Numbered(done),
       "error conflict: ticket A003 is done, not waiting"},
      {"an outcome for a ticket that is not printing", Serving(),
       Cmd(CounterAction::kNext, "", "printed"), None(),
       "error invalid_input: a print outcome applies only to a printing ticket being served"},
      {"an outcome with nothing served", Idle(), Cmd(CounterAction::kFinish, "", "backlog"), None(),
       "error invalid_input: a print outcome applies only to a printing ticket being served"},
      {"an outcome is checked before the pause", Paused(true),
       Cmd(CounterAction::kNext, "", "printed"), None(),
       "error invalid_input: a print outcome applies only to a printing ticket being served"},
      {"an outcome is refused even on pause", Serving(), Cmd(CounterAction::kPause, "", "printed"),
       None(),
       "error invalid_input: a print outcome applies only to a printing ticket being served"},
      {"the queue's pick has no row", Serving(), Cmd(CounterAction::kNext), Pick(std::nullopt, 0),
       "error storage_failed: a waiting ticket has no row"},
  });
}

TEST_CASE("CounterRules: next ends the ticket being served, then calls the queue's pick") {
  const Ticket a2 = T("A002", "rekam");
  CheckAll({
      {"idle, a ticket waits", Idle(), Cmd(CounterAction::kNext), Pick(a2, 1),
       "A002/rekam called by=1 ticket.called 'Loket 1'; serving current=t-A002 streak=1 "
       "reply=t-A002"},
      {"idle, nothing waits: the streak stays", Idle(2), Cmd(CounterAction::kNext), None(),
       "idle current=- streak=2 reply=-"},
      {"serving, a ticket waits", Serving(), Cmd(CounterAction::kNext), Pick(a2, 0),
       "A001/rekam done by=1 ticket.done 'Loket 1'; A002/rekam called by=1 ticket.called 'Loket "
       "1'; "
       "serving current=t-A002 streak=0 reply=t-A002"},
      {"serving, nothing waits: no reply", Serving(), Cmd(CounterAction::kNext), None(),
       "A001/rekam done by=1 ticket.done 'Loket 1'; idle current=- streak=2 reply=-"},
      {"a printing ticket ends as printed by default", Serving(true), Cmd(CounterAction::kNext),
       None(),
       "P001/cetak done by=1 ticket.done 'Loket 1' print=printed; idle current=- streak=2 reply=-"},
      {"a printing ticket ends with the outcome given", Serving(true),
       Cmd(CounterAction::kNext, "", "backlog"), Pick(a2, 3),
       "P001/cetak done by=1 ticket.done 'Loket 1' print=backlog; A002/rekam called by=1 "
       "ticket.called 'Loket 1'; "
       "serving current=t-A002 streak=3 reply=t-A002"},
  });
}

TEST_CASE("CounterRules: call by number takes a waiting ticket of today") {
  const Ticket a5 = T("A005", "rekam");
  CheckAll({
      {"idle", Idle(1), Cmd(CounterAction::kCall, "A005"), Numbered(a5),
       "A005/rekam called by=1 ticket.called 'Loket 1'; serving current=t-A005 streak=1 "
       "reply=t-A005"},
      {"serving: the current ticket is done first", Serving(), Cmd(CounterAction::kCall, "A005"),
       Numbered(a5),
       "A001/rekam done by=1 ticket.done 'Loket 1'; A005/rekam called by=1 ticket.called 'Loket "
       "1'; "
       "serving current=t-A005 streak=2 reply=t-A005"},
      {"serving a printing ticket: printed by default", Serving(true),
       Cmd(CounterAction::kCall, "A005"), Numbered(a5),
       "P001/cetak done by=1 ticket.done 'Loket 1' print=printed; A005/rekam called by=1 "
       "ticket.called 'Loket 1'; "
       "serving current=t-A005 streak=2 reply=t-A005"},
  });
}

TEST_CASE("CounterRules: call by number calls today's no-show again") {
  Ticket gone = T("A004", "rekam", TicketStatus::kNoShow, "2");  // missed at Loket 2
  gone.finished_at = 800;
  CheckAll({
      {"idle", Idle(), Cmd(CounterAction::kCall, "A004"), Numbered(gone),
       "A004/rekam called by=1 ticket.called 'Loket 1'; serving current=t-A004 streak=0 "
       "reply=t-A004"},
      {"serving: the current ticket is done first", Serving(), Cmd(CounterAction::kCall, "A004"),
       Numbered(gone),
       "A001/rekam done by=1 ticket.done 'Loket 1'; A004/rekam called by=1 ticket.called 'Loket "
       "1'; serving current=t-A004 streak=2 reply=t-A004"},
  });
  auto d = DecideCounterAction(Idle(), Cmd(CounterAction::kCall, "A004"), Numbered(gone), kNow).value();
  CHECK(d.ticket_changes.at(0).ticket.finished_at == 0);  // open again
  CHECK(d.ticket_changes.at(0).ticket.called_at == kNow);
}

TEST_CASE("CounterRules: undo serves a ticket ended a moment ago again") {
  auto ended = [](const char* number, TicketStatus status, const char* by = "1", UnixMs at = kEnded) {
    Ticket t = T(number, number[0] == 'P' ? "cetak" : "rekam", status, by);
    t.finished_at = at;
    return t;
  };
  // What "next" left behind: the counter serves A002, called when A001 ended.
  CounterSnapshot after_next = Serving();
  after_next.current = T("A002", "rekam", TicketStatus::kCalled, "1");
  after_next.current->called_at = kEnded;
  CounterSnapshot older = Serving();  // serves A001, called long before A007 ended
  CounterLookups printed = Numbered(ended("P001", TicketStatus::kDone));
  printed.is_numbered_print = true;
  CheckAll({
      {"after no-show", Idle(), Cmd(CounterAction::kUndo, "A001"),
       Numbered(ended("A001", TicketStatus::kNoShow)),
       "A001/rekam called by=1 ticket.reopened 'Loket 1'; serving current=t-A001 streak=0 "
       "reply=t-A001"},
      {"after next: the called ticket goes back to waiting", after_next,
       Cmd(CounterAction::kUndo, "A001"), Numbered(ended("A001", TicketStatus::kDone)),
       "A002/rekam waiting by=- ticket.returned ''; A001/rekam called by=1 ticket.reopened "
       "'Loket 1'; serving current=t-A001 streak=2 reply=t-A001"},
      {"while paused stays paused", Paused(false), Cmd(CounterAction::kUndo, "A001"),
       Numbered(ended("A001", TicketStatus::kNoShow)),
       "A001/rekam called by=1 ticket.reopened 'Loket 1'; paused current=t-A001 streak=2 "
       "reply=t-A001"},
      {"a number not issued today", Idle(), Cmd(CounterAction::kUndo, "A999"), None(),
       "error not_found: no ticket A999 today"},
      {"ended at another counter", Idle(), Cmd(CounterAction::kUndo, "A001"),
       Numbered(ended("A001", TicketStatus::kNoShow, "2")),
       "error conflict: ticket A001 did not end at Loket 1"},
      {"still waiting", Idle(), Cmd(CounterAction::kUndo, "A001"), Numbered(T("A001", "rekam")),
       "error conflict: ticket A001 did not end at Loket 1"},
      {"cancelled by a supervisor", Idle(), Cmd(CounterAction::kUndo, "A001"),
       Numbered(ended("A001", TicketStatus::kCancelled)),
       "error conflict: ticket A001 did not end at Loket 1"},
      {"too long ago", Idle(), Cmd(CounterAction::kUndo, "A001"),
       Numbered(ended("A001", TicketStatus::kNoShow, "1", kNow - kUndoWindowMs - 1)),
       "error conflict: too late to undo ticket A001"},
      {"a printed card", Idle(), Cmd(CounterAction::kUndo, "P001"), printed,
       "error conflict: a card outcome cannot be undone"},
      {"the counter has moved on", older, Cmd(CounterAction::kUndo, "A007"),
       Numbered(ended("A007", TicketStatus::kNoShow)), "error conflict: Loket 1 is serving A001"},
  });
  SUBCASE("the ticket keeps its call time, the returned one its place") {
    auto d = DecideCounterAction(after_next, Cmd(CounterAction::kUndo, "A001"),
                                 Numbered(ended("A001", TicketStatus::kDone)), kNow)
                 .value();
    const Ticket& back = d.ticket_changes.at(0).ticket;
    CHECK(back.order_at == 150);
    CHECK(back.called_at == 0);
    CHECK_FALSE(back.counter.has_value());
    const Ticket& again = d.ticket_changes.at(1).ticket;
    CHECK(again.finished_at == 0);
    CHECK(again.called_at == 500);
  }
}

TEST_CASE("CounterRules: recall, no-show and finish act on the ticket being served") {
  CheckAll({
      {"recall", Serving(), Cmd(CounterAction::kRecall), None(),
       "A001/rekam called by=1 ticket.recalled 'Loket 1'; serving current=t-A001 streak=2 "
       "reply=t-A001"},
      {"recall while paused", Paused(true), Cmd(CounterAction::kRecall), None(),
       "A001/rekam called by=1 ticket.recalled 'Loket 1'; paused current=t-A001 streak=2 "
       "reply=t-A001"},
      {"no-show", Serving(), Cmd(CounterAction::kNoShow), None(),
       "A001/rekam no_show by=1 ticket.no_show 'Loket 1'; idle current=- streak=2 reply=t-A001"},
      {"no-show of a printing ticket records no outcome", Serving(true), Cmd(CounterAction::kNoShow),
       None(),
       "P001/cetak no_show by=1 ticket.no_show 'Loket 1'; idle current=- streak=2 reply=t-P001"},
      {"finish", Serving(), Cmd(CounterAction::kFinish), None(),
       "A001/rekam done by=1 ticket.done 'Loket 1'; idle current=- streak=2 reply=t-A001"},
      {"finish while paused stays paused", Paused(true), Cmd(CounterAction::kFinish), None(),
       "A001/rekam done by=1 ticket.done 'Loket 1'; paused current=- streak=2 reply=t-A001"},
      {"finish of a printing ticket", Serving(true), Cmd(CounterAction::kFinish, "", "backlog"),
       None(),
       "P001/cetak done by=1 ticket.done 'Loket 1' print=backlog; idle current=- streak=2 "
       "reply=t-P001"},
  });
}

TEST_CASE("CounterRules: transfer sends the ticket back to waiting for another service") {
  CheckAll({
      {"to another service", Serving(), Cmd(CounterAction::kTransfer, "kk"), Target(true),
       "A001/kk waiting by=- ticket.transferred '' from=rekam/1; idle current=- streak=2 "
       "reply=t-A001"},
      {"a printing ticket's outcome is not recorded", Serving(true),
       Cmd(CounterAction::kTransfer, "rekam", "printed"), Target(true),
       "P001/rekam waiting by=- ticket.transferred '' from=cetak/1; idle current=- streak=2 "
       "reply=t-P001"},
      {"while paused", Paused(true), Cmd(CounterAction::kTransfer, "kk"), Target(true),
       "A001/kk waiting by=- ticket.transferred '' from=rekam/1; paused current=- streak=2 "
       "reply=t-A001"},
  });
}

TEST_CASE("CounterRules: pause and resume say so only on a change") {
  CheckAll({
      {"pause idle", Idle(1), Cmd(CounterAction::kPause), None(),
       "counter.paused; paused current=- streak=1 reply=-"},
      {"pause serving keeps the ticket", Serving(), Cmd(CounterAction::kPause), None(),
       "counter.paused; paused current=t-A001 streak=2 reply=t-A001"},
      {"pause paused", Paused(false), Cmd(CounterAction::kPause), None(),
       "paused current=- streak=2 reply=-"},
      {"resume paused idle", Paused(false), Cmd(CounterAction::kResume), None(),
       "counter.resumed; idle current=- streak=2 reply=-"},
      {"resume paused serving", Paused(true), Cmd(CounterAction::kResume), None(),
       "counter.resumed; serving current=t-A001 streak=2 reply=t-A001"},
      {"resume running", Serving(), Cmd(CounterAction::kResume), None(),
       "serving current=t-A001 streak=2 reply=t-A001"},
  });
}

TEST_CASE("CounterRules: times, recalls and the kept fields of changed tickets") {
  SUBCASE("ending sets the finish time and keeps the holder and call time") {
    auto d = DecideCounterAction(Serving(), Cmd(CounterAction::kFinish), None(), kNow).value();
    REQUIRE(d.ticket_changes.size() == 1);
    const Ticket& t = d.ticket_changes[0].ticket;
    CHECK(t.finished_at == kNow);
    CHECK(t.called_at == 500);
    CHECK(t.counter == std::optional<std::string>("1"));
  }
  SUBCASE("calling sets the call time and keeps number and issue time") {
    Ticket waiting = T("A002", "rekam");
    waiting.priority = Priority::kLansia;
    auto d = DecideCounterAction(Idle(), Cmd(CounterAction::kNext), Pick(waiting, 1), kNow).value();
    REQUIRE(d.ticket_changes.size() == 1);
    const Ticket& t = d.ticket_changes[0].ticket;
    CHECK(t.called_at == kNow);
    CHECK(t.finished_at == 0);
    CHECK(t.issued_at == 100);
    CHECK(t.priority == Priority::kLansia);
    CHECK(d.reply->called_at == kNow);
  }
  SUBCASE("recall counts up from what the ticket had") {
    CounterSnapshot c = Serving();
    c.current->recalls = 2;
    auto d = DecideCounterAction(c, Cmd(CounterAction::kRecall), None(), kNow).value();
    CHECK(d.ticket_changes.at(0).ticket.recalls == 3);
    CHECK(d.ticket_changes.at(0).ticket.called_at == 500);
    CHECK(d.reply->recalls == 3);
  }
  SUBCASE("transfer keeps number, issue and order time and recalls, and clears the call") {
    CounterSnapshot c = Serving();
    c.current->recalls = 1;
    auto d = DecideCounterAction(c, Cmd(CounterAction::kTransfer, "kk"), Target(true), kNow).value();
    const Ticket& t = d.ticket_changes.at(0).ticket;
    CHECK(t.number == "A001");
    CHECK(t.issued_at == 100);
    CHECK(t.order_at == 150);
    CHECK(t.recalls == 1);
    CHECK(t.called_at == 0);
    CHECK(t.finished_at == 0);
  }
}
