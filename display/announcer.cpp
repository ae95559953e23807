#include "announcer.h"

#include <algorithm>

#include "voice/call_phrase.h"

namespace antre {

Announcer::Announcer(AudioSink* sink, const Clock* clock, AnnouncerOptions options)
    : sink_(sink), clock_(clock), options_(std::move(options)) {
  options_.volume = std::clamp(options_.volume, 0, 100);
}

AnnounceResult Announcer::Announce(const std::string& number, const std::string& counter,
                                   int64_t at_ms) {
  if (clock_->NowMs() - at_ms > options_.max_age_ms) return AnnounceResult::kTooOld;
  if (options_.is_muted) return AnnounceResult::kMuted;
  if (queue_.size() >= options_.max_pending) queue_.pop_front();
  queue_.push_back(ComposeCallClips(options_.languages, number, counter));
  return AnnounceResult::kQueued;
}

bool Announcer::Update() {
  const int64_t now = clock_->NowMs();
  if (was_playing_) {
    if (sink_->IsPlaying()) return false;
    was_playing_ = false;
    idle_since_ms_ = now;
  }
  if (queue_.empty() || now - idle_since_ms_ < options_.gap_ms) return false;
  std::vector<std::string> clips = std::move(queue_.front());
  queue_.pop_front();
  // A sink that cannot play (no device) leaves the queue moving instead of stuck.
  was_playing_ = sink_->Play(clips, options_.volume);
  if (!was_playing_) idle_since_ms_ = now;
  return was_playing_;
}

bool Announcer::is_busy() { return !queue_.empty() || (was_playing_ && sink_->IsPlaying()); }

int64_t Announcer::ms_until_next_update() {
  if (was_playing_) return 20;  // poll the sink until it reports the end
  if (queue_.empty()) return -1;
  return std::max<int64_t>(0, options_.gap_ms - (clock_->NowMs() - idle_since_ms_));
}

void Announcer::set_volume(int volume) { options_.volume = std::clamp(volume, 0, 100); }

void Announcer::set_muted(bool is_muted) {
  options_.is_muted = is_muted;
  if (is_muted) queue_.clear();
}

}  // namespace antre
