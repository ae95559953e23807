#include "voice/sdl_audio_sink.h"

#include <algorithm>
#include <cstring>

namespace antre {

namespace {

constexpr int kGapMs = 40;  // air between two clips of one call
constexpr uint32_t kReopenEveryMs = 60000;

}  // namespace

SdlAudioSink::SdlAudioSink(std::string voice_dir, std::function<void(const std::string&)> log)
    : voice_dir_(std::move(voice_dir)), log_(std::move(log)) {}

SdlAudioSink::~SdlAudioSink() {
  if (device_ != 0) SDL_CloseAudioDevice(device_);
  if (has_tried_open_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

bool SdlAudioSink::Open() {
  if (device_ != 0) return true;
  uint32_t now = SDL_GetTicks();
  if (has_tried_open_ && now - last_open_attempt_ms_ < kReopenEveryMs) return false;
  last_open_attempt_ms_ = now;
  if (!has_tried_open_) {
    has_tried_open_ = true;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
      if (!has_logged_no_device_ && log_)
        log_(std::string("audio: no sound system (") + SDL_GetError() +
             "); calls are shown but not spoken");
      has_logged_no_device_ = true;
      return false;
    }
  }
  SDL_AudioSpec want{};
  SDL_AudioSpec have{};
  want.freq = 22050;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, SDL_AUDIO_ALLOW_FREQUENCY_CHANGE);
  if (device_ == 0) {
    if (!has_logged_no_device_ && log_)
      log_(std::string("audio: no sound device (") + SDL_GetError() +
           "); calls are shown but not spoken");
    has_logged_no_device_ = true;
    return false;
  }
  rate_ = have.freq;
  clips_.clear();  // converted for another rate, if any
  SDL_PauseAudioDevice(device_, 0);
  if (log_)
    log_(std::string("audio: playing on ") + SDL_GetCurrentAudioDriver() + " at " +
         std::to_string(rate_) + " Hz");
  return true;
}

const std::vector<int16_t>* SdlAudioSink::Clip(const std::string& name) {
  auto it = clips_.find(name);
  if (it != clips_.end()) return &it->second;
  if (missing_.count(name)) return nullptr;
  const std::string path = voice_dir_ + "/" + name + ".wav";
  SDL_AudioSpec spec;
  Uint8* buffer = nullptr;
  Uint32 length = 0;
  if (!SDL_LoadWAV(path.c_str(), &spec, &buffer, &length)) {
    if (log_) log_("audio: cannot load " + path + " (" + SDL_GetError() + "); skipping it");
    missing_.insert(name);
    return nullptr;
  }
  // Convert whatever the file holds to the device's mono S16 at its rate.
  SDL_AudioCVT cvt;
  int built =
      SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, rate_);
  std::vector<int16_t> samples;
  if (built < 0) {
    if (log_) log_("audio: cannot convert " + path + " (" + SDL_GetError() + "); skipping it");
    SDL_FreeWAV(buffer);
    missing_.insert(name);
    return nullptr;
  }
  if (built == 0) {
    samples.resize(length / 2);
    std::memcpy(samples.data(), buffer, samples.size() * 2);
  } else {
    std::vector<Uint8> work(static_cast<size_t>(length) * cvt.len_mult);
    std::memcpy(work.data(), buffer, length);
    cvt.buf = work.data();
    cvt.len = static_cast<int>(length);
    SDL_ConvertAudio(&cvt);
    samples.resize(static_cast<size_t>(cvt.len_cvt) / 2);
    std::memcpy(samples.data(), work.data(), samples.size() * 2);
  }
  SDL_FreeWAV(buffer);
  return &clips_.emplace(name, std::move(samples)).first->second;
}

bool SdlAudioSink::Play(const std::vector<std::string>& clips, int volume) {
  if (!Open()) return false;
  // The whole call is queued at once: the device plays it without gaps or interruptions,
  // and IsPlaying() is simply "samples still queued".
  std::vector<int16_t> pcm;
  const std::vector<int16_t> gap(static_cast<size_t>(rate_) * kGapMs / 1000, 0);
  const int gain = std::clamp(volume, 0, 100);
  for (const std::string& name : clips) {
    const std::vector<int16_t>* clip = Clip(name);
    if (!clip) continue;
    if (!pcm.empty()) pcm.insert(pcm.end(), gap.begin(), gap.end());
    for (int16_t s : *clip) pcm.push_back(static_cast<int16_t>(s * gain / 100));
  }
  if (pcm.empty()) return false;
  if (SDL_QueueAudio(device_, pcm.data(), static_cast<Uint32>(pcm.size() * 2)) != 0) {
    if (log_) log_(std::string("audio: cannot queue (") + SDL_GetError() + ")");
    return false;
  }
  return true;
}

bool SdlAudioSink::IsPlaying() { return device_ != 0 && SDL_GetQueuedAudioSize(device_) > 0; }

void SdlAudioSink::Stop() {
  if (device_ != 0) SDL_ClearQueuedAudio(device_);
}

}  // namespace antre
