// The message catalogue: error messages in the language the resident or officer asked for.
// The server and core write their messages in English (the log's language); this turns one
// into Indonesian by its code and, where a code has several reasons, by the English message's
// shape. Pure: no I/O, no locale.
#pragma once

#include <string>

#include "result.h"

namespace antre {

// The languages the API answers in. Indonesian is the office's language and the default.
enum class Language { kIndonesian, kEnglish };

// The wire tag: "id" or "en".
const char* LanguageTag(Language lang);

// The language an Accept-Language header asks for: the supported tag ("id", also "in" and
// "id-ID"; "en", "en-US", ...) with the highest q-value, earlier on a tie; q=0 refuses a tag.
// Indonesian when the header is empty, malformed, "*" or names nothing supported.
Language PickLanguage(const std::string& accept_language);

// The message for an error with `code` and English `message` in `lang`. English returns the
// message unchanged. Indonesian returns the catalogue's sentence for the message's reason
// (its parameters, such as a ticket number, carried over), or the code's general sentence
// when the reason is not in the catalogue. Never empty.
std::string LocalizedMessage(ErrorCode code, const std::string& message, Language lang);

// The same by the code's wire name ("not_found"); names outside ErrorCode (from the HTTP
// layer: "method_not_allowed", "internal", ...) have their own general sentences.
// *is_general (if given) tells whether the general sentence stood in for an unknown reason.
std::string LocalizedMessage(const std::string& code_name, const std::string& message,
                             Language lang, bool* is_general = nullptr);

}  // namespace antre
