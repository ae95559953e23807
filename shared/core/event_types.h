// The catalogue of event types: every kind of change the event log records and the event
// stream carries, named once. The server writes them, the kiosk, display, reports and tests
// read them; a new kind of event is added here first.
#pragma once

#include <string_view>

namespace antre::event {

// A ticket's life.
inline constexpr char kTicketIssued[] = "ticket.issued";
inline constexpr char kTicketCalled[] = "ticket.called";
inline constexpr char kTicketRecalled[] = "ticket.recalled";
inline constexpr char kTicketDone[] = "ticket.done";
inline constexpr char kTicketNoShow[] = "ticket.no_show";
inline constexpr char kTicketTransferred[] = "ticket.transferred";
inline constexpr char kTicketExpired[] = "ticket.expired";
inline constexpr char kTicketCancelled[] = "ticket.cancelled";
inline constexpr char kTicketReopened[] = "ticket.reopened";  // an ending undone: served again
inline constexpr char kTicketReturned[] = "ticket.returned";  // back to waiting, its place kept
// Counters, services and the site's model.
inline constexpr char kCounterPaused[] = "counter.paused";
inline constexpr char kCounterResumed[] = "counter.resumed";
inline constexpr char kServiceQuotaReached[] = "service.quota_reached";
inline constexpr char kSiteChanged[] = "site.changed";
// OPAK MANIS bookings, printing and blank-card stock.
inline constexpr char kBookingCreated[] = "booking.created";
inline constexpr char kBookingCancelled[] = "booking.cancelled";
inline constexpr char kBookingCheckedIn[] = "booking.checked_in";
inline constexpr char kBookingNoShow[] = "booking.no_show";
inline constexpr char kBookingRescheduled[] = "booking.rescheduled";
inline constexpr char kPrintBacklog[] = "print.backlog";
inline constexpr char kPrintPrinted[] = "print.printed";
inline constexpr char kStockChanged[] = "stock.changed";
// Devices, announcements and the satisfaction survey.
inline constexpr char kDeviceStatus[] = "device.status";
inline constexpr char kAnnouncementPublished[] = "announcement.published";
inline constexpr char kAnnouncementRemoved[] = "announcement.removed";
inline constexpr char kSurveyAnswered[] = "survey.answered";

// Every type above, in this order.
inline constexpr const char* kAll[] = {
    kTicketIssued,    kTicketCalled,       kTicketRecalled,      kTicketDone,         kTicketNoShow,
    kTicketTransferred, kTicketExpired,    kTicketCancelled,     kCounterPaused,      kCounterResumed,
    kServiceQuotaReached, kSiteChanged,    kBookingCreated,      kBookingCancelled,   kBookingCheckedIn,
    kBookingNoShow,   kBookingRescheduled, kPrintBacklog,        kPrintPrinted,       kStockChanged,
    kDeviceStatus,    kAnnouncementPublished, kAnnouncementRemoved, kSurveyAnswered,
    kTicketReopened,  kTicketReturned,
};

// True if `type` is in the catalogue.
constexpr bool IsKnown(std::string_view type) {
  for (const char* t : kAll) {
    if (type == t) return true;
  }
  return false;
}

}  // namespace antre::event
