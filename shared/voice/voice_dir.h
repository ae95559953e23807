// Where the voice clips are: <dir>/<language>/<name>.wav (see assets/voice/README.md).
#pragma once

#include <string>

namespace antre {

// $ANTRE_VOICE_DIR if set, else the source tree's assets/voice when it exists (a build run
// in place), else "assets/voice" relative to the working directory.
std::string DefaultVoiceDir();

}  // namespace antre
