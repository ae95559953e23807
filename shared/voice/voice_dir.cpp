#include "voice/voice_dir.h"

#include <sys/stat.h>

#include <cstdlib>

namespace antre {

std::string DefaultVoiceDir() {
  if (const char* env = std::getenv("ANTRE_VOICE_DIR")) return env;
#ifdef ANTRE_VOICE_DIR
  struct stat st;
  if (stat(ANTRE_VOICE_DIR, &st) == 0) return ANTRE_VOICE_DIR;
#endif
  return "assets/voice";
}

}  // namespace antre
