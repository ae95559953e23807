#include "voice/call_phrase.h"

#include <cctype>

namespace antre {

const char kChimeClip[] = "chime";
const char kIdTicketClip[] = "nomor_antrean";
const char kIdGoToCounterClip[] = "silakan_menuju_loket";
const char kEnTicketClip[] = "ticket";
const char kEnGoToCounterClip[] = "please_go_to_counter";

namespace {

// Splits a label into runs: single letters (lower case) and whole digit runs.
std::vector<std::string> Tokens(const std::string& label) {
  std::vector<std::string> out;
  std::string digits;
  auto flush = [&] {
    if (!digits.empty()) out.push_back(digits);
    digits.clear();
  };
  for (char c : label) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isdigit(u)) {
      digits += c;
    } else {
      flush();
      if (std::isalpha(u)) out.push_back(std::string(1, static_cast<char>(std::tolower(u))));
    }
  }
  flush();
  return out;
}

bool IsDigits(const std::string& token) {
  return !token.empty() && std::isdigit(static_cast<unsigned char>(token[0]));
}

// A digit run as a number; runs too long to be a sensible number are read digit by digit.
std::vector<std::string> SayDigits(VoiceLanguage language, const std::string& digits) {
  std::vector<std::string> out;
  size_t start = digits.find_first_not_of('0');
  if (start == std::string::npos) return NumberClips(language, 0);
  if (digits.size() - start > 4) {
    for (char c : digits) {
      auto one = NumberClips(language, c - '0');
      out.insert(out.end(), one.begin(), one.end());
    }
    return out;
  }
  return NumberClips(language, std::stoi(digits.substr(start)));
}

std::string Upper(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string SayLabelText(VoiceLanguage language, const std::string& label) {
  std::string text;
  for (const std::string& token : Tokens(label)) {
    if (!text.empty()) text += ' ';
    if (IsDigits(token)) {
      size_t start = token.find_first_not_of('0');
      if (start == std::string::npos || token.size() - start <= 4) {
        text +=
            NumberText(language, start == std::string::npos ? 0 : std::stoi(token.substr(start)));
      } else {
        std::string words;
        for (const std::string& w : SayDigits(language, token))
          words += (words.empty() ? "" : " ") + w;
        text += words;
      }
    } else {
      text += Upper(token);
    }
  }
  return text;
}

std::vector<std::string> SayLabel(VoiceLanguage language, const std::string& label) {
  std::vector<std::string> out;
  for (const std::string& token : Tokens(label)) {
    if (IsDigits(token)) {
      auto words = SayDigits(language, token);
      out.insert(out.end(), words.begin(), words.end());
    } else {
      out.push_back(token);
    }
  }
  return out;
}

std::vector<std::string> ComposeCallClips(const std::vector<VoiceLanguage>& languages,
                                          const std::string& number, const std::string& counter) {
  std::vector<std::string> out;
  const char* first = languages.empty() ? "id" : VoiceLanguageCode(languages.front());
  out.push_back(std::string(first) + "/" + kChimeClip);
  for (VoiceLanguage language : languages) {
    const std::string dir = std::string(VoiceLanguageCode(language)) + "/";
    bool id = language == VoiceLanguage::kIndonesian;
    out.push_back(dir + (id ? kIdTicketClip : kEnTicketClip));
    for (const std::string& clip : SayLabel(language, number)) out.push_back(dir + clip);
    out.push_back(dir + (id ? kIdGoToCounterClip : kEnGoToCounterClip));
    for (const std::string& clip : SayLabel(language, counter)) out.push_back(dir + clip);
  }
  return out;
}

std::string ComposeCallText(VoiceLanguage language, const std::string& number,
                            const std::string& counter) {
  if (language == VoiceLanguage::kIndonesian) {
    return "Nomor antrean " + SayLabelText(language, number) + ", silakan menuju loket " +
           SayLabelText(language, counter);
  }
  return "Ticket " + SayLabelText(language, number) + ", please go to counter " +
         SayLabelText(language, counter);
}

std::vector<std::string> AllCallClips(VoiceLanguage language) {
  std::vector<std::string> out = {kChimeClip};
  if (language == VoiceLanguage::kIndonesian) {
    out.push_back(kIdTicketClip);
    out.push_back(kIdGoToCounterClip);
  } else {
    out.push_back(kEnTicketClip);
    out.push_back(kEnGoToCounterClip);
  }
  for (char c = 'a'; c <= 'z'; ++c) out.push_back(std::string(1, c));
  for (const std::string& w : AllNumberClips(language)) out.push_back(w);
  return out;
}

}  // namespace antre
