// Composes the spoken call "Nomor antrean A dua belas, silakan menuju loket tiga" from clips.
#pragma once

#include <string>
#include <vector>

#include "voice/number_words.h"

namespace antre {

// Clip names are "<language>/<name>" ("id/nomor_antrean"); the audio sink plays
// <voice dir>/<language>/<name>.wav. The full list is in assets/voice/README.md.
extern const char kChimeClip[];          // "chime" (in each language folder)
extern const char kIdTicketClip[];       // "nomor_antrean"
extern const char kIdGoToCounterClip[];  // "silakan_menuju_loket"
extern const char kEnTicketClip[];       // "ticket"
extern const char kEnGoToCounterClip[];  // "please_go_to_counter"

// The clips that say a ticket number or counter label: letters one by one ("a"), digit runs
// as number words (012 -> "dua", "belas"); other characters are skipped.
std::vector<std::string> SayLabel(VoiceLanguage language, const std::string& label);

// A label as the clips say it, in text: letters upper case, numbers as words ("A013" ->
// "A tiga belas" / "A thirteen").
std::string SayLabelText(VoiceLanguage language, const std::string& label);

// The whole call, chime first (once), then the phrase in each language in turn:
// {"id/chime", "id/nomor_antrean", "id/a", "id/dua", "id/belas", "id/silakan_menuju_loket",
// "id/tiga"} for ("A012", "3") in Indonesian. An empty language list gives only the chime.
std::vector<std::string> ComposeCallClips(const std::vector<VoiceLanguage>& languages,
                                          const std::string& number, const std::string& counter);

// The phrase as text, for the log and captions: "Nomor antrean A dua belas, silakan menuju
// loket tiga" / "Ticket A twelve, please go to counter three".
std::string ComposeCallText(VoiceLanguage language, const std::string& number,
                            const std::string& counter);

// Every clip name (without the language folder) a call in this language may use: chime,
// phrase parts, letters a-z and number words.
std::vector<std::string> AllCallClips(VoiceLanguage language);

}  // namespace antre
