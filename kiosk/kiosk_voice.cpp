#include "kiosk/kiosk_voice.h"

#include <cctype>

#include "voice/call_phrase.h"

namespace antre::kiosk {

namespace {

// The office's standard services, which have a clip of their name.
const char* const kSpokenServices[] = {"rekam", "cetak", "kk", "akta", "ikd", "info"};

// Clips every screen can name, by target id.
struct Fixed {
  const char* id;
  const char* clip;
};
const Fixed kFixed[] = {
    {"back", "back"},           {"done", "done"},         {"ok", "back"},
    {"booking", "booking"},     {"backspace", "delete"},  {"delete", "delete"},
    {"clear", "clear_all"},     {"checkin", "checkin_now"}, {"retype", "change_code"},
    {"walkin", "walk_in"},      {"continue", "next"},     {"cancel", "cancel"},
    {"retry", "retry"},         {"speech", "repeat"},
};

}  // namespace

VoiceLanguage VoiceOf(ui::Lang lang) {
  return lang == ui::Lang::kId ? VoiceLanguage::kIndonesian : VoiceLanguage::kEnglish;
}

std::string KioskClip(ui::Lang lang, const std::string& name) {
  return std::string(VoiceLanguageCode(VoiceOf(lang))) + "/kiosk/" + name;
}

std::vector<std::string> SayLabelClips(ui::Lang lang, const std::string& label) {
  std::vector<std::string> out;
  const std::string dir = std::string(VoiceLanguageCode(VoiceOf(lang))) + "/";
  for (const std::string& clip : SayLabel(VoiceOf(lang), label)) out.push_back(dir + clip);
  return out;
}

std::vector<std::string> TicketAnnouncementClips(ui::Lang lang, const std::string& number) {
  std::vector<std::string> out = {KioskClip(lang, "your_number")};
  for (const std::string& clip : SayLabelClips(lang, number)) out.push_back(clip);
  out.push_back(KioskClip(lang, "wait_for_call"));
  return out;
}

std::string TicketAnnouncementText(ui::Lang lang, const std::string& number) {
  const std::string said = SayLabelText(VoiceOf(lang), number);
  return lang == ui::Lang::kId ? "Nomor antrean Anda " + said + ". Silakan tunggu panggilan di layar."
                               : "Your ticket number is " + said + ". Please wait for your call on the screen.";
}

std::vector<std::string> ServiceClips(ui::Lang lang, const std::string& service_id, int index) {
  for (const char* known : kSpokenServices) {
    if (service_id == known) return {KioskClip(lang, std::string("service_") + known)};
  }
  std::vector<std::string> out = {KioskClip(lang, "service")};
  const std::string dir = std::string(VoiceLanguageCode(VoiceOf(lang))) + "/";
  for (const std::string& w : NumberClips(VoiceOf(lang), index + 1)) out.push_back(dir + w);
  return out;
}

std::vector<std::string> CommonTargetClips(ui::Lang lang, const std::string& id) {
  for (const Fixed& f : kFixed) {
    if (id == f.id) return {KioskClip(lang, f.clip)};
  }
  // The language button names the other language, in that language's own voice.
  if (id == "lang") return {KioskClip(lang == ui::Lang::kId ? ui::Lang::kEn : ui::Lang::kId, "language")};
  if (id.rfind("group:", 0) == 0) return {KioskClip(lang, "group_" + id.substr(6))};
  // Keys of the code keyboard ("key:K"), the survey's prefixes ("prefix:A") and digits.
  for (const char* prefix : {"key:", "prefix:", "digit:"}) {
    const std::string p = prefix;
    if (id.rfind(p, 0) == 0) return SayLabelClips(lang, id.substr(p.size()));
  }
  return {};
}

std::vector<std::string> AllKioskPhrases() {
  std::vector<std::string> out = {"speech_on", "language", "home_title", "walk_in_title", "priority_title",
                                  "service", "please_wait", "your_number", "wait_for_call", "not_printed",
                                  "closed", "quota_full", "out_of_order", "code_title", "too_early",
                                  "too_late", "not_found", "not_usable", "survey_title", "question",
                                  "of_nine", "survey_thanks", "survey_not_found", "survey_not_served",
                                  "survey_answered", "survey_offline"};
  for (const Fixed& f : kFixed) out.push_back(f.clip);
  for (const char* s : kSpokenServices) out.push_back(std::string("service_") + s);
  for (const char* g : {"lansia", "disabilitas", "hamil"}) out.push_back(std::string("group_") + g);
  for (int q = 1; q <= 9; ++q) {
    out.push_back("survey_q" + std::to_string(q));
    for (int a = 1; a <= 4; ++a) out.push_back("survey_q" + std::to_string(q) + "_a" + std::to_string(a));
  }
  return out;
}

}  // namespace antre::kiosk
