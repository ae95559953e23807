// SdlAudioSink on SDL's dummy audio driver (plays in real time, no sound card) and with no
// usable driver at all.
#include <SDL.h>
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "voice/sdl_audio_sink.h"

using namespace antre;

namespace {

int CountContaining(const std::vector<std::string>& lines, const std::string& needle) {
  int n = 0;
  for (const auto& l : lines) n += l.find(needle) != std::string::npos ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("SdlAudioSink: plays a call on the dummy device and reports when it is done") {
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  std::vector<std::string> log;
  {
    SdlAudioSink sink(ANTRE_VOICE_DIR, [&](const std::string& l) { log.push_back(l); });
    REQUIRE(sink.Open());
    // Two short clips plus one that does not exist: the missing one is skipped and named once.
    CHECK(sink.Play({"id/a", "id/nol", "id/no_such_clip"}, 80));
    CHECK(sink.IsPlaying());
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (sink.IsPlaying() && std::chrono::steady_clock::now() < end) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK_FALSE(sink.IsPlaying());
    CHECK(sink.Play({"id/no_such_clip"}, 80) == false);  // nothing left to play
    CHECK(CountContaining(log, "no_such_clip") == 1);
  }
  SDL_Quit();
}

TEST_CASE("SdlAudioSink: with no sound device the display stays silent and says so once") {
  setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
  std::vector<std::string> log;
  {
    SdlAudioSink sink(ANTRE_VOICE_DIR, [&](const std::string& l) { log.push_back(l); });
    CHECK_FALSE(sink.Play({"id/chime", "id/a"}, 80));
    CHECK_FALSE(sink.Play({"id/chime", "id/b"}, 80));
    CHECK_FALSE(sink.IsPlaying());
  }
  SDL_Quit();
  CHECK(CountContaining(log, "calls are shown but not spoken") == 1);
}
