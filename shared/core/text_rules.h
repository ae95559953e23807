// Rules for free text that people type (names, addresses, reasons, comments, announcements):
// no control characters, no bidi overrides or isolates, valid UTF-8. A right-to-left override
// can make "ANA" read as another name on a screen, and a stray CR/LF or NUL can forge log
// lines or cut a string short in another system, so such text is refused, never repaired.
#pragma once

#include <string_view>

#include "result.h"

namespace antre {

// What is wrong with a text, the first problem found.
enum class TextProblem {
  kNone,
  kInvalidUtf8,       // not well-formed UTF-8 (overlong, surrogate, truncated, > U+10FFFF)
  kControlCharacter,  // U+0000-U+001F, U+007F-U+009F (line breaks only where allowed)
  kLineBreak,         // CR, LF, U+2028 or U+2029 in a single-line field
  kBidiControl,       // U+202A-U+202E (embeddings, overrides), U+2066-U+2069 (isolates)
};

// Whether line breaks (CR, LF, U+2028, U+2029) may appear in the field.
enum class LineBreaks { kRefused, kAllowed };

// The first problem of `text`, or kNone if it may be stored as it is. Pure; any length.
TextProblem FindTextProblem(std::string_view text, LineBreaks breaks = LineBreaks::kRefused);

// Checks the text of field `field` (as the caller's API names it, e.g. "delivery.street");
// InvalidInput with a message that names the field and the problem otherwise.
Status CheckText(std::string_view field, std::string_view text, LineBreaks breaks = LineBreaks::kRefused);

}  // namespace antre
