#include "result.h"

namespace antre {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kNone: return "none";
    case ErrorCode::kInvalidInput: return "invalid_input";
    case ErrorCode::kInvalidNik: return "invalid_nik";
    case ErrorCode::kNotFound: return "not_found";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kServiceClosed: return "service_closed";
    case ErrorCode::kCounterPaused: return "counter_paused";
    case ErrorCode::kUnauthorized: return "unauthorized";
    case ErrorCode::kForbidden: return "forbidden";
    case ErrorCode::kStorageFailed: return "storage_failed";
    case ErrorCode::kStorageFull: return "storage_full";
    case ErrorCode::kUnavailable: return "unavailable";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kRateLimited: return "rate_limited";
    case ErrorCode::kSlotFull: return "slot_full";
    case ErrorCode::kAlreadyBooked: return "already_booked";
    case ErrorCode::kLimitReached: return "limit_reached";
    case ErrorCode::kTooEarly: return "too_early";
    case ErrorCode::kTooLate: return "too_late";
    case ErrorCode::kAlreadyAnswered: return "already_answered";
    case ErrorCode::kQuotaReached: return "quota_reached";
    case ErrorCode::kNotYourCounter: return "not_your_counter";
    case ErrorCode::kNotReleased: return "not_released";
    case ErrorCode::kPowRequired: return "pow_required";
    case ErrorCode::kPowInvalid: return "pow_invalid";
    case ErrorCode::kPowExpired: return "pow_expired";
  }
  return "unknown";
}

}  // namespace antre
