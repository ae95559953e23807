// Number words, table-driven over the irregular cases and swept over 0..9999.
#include "voice/number_words.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using antre::AllNumberClips;
using antre::NumberClips;
using antre::NumberText;
using antre::VoiceLanguage;

namespace {

struct Case {
  int n;
  const char* text;
};

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

TEST_CASE("NumberText: Indonesian, with the irregular se-, belas, ratus and ribu forms") {
  const Case cases[] = {
      {0, "nol"},
      {1, "satu"},
      {9, "sembilan"},
      {10, "sepuluh"},
      {11, "sebelas"},
      {12, "dua belas"},
      {15, "lima belas"},
      {19, "sembilan belas"},
      {20, "dua puluh"},
      {21, "dua puluh satu"},
      {99, "sembilan puluh sembilan"},
      {100, "seratus"},
      {101, "seratus satu"},
      {110, "seratus sepuluh"},
      {111, "seratus sebelas"},
      {112, "seratus dua belas"},
      {150, "seratus lima puluh"},
      {199, "seratus sembilan puluh sembilan"},
      {200, "dua ratus"},
      {305, "tiga ratus lima"},
      {999, "sembilan ratus sembilan puluh sembilan"},
      {1000, "seribu"},
      {1001, "seribu satu"},
      {1011, "seribu sebelas"},
      {1100, "seribu seratus"},
      {1999, "seribu sembilan ratus sembilan puluh sembilan"},
      {2000, "dua ribu"},
      {2019, "dua ribu sembilan belas"},
      {7010, "tujuh ribu sepuluh"},
      {9999, "sembilan ribu sembilan ratus sembilan puluh sembilan"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.n);
    CHECK(NumberText(VoiceLanguage::kIndonesian, c.n) == c.text);
    CHECK(Join(NumberClips(VoiceLanguage::kIndonesian, c.n)) == c.text);
  }
}

TEST_CASE("NumberText: English, tens and units hyphenated in text but separate clips") {
  const Case cases[] = {
      {0, "zero"},
      {7, "seven"},
      {10, "ten"},
      {11, "eleven"},
      {12, "twelve"},
      {13, "thirteen"},
      {19, "nineteen"},
      {20, "twenty"},
      {42, "forty-two"},
      {100, "one hundred"},
      {101, "one hundred one"},
      {115, "one hundred fifteen"},
      {199, "one hundred ninety-nine"},
      {1000, "one thousand"},
      {1010, "one thousand ten"},
      {1999, "one thousand nine hundred ninety-nine"},
      {2000, "two thousand"},
      {9999, "nine thousand nine hundred ninety-nine"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.n);
    CHECK(NumberText(VoiceLanguage::kEnglish, c.n) == c.text);
  }
  CHECK(NumberClips(VoiceLanguage::kEnglish, 42) == std::vector<std::string>{"forty", "two"});
}

TEST_CASE("NumberClips: numbers beyond 9999 are read digit by digit") {
  CHECK(Join(NumberClips(VoiceLanguage::kIndonesian, 10203)) == "satu nol dua nol tiga");
  CHECK(Join(NumberClips(VoiceLanguage::kEnglish, 12345)) == "one two three four five");
}

TEST_CASE("NumberClips: every number 0..9999 uses only known clips, never two 'se-' forms") {
  for (VoiceLanguage language : {VoiceLanguage::kIndonesian, VoiceLanguage::kEnglish}) {
    auto all = AllNumberClips(language);
    std::set<std::string> known(all.begin(), all.end());
    CHECK(known.size() == all.size());
    std::set<std::string> used;
    std::set<std::string> texts;
    for (int n = 0; n <= 9999; ++n) {
      auto clips = NumberClips(language, n);
      REQUIRE(!clips.empty());
      for (const auto& clip : clips) {
        if (known.count(clip) == 0) FAIL_CHECK("n=" << n << " uses unknown clip " << clip);
        used.insert(clip);
      }
      texts.insert(NumberText(language, n));
      // "satu" never precedes a multiplier word: that is what se- is for.
      for (size_t i = 0; i + 1 < clips.size(); ++i) {
        if (clips[i] == "satu") {
          const std::string& next = clips[i + 1];
          bool is_multiplier =
              next == "belas" || next == "puluh" || next == "ratus" || next == "ribu";
          CHECK_MESSAGE(!is_multiplier, "n=" << n);
        }
      }
    }
    CHECK(texts.size() == 10000);  // every number reads differently
    CHECK(used == known);          // and every clip is needed
  }
}
