// Where spoken clips go: the SDL audio device in the programs, a recorder in tests.
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
  // Cuts off whatever is sounding (the kiosk: a new tap interrupts the last label). The
  // display never calls it: its announcer waits for each call to end.
  virtual void Stop() {}
};

}  // namespace antre
