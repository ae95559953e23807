// JSON <-> domain types. Every wire shape of API v1 is written here and nowhere else.
#pragma once

#include <cjson/cJSON.h>

#include <string>
#include <vector>

#include "codec/json.h"
#include "core/config.h"
#include "core/result.h"
#include "core/views.h"

namespace antre {

// {"error":{"code":"...","message":"..."}}
std::string EncodeError(const std::string& code, const std::string& message);

// Public ticket: id, number, service, priority, status, issued_at, position, ewt_minutes,
// counter, counter_name, booking (the booking code, or null). No personal data. Times in the
// site's zone. Without `with_booking_code` (the public ticket page's answer) "booking" is only
// true or false: whoever holds a ticket link must not learn the code and then guess the NIK.
JsonPtr EncodeTicket(const TicketView& view, const TimeZone& tz, bool with_booking_code = true);

// {"id","prefix","name":{"id","en"},"open","waiting","ewt_minutes","print","delivery","open_now",
// "next_open","hours","daily_quota","remaining"}; next_open in the site's zone `tz`.
JsonPtr EncodeServiceStatus(const ServiceStatus& status, const TimeZone& tz);

// {"id","name","services":[...],"state","ticket":{...}|null}; officer only when staff_view.
JsonPtr EncodeCounterStatus(const CounterStatus& status, const TimeZone& tz, bool staff_view);

// Staff queue list: {"services":[...],"tickets":[...]}.
JsonPtr EncodeQueue(const QueueSnapshot& queue, const TimeZone& tz);

// A kiosk's status for supervisors.
JsonPtr EncodeDeviceStatus(const DeviceStatus& device, const TimeZone& tz);

// A booking as its owner sees it (code, service, slot, status, delivery flag); never the
// NIK, name, phone or address.
JsonPtr EncodeBooking(const Booking& booking, const TimeZone& tz);

// [{"start","end","capacity","remaining"}]
JsonPtr EncodeSlots(const std::vector<SlotAvailability>& slots, const TimeZone& tz);

// {"id":"12","text":{"id","en"},"starts_at","ends_at","state"}; the id is a string.
JsonPtr EncodeAnnouncement(const Announcement& a, const TimeZone& tz);

// The wall board snapshot.
JsonPtr EncodeBoard(const BoardSnapshot& board);

// Event payload for ticket events: number, service, priority, status, counter, counter_name, at.
std::string EncodeTicketEventData(const Ticket& ticket, const std::string& counter_name, UnixMs at,
                                  const TimeZone& tz);

// A site's booking section ({"days_ahead",...,"schedule":[...]}) as stored and edited.
// `services` are the site's service ids, to check references. InvalidInput names the field.
Status DecodeBookingConfig(const std::string& text, const std::vector<Service>& services, BookingSettings* settings,
                           std::vector<SlotRule>* rules);
// The inverse of DecodeBookingConfig (one schedule entry per service and weekday).
std::string EncodeBookingConfig(const BookingSettings& settings, const std::vector<SlotRule>& rules);

// Reads and checks a whole config file. InvalidInput names the first problem by its path,
// e.g. "sites[0].counters[2].services: unknown service 'kk2'".
Result<Config> DecodeConfig(const std::string& text);

// Every problem of a config file, each naming its path (the first one per service, counter,
// user, device or section); empty when the config is valid, and then `out` (if given) is set.
std::vector<Error> CheckConfig(const std::string& text, Config* out);

}  // namespace antre
