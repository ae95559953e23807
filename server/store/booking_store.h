// Bookings made ahead (booking_ops.cpp), release draws (draw_ops.cpp), and the messages and
// retention around them (notify_ops.cpp). Contract: a slot is never overbooked (the capacity
// check and the insert are one write), a draw is made exactly once, and personal data is
// only answered to the holder of both the code (or id) and the NIK.
#pragma once

#include "store_core.h"

namespace antre {

class BookingStore : protected virtual StoreCore {
 public:
  // --- bookings (booking_ops.cpp)
  // Slots of a service from..to (local dates, at most 31 days) with places left.
  Result<std::vector<SlotAvailability>> Slots(const std::string& site, const std::string& service,
                                              const LocalDate& from, const LocalDate& to) const;
  // Books a place. SlotFull, AlreadyBooked (same NIK and service), LimitReached (per phone or
  // address per day), NotFound (no such slot), Conflict (not bookable now), InvalidInput.
  // The capacity check and insert are one transaction, so a slot is never overbooked.
  // NotReleased before the day's release time. During the day's draw window the request is
  // entered in the draw instead: *drawn gets it and the answer is an empty Booking (without
  // `drawn`, NotReleased until the draw is made).
  Result<Booking> CreateBooking(const std::string& site, const Booking& request, const std::string& client,
                                BookingRequest* drawn = nullptr);
  // The booking with this code if `nik` matches; NotFound otherwise (same answer for both).
  Result<Booking> FindBooking(const std::string& code, const std::string& nik) const;
  // Cancels an active booking (code + NIK); Conflict if it is no longer booked.
  Result<Booking> CancelBooking(const std::string& code, const std::string& nik);
  // Moves an active booking to another slot of its service, with the same checks as booking.
  Result<Booking> RescheduleBooking(const std::string& code, const std::string& nik, UnixMs slot_start);
  // Checks a booking in at a kiosk of its site: a ticket ordered by the slot start.
  // TooEarly/TooLate outside the window, Conflict if not booked, NotFound for another site.
  // On a refusal of a booking that exists, *refused (if given) gets its service and status,
  // so the kiosk can offer a walk-in ticket for that service or say why it cannot be used.
  Result<IssueOutcome> CheckIn(const std::string& site, const std::string& code, Booking* refused = nullptr);
  // The active bookings (booked or checked in) of `site` whose NIK and phone both match, for
  // a resident who lost the code. With a gateway configured, each is queued as a
  // booking.recovered message to the booking's phone and *sent is true; otherwise they are
  // only returned. NotFound when none match (the same answer for a wrong NIK or phone).
  Result<std::vector<Booking>> RecoverBookings(const std::string& site, const std::string& nik,
                                               const std::string& phone, bool* sent);
  // Marks bookings not checked in by slot end + grace as no-shows (one event each).
  Status ExpireBookings();

  // --- release draws (draw_ops.cpp)
  // Makes every draw whose window has closed and that is not made yet: its requests in a
  // uniformly random order, each booked or refused as a direct request would be then. One
  // write per site that marks the draw made, so each draw is made exactly once.
  Status RunDueDraws();
  // A draw request by id if `nik` matches (NotFound otherwise, the same for both); a due
  // draw is made first, so a request past its draw time is never pending.
  Result<BookingRequest> FindBookingRequest(const std::string& id, const std::string& nik);
  // Seeds the draws' random order (tests only: the order then repeats run after run).
  void SetDrawSeed(uint64_t seed);
  // Web bookings made on local days from..to per client address and per phone prefix (the
  // first six digits of the 0-form, "081299"), the `top` largest of each. NotFound for an
  // unknown site, InvalidInput for a bad range.
  Result<BookingSources> BookingSourcesBetween(const std::string& site, const LocalDate& from, const LocalDate& to,
                                               int top) const;

  // --- notifications and retention (notify_ops.cpp)
  // Queues day-before reminders and "3 places before your turn" messages that are due; each
  // booking gets each kind at most once. Does nothing for sites without a webhook.
  Status EnqueueDueNotifications();
  // Pending notifications whose retry time has come, oldest first.
  Result<std::vector<Notification>> DueNotifications(int limit) const;
  // Records a delivery attempt: sent, or a retry later with backoff (failed after 8 tries).
  Status MarkNotification(int64_t id, bool delivered, const std::string& error);
  // The latest notifications of a site (the delivery log), newest first.
  Result<std::vector<Notification>> RecentNotifications(const std::string& site, int limit) const;
  // Erases name, NIK, phone and address of bookings closed longer than the retention period;
  // statistics (service, slot, status) stay. Returns how many bookings were erased.
  Result<int> ErasePersonalData();

 private:
  // Books `request` (checked fields, normalized phone) inside a write: every booking rule
  // from the slot to the daily limits. During the day's draw window it enters the draw
  // instead when `drawn` is given (booking_ops.cpp).
  Result<Booking> BookLocked(Write& w, const Booking& request, const std::string& client, BookingRequest* drawn);
  // Draw helpers (draw_ops.cpp), inside a write.
  Status EnterDrawLocked(Write& w, const Booking& request, const std::string& client, UnixMs draw_at,
                         BookingRequest* drawn);
  Status MakeDrawLocked(Write& w, const std::string& day);
  Status EnqueueLocked(const Site& site, const std::string& kind, const Booking& booking,
                       const std::string& ticket_number);
};

}  // namespace antre
