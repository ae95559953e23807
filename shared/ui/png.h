// A minimal PNG codec over zlib: 8-bit RGBA out, 8-bit RGB/RGBA (non-interlaced) in.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace antre::ui {

// Pixels, row-major, 4 bytes per pixel in R, G, B, A order.
struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;
};

// The PNG file bytes of an image; empty if the image is malformed or zlib fails.
std::string EncodePng(const RgbaImage& image);
// Writes EncodePng(image) to path; false (with *error) if it cannot be encoded or written.
bool WritePngFile(const RgbaImage& image, const std::string& path, std::string* error);
// Decodes PNG bytes of 8-bit RGB or RGBA without interlace (what EncodePng and common tools
// write); false with *error for anything else or a corrupt file (bad CRC, short data).
bool DecodePng(const std::string& bytes, RgbaImage* out, std::string* error);

}  // namespace antre::ui
