// Helpers every API handler shares: request parsing, authorization, and the one mapping
// from core errors to HTTP statuses.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api.h"
#include "codec/json.h"
#include "http/message.h"

namespace antre {

// Path parameters by name (":site" in a pattern becomes p.at("site")).
using Params = std::map<std::string, std::string>;
// A route handler; `who` is the authorized caller (empty for public routes).
using Handler =
    std::function<void(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&)>;
// Delivers an answer, to be built where the receiver chooses; callable once, from any thread
// (the transport's Reply).
using ReplyFn = std::function<void(Answer)>;
// An answer already built.
inline Answer Ready(HttpResponse res) {
  return [res = std::move(res)]() mutable { return std::move(res); };
}
// A handler that does not block: it answers through `reply`, maybe later from the thread
// that committed its write (a kiosk's ticket). The transport may run it on its io thread.
using AsyncHandler =
    std::function<void(ApiContext&, const HttpRequest&, const Principal&, const Params&, ReplyFn)>;

// Roles of office staff (everyone but kiosks).
extern const std::vector<Role> kStaff;
// Every person with an account: staff and kelurahan operators (who may only book for residents).
extern const std::vector<Role> kSignedIn;
// Supervisors and admins.
extern const std::vector<Role> kSupervisors;
// Admins only.
extern const std::vector<Role> kAdmins;

// The HTTP status for a core error code.
int StatusFor(ErrorCode code);
// Sends a JSON body with `status` and no caching.
void SendJson(HttpResponse& res, int status, const std::string& body);
void SendJson(HttpResponse& res, int status, const JsonPtr& body);
// Sends {"error":{...}} with the status StatusFor gives; storage details go to the log only.
void SendError(HttpResponse& res, const Error& e);
// Rewrites the message of an error reply ({"error":{"code","message",...}}) in the language
// the request's Accept-Language asks for (Indonesian by default); the code and any other
// field stay. Dispatch calls it once for every reply, so no handler has to.
void LocalizeError(const HttpRequest& req, HttpResponse& res);
// Parses the body as a JSON object (an empty body is {}); InvalidInput otherwise.
Result<std::shared_ptr<cJSON>> ParseBody(const HttpRequest& req);
// The Idempotency-Key header within `scope`; InvalidInput if over 128 characters.
Result<IdempotencyKey> IdemKey(const HttpRequest& req, const std::string& scope);
// The bearer token of the request, or "".
std::string BearerToken(const HttpRequest& req);
// The client's address: the connection's, or the last X-Forwarded-For hop when the
// connection comes from one of limits.trusted_proxies (whose header alone is believed).
std::string ClientAddress(const ApiContext& ctx, const HttpRequest& req);

// A site's time zone, to write an answer's times in; UTC for an unknown site.
TimeZone ZoneOf(const ApiContext& ctx, const std::string& site);

// Resolves the bearer token; Unauthorized if missing/invalid, Forbidden if the role is not in `roles`.
Result<Principal> Authorize(ApiContext& ctx, const HttpRequest& req, const std::vector<Role>& roles);
// Authorize from tokens resolved in the last moments only, never waiting for the store: false
// if the token is not among them (then call Authorize), else its answer in *out.
bool AuthorizeCached(ApiContext& ctx, const HttpRequest& req, const std::vector<Role>& roles,
                     Result<Principal>* out);

// Supervisor and admin handlers (api_staff.cpp).
void AuthMe(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void GetQueue(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void MoveTicket(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void CancelTicket(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void RequeueTicket(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void ReportKioskStatus(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void ReportDisplayStatus(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void ListDevices(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void ListUsers(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void CreateUser(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void UpdateUser(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void UpdateCounter(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void UpdateService(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void ListAnnouncements(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void CreateAnnouncement(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void RemoveAnnouncement(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void GetBookingConfig(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void PutBookingConfig(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
// Adds "work_sites": [{"id","name"}] — the sites `who` may work, in the server's order —
// so staff pages offer only those (api_staff.cpp).
void AddWorkSites(ApiContext& ctx, cJSON* o, const Principal& who);
// Sites, services and counters created online (api_sites.cpp).
void ListSites(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
// Public: the open sites offering a service, each with its address, coordinates and the first
// day with a place left to book (null when none in the booking window). 404 if none offers it.
void ListServiceSites(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void CreateSite(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void UpdateSite(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void CreateService(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void CreateCounter(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
// Audit view (api_audit.cpp): ?user=&from=&to=&limit=&before=, newest first.
void ListAudit(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
// GET /api/v1/sites/:site/reports/booking-sources?from=&to=&top= (api_report.cpp): web
// bookings per client address and phone prefix; the read is audited.
void GetBookingSources(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);

// Online booking handlers (api_booking.cpp).
void ListSlots(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void CreateBooking(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void GetBooking(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
// GET /api/v1/booking-requests/:id?nik=: a request entered in a release draw.
void GetBookingRequest(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void CancelBooking(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void RescheduleBooking(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void CheckInBooking(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void RecoverBooking(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);

// Proof of work on web bookings (api_pow.cpp): a fresh challenge for the site, and the check
// CreateBooking runs on a web booking's "pow" field (Ok when the site asks for none).
void GetBookingChallenge(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
Status RedeemBookingPow(ApiContext& ctx, const cJSON* body, const Site& site);

// Printing, stock, backlog and delivery handlers (api_print.cpp).
void GetStock(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void PostStock(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
// Blank cards moved to another site (a supervisor of both sites, or an admin), and the
// site's transfers in and out (api_print.cpp).
void PostStockTransfer(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void GetStockTransfers(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void GetBacklog(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void PrintBacklog(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void ListDeliveries(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void ActOnDelivery(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void ListNotifications(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void TicketBooking(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);

// Public satisfaction survey and index handlers (api_survey.cpp).
void GetTicketSurvey(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void PostTicketSurvey(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void GetKioskSurvey(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void PostKioskSurvey(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void GetIkm(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
// Reports (api_report.cpp).
void GetReport(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
// City view (api_city.cpp): the live figures and the period report of every site the caller may see.
void GetCitySummary(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);
void GetCityReport(ApiContext&, const HttpRequest&, HttpResponse&, const Principal&, const Params&);

}  // namespace antre
