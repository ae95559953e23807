// Call phrases as clip sequences, and the announcer queue on a fake clock and fake sink.
#include "display/announcer.h"

#include <doctest/doctest.h>

#include <set>

#include "voice/call_phrase.h"
#include "fake_audio_sink.h"

using namespace antre;

namespace {

using Clips = std::vector<std::string>;

// Runs the announcer's loop for `ms` in 10 ms steps.
void RunFor(Announcer* announcer, FakeClock* clock, int64_t ms) {
  for (int64_t t = 0; t < ms; t += 10) {
    announcer->Update();
    clock->Advance(10);
  }
  announcer->Update();
}

}  // namespace

TEST_CASE("ComposeCallClips: A012 to counter 3 in Indonesian") {
  CHECK(ComposeCallClips({VoiceLanguage::kIndonesian}, "A012", "3") ==
        Clips{"id/chime", "id/nomor_antrean", "id/a", "id/dua", "id/belas",
              "id/silakan_menuju_loket", "id/tiga"});
  CHECK(ComposeCallText(VoiceLanguage::kIndonesian, "A012", "3") ==
        "Nomor antrean A dua belas, silakan menuju loket tiga");
}

TEST_CASE("ComposeCallClips: English, and both languages after one chime") {
  CHECK(ComposeCallClips({VoiceLanguage::kEnglish}, "A012", "3") ==
        Clips{"en/chime", "en/ticket", "en/a", "en/twelve", "en/please_go_to_counter", "en/three"});
  CHECK(ComposeCallText(VoiceLanguage::kEnglish, "B120", "12") ==
        "Ticket B one hundred twenty, please go to counter twelve");
  CHECK(ComposeCallClips({VoiceLanguage::kIndonesian, VoiceLanguage::kEnglish}, "F001", "6") ==
        Clips{"id/chime", "id/nomor_antrean", "id/f", "id/satu", "id/silakan_menuju_loket",
              "id/enam", "en/ticket", "en/f", "en/one", "en/please_go_to_counter", "en/six"});
}

TEST_CASE("SayLabel: letters one by one, digit runs as numbers, zeros and odd labels") {
  CHECK(SayLabel(VoiceLanguage::kIndonesian, "A000") == Clips{"a", "nol"});
  CHECK(SayLabel(VoiceLanguage::kIndonesian, "AB1011") == Clips{"a", "b", "seribu", "sebelas"});
  CHECK(SayLabel(VoiceLanguage::kIndonesian, "c-7") == Clips{"c", "tujuh"});
  CHECK(SayLabel(VoiceLanguage::kEnglish, "123456") ==
        Clips{"one", "two", "three", "four", "five", "six"});
}

TEST_CASE("AllCallClips: covers every clip a call can use") {
  for (VoiceLanguage language : {VoiceLanguage::kIndonesian, VoiceLanguage::kEnglish}) {
    auto all = AllCallClips(language);
    std::set<std::string> known(all.begin(), all.end());
    const std::string dir = std::string(VoiceLanguageCode(language)) + "/";
    for (const char* number : {"A001", "B019", "C100", "D999", "E1000", "F9999", "Z017"}) {
      for (const std::string& clip : ComposeCallClips({language}, number, "12")) {
        CHECK_MESSAGE(known.count(clip.substr(dir.size())) == 1, clip);
      }
    }
  }
}

TEST_CASE("Announcer: calls arriving faster than speech play one after another, in order") {
  FakeClock clock(1'000'000);
  FakeAudioSink sink(&clock);
  Announcer announcer(&sink, &clock, {});
  CHECK(announcer.Announce("A001", "1", clock.NowMs()) == AnnounceResult::kQueued);
  announcer.Update();
  clock.Advance(100);
  CHECK(announcer.Announce("A002", "2", clock.NowMs()) == AnnounceResult::kQueued);
  CHECK(announcer.Announce("B001", "3", clock.NowMs()) == AnnounceResult::kQueued);
  CHECK(announcer.pending() == 2);
  RunFor(&announcer, &clock, 20000);

  REQUIRE(sink.played().size() == 3);
  CHECK(sink.overlaps() == 0);
  CHECK(sink.played()[0].clips[2] == "id/a");
  CHECK(sink.played()[1].clips[3] == "id/dua");  // A002 -> ... a, dua
  CHECK(sink.played()[2].clips[2] == "id/b");
  for (size_t i = 1; i < sink.played().size(); ++i) {
    // Each starts only after the previous ended, with the pause between them.
    CHECK(sink.played()[i].start_ms >= sink.played()[i - 1].end_ms + 600);
  }
  CHECK_FALSE(announcer.is_busy());
}

TEST_CASE("Announcer: a recall is announced again") {
  FakeClock clock(1'000'000);
  FakeAudioSink sink(&clock);
  Announcer announcer(&sink, &clock, {});
  announcer.Announce("A012", "3", clock.NowMs());
  RunFor(&announcer, &clock, 6000);
  announcer.Announce("A012", "3", clock.NowMs());  // the recall
  RunFor(&announcer, &clock, 6000);
  REQUIRE(sink.played().size() == 2);
  CHECK(sink.played()[0].clips == sink.played()[1].clips);
}

TEST_CASE("Announcer: a call older than 60 s is not spoken") {
  FakeClock clock(1'000'000);
  FakeAudioSink sink(&clock);
  Announcer announcer(&sink, &clock, {});
  CHECK(announcer.Announce("A001", "1", clock.NowMs() - 61'000) == AnnounceResult::kTooOld);
  CHECK(announcer.Announce("A002", "1", clock.NowMs() - 59'000) == AnnounceResult::kQueued);
  RunFor(&announcer, &clock, 6000);
  REQUIRE(sink.played().size() == 1);
  CHECK(sink.played()[0].clips[3] == "id/dua");
}

TEST_CASE("Announcer: volume is passed on; mute speaks nothing and drops what waits") {
  FakeClock clock(1'000'000);
  FakeAudioSink sink(&clock);
  AnnouncerOptions options;
  options.volume = 140;  // clamped
  Announcer announcer(&sink, &clock, options);
  CHECK(announcer.volume() == 100);
  announcer.set_volume(35);
  announcer.Announce("A001", "1", clock.NowMs());
  announcer.Announce("A002", "1", clock.NowMs());
  announcer.Update();
  announcer.set_muted(true);
  CHECK(announcer.Announce("A003", "1", clock.NowMs()) == AnnounceResult::kMuted);
  RunFor(&announcer, &clock, 10000);
  REQUIRE(sink.played().size() == 1);  // A001 had started; A002 was dropped by the mute
  CHECK(sink.played()[0].volume == 35);
  announcer.set_muted(false);
  announcer.Announce("A004", "1", clock.NowMs());
  RunFor(&announcer, &clock, 6000);
  CHECK(sink.played().size() == 2);
}

TEST_CASE("Announcer: without a sound device the queue still drains") {
  FakeClock clock(1'000'000);
  FakeAudioSink sink(&clock, /*has_device=*/false);
  Announcer announcer(&sink, &clock, {});
  announcer.Announce("A001", "1", clock.NowMs());
  announcer.Announce("A002", "1", clock.NowMs());
  RunFor(&announcer, &clock, 3000);
  CHECK(sink.played().empty());
  CHECK_FALSE(announcer.is_busy());
  CHECK(announcer.ms_until_next_update() == -1);
}

TEST_CASE("Announcer: ms_until_next_update tells the loop how long it may sleep") {
  FakeClock clock(1'000'000);
  FakeAudioSink sink(&clock);
  Announcer announcer(&sink, &clock, {});
  CHECK(announcer.ms_until_next_update() == -1);
  announcer.Announce("A001", "1", clock.NowMs());
  CHECK(announcer.ms_until_next_update() == 0);
  announcer.Update();
  CHECK(announcer.ms_until_next_update() > 0);
}
