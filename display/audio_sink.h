// Where spoken calls go: the SDL audio device in the program, a recorder in tests.
#pragma once

#include <string>
#include <vector>

namespace antre {

// Plays one clip sequence at a time. Clip names are "<language>/<name>" (see call_phrase.h).
class AudioSink {
 public:
  virtual ~AudioSink() = default;
  // Starts playing the clips back to back at volume 0..100. Returns false if nothing will
  // sound (no device, or none of the clips could be loaded); the caller moves on.
  virtual bool Play(const std::vector<std::string>& clips, int volume) = 0;
  // True while the sequence last started by Play() is still sounding.
  virtual bool IsPlaying() = 0;
};

}  // namespace antre
