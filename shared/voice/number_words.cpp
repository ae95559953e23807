#include "voice/number_words.h"

namespace antre {

namespace {

const char* const kIdUnits[] = {"nol",  "satu", "dua",   "tiga",    "empat",
                                "lima", "enam", "tujuh", "delapan", "sembilan"};

const char* const kEnSmall[] = {"zero",    "one",     "two",       "three",    "four",
                                "five",    "six",     "seven",     "eight",    "nine",
                                "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
const char* const kEnTens[] = {"",      "",      "twenty",  "thirty", "forty",
                               "fifty", "sixty", "seventy", "eighty", "ninety"};

constexpr int kMaxSpoken = 9999;

// Indonesian: "se-" replaces "satu" before puluh/belas/ratus/ribu (sepuluh, sebelas, seratus,
// seribu); other multipliers stay separate words (dua belas, tiga ratus, empat ribu).
void AppendId(int n, std::vector<std::string>* out) {
  if (n >= 1000) {
    int k = n / 1000;
    if (k == 1) {
      out->push_back("seribu");
    } else {
      out->push_back(kIdUnits[k]);
      out->push_back("ribu");
    }
    n %= 1000;
    if (n == 0) return;
  }
  if (n >= 100) {
    int h = n / 100;
    if (h == 1) {
      out->push_back("seratus");
    } else {
      out->push_back(kIdUnits[h]);
      out->push_back("ratus");
    }
    n %= 100;
    if (n == 0) return;
  }
  if (n >= 20) {
    out->push_back(kIdUnits[n / 10]);
    out->push_back("puluh");
    if (n % 10 != 0) out->push_back(kIdUnits[n % 10]);
  } else if (n == 10) {
    out->push_back("sepuluh");
  } else if (n == 11) {
    out->push_back("sebelas");
  } else if (n >= 12) {
    out->push_back(kIdUnits[n - 10]);
    out->push_back("belas");
  } else if (n > 0) {
    out->push_back(kIdUnits[n]);
  }
}

// English without "and" (American usage, the way counters are usually read out).
void AppendEn(int n, std::vector<std::string>* out) {
  if (n >= 1000) {
    out->push_back(kEnSmall[n / 1000]);
    out->push_back("thousand");
    n %= 1000;
    if (n == 0) return;
  }
  if (n >= 100) {
    out->push_back(kEnSmall[n / 100]);
    out->push_back("hundred");
    n %= 100;
    if (n == 0) return;
  }
  if (n >= 20) {
    out->push_back(kEnTens[n / 10]);
    if (n % 10 != 0) out->push_back(kEnSmall[n % 10]);
  } else if (n > 0) {
    out->push_back(kEnSmall[n]);
  }
}

bool IsEnTens(const std::string& word) {
  for (int i = 2; i < 10; ++i) {
    if (word == kEnTens[i]) return true;
  }
  return false;
}

}  // namespace

const char* VoiceLanguageCode(VoiceLanguage language) {
  return language == VoiceLanguage::kIndonesian ? "id" : "en";
}

std::vector<std::string> NumberClips(VoiceLanguage language, int n) {
  std::vector<std::string> out;
  if (n < 0 || n > kMaxSpoken) {
    std::string digits = std::to_string(n < 0 ? -static_cast<long long>(n) : n);
    for (char c : digits) {
      auto one = NumberClips(language, c - '0');
      out.insert(out.end(), one.begin(), one.end());
    }
    return out;
  }
  if (n == 0) {
    out.push_back(language == VoiceLanguage::kIndonesian ? "nol" : "zero");
    return out;
  }
  if (language == VoiceLanguage::kIndonesian) {
    AppendId(n, &out);
  } else {
    AppendEn(n, &out);
  }
  return out;
}

std::string NumberText(VoiceLanguage language, int n) {
  std::vector<std::string> words = NumberClips(language, n);
  std::string text;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      bool hyphen = language == VoiceLanguage::kEnglish && IsEnTens(words[i - 1]) && n >= 0 &&
                    n <= kMaxSpoken;
      text += hyphen ? "-" : " ";
    }
    text += words[i];
  }
  return text;
}

std::vector<std::string> AllNumberClips(VoiceLanguage language) {
  std::vector<std::string> out;
  if (language == VoiceLanguage::kIndonesian) {
    for (const char* w : kIdUnits) out.push_back(w);
    for (const char* w :
         {"sepuluh", "sebelas", "belas", "puluh", "seratus", "ratus", "seribu", "ribu"}) {
      out.push_back(w);
    }
  } else {
    for (const char* w : kEnSmall) out.push_back(w);
    for (int i = 2; i < 10; ++i) out.push_back(kEnTens[i]);
    out.push_back("hundred");
    out.push_back("thousand");
  }
  return out;
}

}  // namespace antre
