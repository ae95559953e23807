// The AudioSink of the real program: SDL's audio device, fed with queued PCM.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "voice/audio_sink.h"

namespace antre {

// Plays clips from <voice_dir>/<language>/<name>.wav on the default output device (16-bit
// mono 22050 Hz; other WAV formats are converted once when first loaded, then cached). With
// no usable device it logs that once, Play() returns false and the display stays silent;
// it tries to open the device again at most once a minute (a speaker plugged in later).
class SdlAudioSink : public AudioSink {
 public:
  // Does not open the device yet; `log` receives one line per notable problem.
  SdlAudioSink(std::string voice_dir, std::function<void(const std::string&)> log);
  ~SdlAudioSink() override;
  SdlAudioSink(const SdlAudioSink&) = delete;
  SdlAudioSink& operator=(const SdlAudioSink&) = delete;

  bool Play(const std::vector<std::string>& clips, int volume) override;
  bool IsPlaying() override;
  void Stop() override;

  // Opens the device now (Play() also does it lazily); false if there is none.
  bool Open();
  // True while an output device is open.
  bool has_device() const { return device_ != 0; }

 private:
  // The clip's samples at the device's format, or nullptr if the file is missing or bad.
  const std::vector<int16_t>* Clip(const std::string& name);

  std::string voice_dir_;
  std::function<void(const std::string&)> log_;
  SDL_AudioDeviceID device_ = 0;
  int rate_ = 22050;
  uint32_t last_open_attempt_ms_ = 0;
  bool has_tried_open_ = false;
  bool has_logged_no_device_ = false;
  std::map<std::string, std::vector<int16_t>> clips_;
  std::set<std::string> missing_;
};

}  // namespace antre
