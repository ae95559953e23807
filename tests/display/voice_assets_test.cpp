// The committed voice clips: every clip a call can use exists as 16-bit mono 22050 Hz WAV.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>

#include "voice/call_phrase.h"

using namespace antre;

namespace {

struct WavInfo {
  bool ok = false;
  int format = 0, channels = 0, rate = 0, bits = 0;
  uint32_t data_bytes = 0;
};

uint32_t Le32(const char* p) {
  return static_cast<uint8_t>(p[0]) | static_cast<uint8_t>(p[1]) << 8 |
         static_cast<uint8_t>(p[2]) << 16 | static_cast<uint32_t>(static_cast<uint8_t>(p[3])) << 24;
}
int Le16(const char* p) { return static_cast<uint8_t>(p[0]) | static_cast<uint8_t>(p[1]) << 8; }

// Reads the RIFF chunks far enough to find "fmt " and "data".
WavInfo ReadWav(const std::string& path) {
  WavInfo info;
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 12 || bytes.compare(0, 4, "RIFF") != 0 || bytes.compare(8, 4, "WAVE") != 0)
    return info;
  size_t pos = 12;
  bool has_fmt = false;
  while (pos + 8 <= bytes.size()) {
    std::string id = bytes.substr(pos, 4);
    uint32_t size = Le32(&bytes[pos + 4]);
    if (id == "fmt " && pos + 8 + 16 <= bytes.size()) {
      const char* f = &bytes[pos + 8];
      info.format = Le16(f);
      info.channels = Le16(f + 2);
      info.rate = static_cast<int>(Le32(f + 4));
      info.bits = Le16(f + 14);
      has_fmt = true;
    } else if (id == "data") {
      info.data_bytes = size;
      info.ok = has_fmt && pos + 8 + size <= bytes.size();
      return info;
    }
    pos += 8 + size + (size & 1);
  }
  return info;
}

}  // namespace

TEST_CASE("Voice clips: every clip of both languages is present, PCM 16-bit mono 22050 Hz") {
  uint64_t total = 0;
  for (VoiceLanguage language : {VoiceLanguage::kIndonesian, VoiceLanguage::kEnglish}) {
    for (const std::string& clip : AllCallClips(language)) {
      const std::string path =
          std::string(ANTRE_VOICE_DIR) + "/" + VoiceLanguageCode(language) + "/" + clip + ".wav";
      CAPTURE(path);
      WavInfo w = ReadWav(path);
      REQUIRE(w.ok);
      CHECK(w.format == 1);
      CHECK(w.channels == 1);
      CHECK(w.rate == 22050);
      CHECK(w.bits == 16);
      CHECK(w.data_bytes > 22050 * 2 / 10);  // at least 0.1 s of sound
      CHECK(w.data_bytes < 22050 * 2 * 4);   // and no clip over 4 s
      total += w.data_bytes;
    }
  }
  CHECK(total < 3u * 1024 * 1024);
}
