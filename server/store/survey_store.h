// The public satisfaction survey, SKM (survey_ops.cpp). Contract: one response per served
// ticket; the survey.answered event carries neither the ticket nor the answers, and the
// totals and responses never name a ticket, a time or a resident.
#pragma once

#include "store_core.h"

namespace antre {

class SurveyStore : protected virtual StoreCore {
 public:
  // --- public satisfaction survey, SKM (survey_ops.cpp)
  // Stores one resident's answers for a served ticket, with a survey.answered event (no
  // ticket, no answers in it). InvalidInput for bad answers, NotFound for an unknown ticket,
  // Conflict unless the ticket is done, AlreadyAnswered for a second response.
  Status SubmitSurvey(const std::string& ticket_id, const SurveyAnswers& answers);
  // Where a ticket's survey stands: "not_served", "open" or "answered". NotFound if unknown.
  Result<std::string> SurveyState(const std::string& ticket_id) const;
  // Answer totals per service of the site's responses for tickets served from..to (local
  // dates, inclusive), in the site's service order; `service` "" means all. NotFound for an
  // unknown site or service.
  Result<std::vector<SurveyTotals>> SurveyTotalsBetween(const std::string& site, const LocalDate& from,
                                                        const LocalDate& to, const std::string& service) const;
  // The responses themselves, by day and service, without ticket, time or comment.
  Result<std::vector<SurveyResponse>> SurveyResponsesBetween(const std::string& site, const LocalDate& from,
                                                             const LocalDate& to, const std::string& service) const;
  // The same for a kiosk at the site, by today's ticket number ("A007"); NotFound if no
  // ticket has that number today.
  Status SubmitSurveyForNumber(const std::string& site, const std::string& number, const SurveyAnswers& answers);
  Result<std::string> SurveyStateForNumber(const std::string& site, const std::string& number) const;
  // The newest comments (day, service, text) of the period, at most `limit`.
  Result<std::vector<SurveyComment>> SurveyCommentsBetween(const std::string& site, const LocalDate& from,
                                                           const LocalDate& to, const std::string& service,
                                                           int limit) const;

 private:
  // Survey helpers (survey_ops.cpp), mu_ held.
  Status SubmitSurveyLocked(Write& w, const std::string& ticket_id, const SurveyAnswers& answers);
  Result<std::string> SurveyStateLocked(const std::string& ticket_id) const;
  Result<std::string> TodaysTicketIdLocked(const std::string& site, const std::string& number) const;
};

}  // namespace antre
