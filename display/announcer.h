// Speaks calls one after another: never two at once, never cutting one off.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "voice/audio_sink.h"
#include "voice/number_words.h"

namespace antre {

// How calls are spoken.
struct AnnouncerOptions {
  std::vector<VoiceLanguage> languages = {VoiceLanguage::kIndonesian};
  int volume = 80;  // 0..100
  bool is_muted = false;
  int64_t max_age_ms = 60000;  // an older call is shown but not spoken
  int64_t gap_ms = 600;        // silence between two announcements
  size_t max_pending = 30;     // beyond this the oldest waiting announcement is dropped
};

// Why a call was or was not queued for speaking.
enum class AnnounceResult { kQueued, kTooOld, kMuted };

// A FIFO of announcements in front of an AudioSink. Call Update() regularly (each loop turn):
// it starts the next announcement only when the sink is idle and the gap has passed.
class Announcer {
 public:
  // Uses `sink` and `clock` (not owned; both must outlive the announcer).
  Announcer(AudioSink* sink, const Clock* clock, AnnouncerOptions options = {});

  // Queues a call (or recall) of ticket `number` to counter `counter`, which happened at
  // `at_ms` on the announcer's clock. Calls older than max_age_ms are not spoken.
  AnnounceResult Announce(const std::string& number, const std::string& counter, int64_t at_ms);

  // Starts the next queued announcement if the sink is free; returns true if it started one.
  bool Update();

  // True while something is playing or waiting to play.
  bool is_busy();
  // Milliseconds until Update() has work to do, or -1 when idle (for the event loop's wait).
  int64_t ms_until_next_update();
  // How many announcements wait behind the one playing.
  size_t pending() const { return queue_.size(); }

  void set_volume(int volume);
  int volume() const { return options_.volume; }
  // Muting also drops what is waiting, so unmuting later does not replay stale calls.
  void set_muted(bool is_muted);
  bool is_muted() const { return options_.is_muted; }

 private:
  AudioSink* sink_;
  const Clock* clock_;
  AnnouncerOptions options_;
  std::deque<std::vector<std::string>> queue_;
  bool was_playing_ = false;
  int64_t idle_since_ms_ = INT64_MIN / 2;  // when the last announcement ended
};

}  // namespace antre
