// What the kiosks say, as clip lists for the AudioSink: the kiosk's own phrases live in
// assets/voice/<lang>/kiosk/ (texts in assets/voice/kiosk_phrases.tsv); numbers and letters
// reuse the display's clips (shared/voice). Pure: no SDL, no files.
#pragma once

#include <string>
#include <vector>

#include "core/model.h"
#include "ui/date_format.h"
#include "voice/number_words.h"

namespace antre::kiosk {

// The voice language of a screen language.
VoiceLanguage VoiceOf(ui::Lang lang);

// One kiosk phrase: "id/kiosk/home_title" for (kId, "home_title").
std::string KioskClip(ui::Lang lang, const std::string& name);

// A ticket number or code said letter by letter and numbers as words: "A013" ->
// {"id/a", "id/tiga", "id/belas"}.
std::vector<std::string> SayLabelClips(ui::Lang lang, const std::string& label);

// Said after every ticket the kiosk issues: "Nomor antrean Anda A dua belas. Silakan tunggu
// panggilan di layar." / "Your ticket number is A twelve. Please wait for your call on the
// screen."
std::vector<std::string> TicketAnnouncementClips(ui::Lang lang, const std::string& number);
// The same announcement as text (the log, and what the clips mean).
std::string TicketAnnouncementText(ui::Lang lang, const std::string& number);

// The label of a service button: its own clip for the office's standard services, else
// "Layanan" and its place in the list ("Layanan tujuh") so no button is ever silent.
std::vector<std::string> ServiceClips(ui::Lang lang, const std::string& service_id, int index);

// The label of a button that both kiosks draw the same way (lang, back, done, the speaker
// button, keys and digits, priority groups, booking...), or {} for an id it does not know.
std::vector<std::string> CommonTargetClips(ui::Lang lang, const std::string& target_id);

// Every kiosk phrase name (without "<lang>/kiosk/") any screen can say, for the generator
// check and the clip-coverage test.
std::vector<std::string> AllKioskPhrases();

}  // namespace antre::kiosk
