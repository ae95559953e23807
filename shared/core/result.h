// Error codes and a small result type used across the core's boundary.
#pragma once

#include <string>
#include <utility>

namespace antre {

// Named failure of a core or store operation; adapters map these to HTTP statuses.
enum class ErrorCode {
  kNone,
  kInvalidInput,    // malformed or out-of-range field
  kInvalidNik,      // a NIK that fails the Kemendagri rules
  kNotFound,        // unknown site, service, counter, ticket
  kConflict,        // the state does not allow the action (e.g. no current ticket)
  kServiceClosed,   // the service is not taking tickets
  kCounterPaused,   // a paused counter calls nothing
  kUnauthorized,    // no or bad credentials
  kForbidden,       // valid credentials, wrong role
  kStorageFailed,   // the database refused; nothing was changed
  kStorageFull,     // the disk or database is full; nothing was changed
  kUnavailable,     // the server is unreachable or failing (client side)
  kTooLarge,        // a request body over the limit
  kRateLimited,     // too many requests from one source
  kSlotFull,        // the booking slot has no place left
  kAlreadyBooked,   // this NIK already holds an active booking for the service
  kLimitReached,    // a per-phone or per-address daily booking limit
  kTooEarly,        // check-in before the window opens
  kTooLate,         // check-in after the window closed
  kAlreadyAnswered, // this ticket's survey has been answered already
  kQuotaReached,    // the service's daily walk-in quota is used up
  kNotYourCounter,  // the counter is open to another officer
  kNotReleased,     // the day's booking slots are not released yet
  kPowRequired,     // a web booking without the proof of work its site asks for
  kPowInvalid,      // a proof of work that is forged, for another site, too weak, wrong or used
  kPowExpired,      // a proof of work whose challenge has expired
};

// Stable wire name of an error code, e.g. "not_found".
const char* ErrorCodeName(ErrorCode code);

// A failure: a code plus a message a person can read.
struct Error {
  ErrorCode code = ErrorCode::kNone;
  std::string message;
};

// Either a value or an Error. Never throws; check ok() before value().
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(runtime/explicit)
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(runtime/explicit)

  bool ok() const { return error_.code == ErrorCode::kNone; }
  const T& value() const { return value_; }
  T& value() { return value_; }
  const Error& error() const { return error_; }

 private:
  T value_{};
  Error error_;
};

// Result of an operation that yields nothing but may fail.
struct Status {
  Error error;
  bool ok() const { return error.code == ErrorCode::kNone; }
  static Status Ok() { return {}; }
};

inline Error MakeError(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace antre
