// JSON -> domain views, for programs that read the API (kiosk, display). The shapes are the
// ones domain_json.h writes; each decoder is the inverse of its encoder.
#pragma once

#include <cjson/cJSON.h>

#include <string>
#include <vector>

#include "core/result.h"
#include "core/views.h"

namespace antre {

// Reads a public ticket (EncodeTicket's shape). Fields the wire does not carry (site, day,
// order_at) stay empty. InvalidInput naming the field on a missing or wrong-typed field.
Result<TicketView> DecodeTicket(const cJSON* node);
Result<TicketView> DecodeTicket(const std::string& json);

// Reads one service status (EncodeServiceStatus's shape); InvalidInput on a bad field.
Result<ServiceStatus> DecodeServiceStatus(const cJSON* node);

// Reads a JSON array of service statuses; InvalidInput naming the index of a bad element.
Result<std::vector<ServiceStatus>> DecodeServiceStatuses(const std::string& json);

// Reads a counter status (EncodeCounterStatus's shape); InvalidInput on a bad field.
Result<CounterStatus> DecodeCounterStatus(const cJSON* node);

// Reads the wall board snapshot (EncodeBoard's shape); InvalidInput naming the bad part.
Result<BoardSnapshot> DecodeBoard(const std::string& json);

// Looks up an error code by its wire name ("not_found"); false for names it does not know.
bool ParseErrorCode(const std::string& name, ErrorCode* out);

// Reads {"error":{"code","message"}}. A body that is not that shape, or names a code this
// program does not know, gives `fallback` with a message saying what was received.
Error DecodeApiError(const std::string& json, ErrorCode fallback);

}  // namespace antre
