// An AudioSink that records what would be played and "plays" on a fake clock.
#pragma once

#include <string>
#include <vector>

#include "voice/audio_sink.h"
#include "fake_clock.h"

namespace antre {

class FakeAudioSink : public AudioSink {
 public:
  static constexpr int64_t kClipMs = 500;  // every clip "lasts" this long

  struct Played {
    std::vector<std::string> clips;
    int volume;
    int64_t start_ms;
    int64_t end_ms;
  };

  explicit FakeAudioSink(const FakeClock* clock, bool has_device = true)
      : clock_(clock), has_device_(has_device) {}

  bool Play(const std::vector<std::string>& clips, int volume) override {
    if (IsPlaying()) overlaps_++;
    if (!has_device_) return false;
    int64_t now = clock_->NowMs();
    played_.push_back({clips, volume, now, now + kClipMs * static_cast<int64_t>(clips.size())});
    return true;
  }
  bool IsPlaying() override { return !played_.empty() && clock_->NowMs() < played_.back().end_ms; }

  const std::vector<Played>& played() const { return played_; }
  int overlaps() const { return overlaps_; }

 private:
  const FakeClock* clock_;
  bool has_device_;
  std::vector<Played> played_;
  int overlaps_ = 0;
};

}  // namespace antre
