#include <doctest/doctest.h>

#include <string>

#include "core/text_rules.h"

using namespace antre;

TEST_CASE("TextRules: names, addresses and reasons people really type are accepted") {
  const std::string valid[] = {
      "",
      "Siti Aminah",
      "Jl. Ki Mas Jong No. 12, RT 03/RW 05",
      "Ahmad bin Abdullah (ayah kandung)",
      "Rizqi N. Fauzi-Ramadhan",
      "Kelurahan Cipocok Jaya",
      "René Müller",                         // Latin with diacritics (2-byte UTF-8)
      "\xE5\xBC\xA0\xE4\xBC\x9F",             // 张伟, 3-byte UTF-8
      "\xD8\xB9\xD9\x84\xD9\x8A",             // علي: Arabic letters are fine, only controls are not
      "Terima kasih \xF0\x9F\x99\x8F",        // emoji, 4-byte UTF-8
      "\xEF\xBF\xBD",                         // U+FFFD itself
      "\xE2\x80\x8E",                         // U+200E left-to-right mark: a mark, not an override
  };
  for (const std::string& text : valid) {
    CAPTURE(text);
    CHECK(FindTextProblem(text) == TextProblem::kNone);
    CHECK(CheckText("name", text).ok());
  }
}

TEST_CASE("TextRules: controls, bidi overrides and broken UTF-8 are refused") {
  struct Case {
    std::string text;
    TextProblem problem;
  };
  const Case invalid[] = {
      {std::string("admin\0x", 7), TextProblem::kControlCharacter},
      {"ding\x07", TextProblem::kControlCharacter},        // BEL
      {"a\tb", TextProblem::kControlCharacter},            // tab is a control too
      {"esc\x1B[31m", TextProblem::kControlCharacter},     // terminal escape
      {"del\x7F", TextProblem::kControlCharacter},
      {"c1 \xC2\x85", TextProblem::kControlCharacter},     // U+0085 NEL
      {"c1 \xC2\x9B", TextProblem::kControlCharacter},     // U+009B CSI
      {"Siti\r\nAminah", TextProblem::kLineBreak},
      {"Siti\nAminah", TextProblem::kLineBreak},
      {"line\xE2\x80\xA8sep", TextProblem::kLineBreak},   // U+2028
      {"para\xE2\x80\xA9sep", TextProblem::kLineBreak},   // U+2029
      {"ANA \xE2\x80\xAE" "gnp.exe", TextProblem::kBidiControl},  // U+202E right-to-left override
      {"\xE2\x80\xAA", TextProblem::kBidiControl},         // U+202A
      {"\xE2\x80\xAD", TextProblem::kBidiControl},         // U+202D
      {"\xE2\x81\xA6x\xE2\x81\xA9", TextProblem::kBidiControl},  // U+2066 ... U+2069
      {"\xE2\x81\xA8", TextProblem::kBidiControl},         // U+2068
      {"\xFF", TextProblem::kInvalidUtf8},
      {"\x80", TextProblem::kInvalidUtf8},                 // a lone continuation byte
      {"\xC0\xAF", TextProblem::kInvalidUtf8},             // overlong '/'
      {"\xC1\xBF", TextProblem::kInvalidUtf8},             // overlong
      {"\xE0\x80\xAF", TextProblem::kInvalidUtf8},         // overlong, 3 bytes
      {"\xF0\x80\x80\xAF", TextProblem::kInvalidUtf8},     // overlong, 4 bytes
      {"\xED\xA0\x80", TextProblem::kInvalidUtf8},         // surrogate U+D800
      {"\xF4\x90\x80\x80", TextProblem::kInvalidUtf8},     // U+110000
      {"\xF5\x80\x80\x80", TextProblem::kInvalidUtf8},
      {"Siti \xC3", TextProblem::kInvalidUtf8},            // truncated at the end
      {"\xE2\x80", TextProblem::kInvalidUtf8},
      {"\xC3(", TextProblem::kInvalidUtf8},               // a lead byte without its continuation
  };
  for (const Case& c : invalid) {
    CAPTURE(c.text);
    CHECK(FindTextProblem(c.text) == c.problem);
    Status st = CheckText("name", c.text);
    CHECK(st.error.code == ErrorCode::kInvalidInput);
    CHECK(st.error.message.rfind("name ", 0) == 0);  // the message names the field first
  }
}

TEST_CASE("TextRules: line breaks pass only where the field allows them") {
  const std::string text = "Antrean lancar.\r\nPetugas ramah.\nTerima kasih\xE2\x80\xA8!";
  CHECK(FindTextProblem(text, LineBreaks::kRefused) == TextProblem::kLineBreak);
  CHECK(FindTextProblem(text, LineBreaks::kAllowed) == TextProblem::kNone);
  // Other controls stay refused in a multi-line field.
  CHECK(FindTextProblem("a\nb\x07", LineBreaks::kAllowed) == TextProblem::kControlCharacter);
  CHECK(FindTextProblem("a\n\xE2\x80\xAE", LineBreaks::kAllowed) == TextProblem::kBidiControl);
}

TEST_CASE("TextRules: the message names the field and the character") {
  CHECK(CheckText("delivery.street", "Jl.\x07").error.message ==
        "delivery.street must not contain control characters (found U+0007)");
  CHECK(CheckText("name", "\xE2\x80\xAE").error.message ==
        "name must not contain text-direction controls (found U+202E)");
  CHECK(CheckText("reason", "a\nb").error.message == "reason must be a single line (found a line break, U+000A)");
  CHECK(CheckText("comment", "\xFF").error.message == "comment must be valid UTF-8 text");
}
