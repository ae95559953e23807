// Number words for the spoken call, as voice clip names and as text, in Indonesian and English.
#pragma once

#include <string>
#include <vector>

namespace antre {

// A language the display can speak.
enum class VoiceLanguage { kIndonesian, kEnglish };

// Folder / wire name of a language: "id" or "en".
const char* VoiceLanguageCode(VoiceLanguage language);

// The clip names that say n (0..9999), one word per clip: 12 -> {"dua", "belas"} in
// Indonesian, {"twelve"} in English; 21 -> {"twenty", "one"}. Out-of-range n gives the
// digits one by one ("1", "2", "3", "4", "5" -> "satu", "dua", ...).
std::vector<std::string> NumberClips(VoiceLanguage language, int n);

// The same words as text: "dua belas", "seribu sembilan ratus sembilan puluh sembilan",
// "nine thousand nine hundred ninety-nine" (English joins tens and units with a hyphen).
std::string NumberText(VoiceLanguage language, int n);

// Every clip name NumberClips can return for a language, each once (for the clip generator
// and the check that all clips exist).
std::vector<std::string> AllNumberClips(VoiceLanguage language);

}  // namespace antre
