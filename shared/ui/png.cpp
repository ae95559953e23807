#include "ui/png.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <fstream>

namespace antre::ui {

namespace {

const char kSignature[] = "\x89PNG\r\n\x1a\n";

void PutU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

uint32_t GetU32(const std::string& s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) |
         (uint32_t(uint8_t(s[at + 2])) << 8) | uint32_t(uint8_t(s[at + 3]));
}

void PutChunk(std::string* out, const char* type, const std::string& data) {
  PutU32(out, static_cast<uint32_t>(data.size()));
  std::string body = std::string(type, 4) + data;
  out->append(body);
  PutU32(out, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()),
                                          static_cast<uInt>(body.size()))));
}

int Paeth(int a, int b, int c) {
  int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

}  // namespace

std::string EncodePng(const RgbaImage& image) {
  size_t row = static_cast<size_t>(image.width) * 4;
  if (image.width <= 0 || image.height <= 0 || image.pixels.size() != row * image.height) return "";
  // Filter type 1 (Sub) on every row: cheap and compresses flat UI colours well.
  std::string raw;
  raw.reserve((row + 1) * image.height);
  for (int y = 0; y < image.height; ++y) {
    raw.push_back(1);
    const uint8_t* p = &image.pixels[row * y];
    for (size_t i = 0; i < row; ++i) raw.push_back(static_cast<char>(p[i] - (i >= 4 ? p[i - 4] : 0)));
  }
  uLongf cap = compressBound(static_cast<uLong>(raw.size()));
  std::string z(cap, '\0');
  if (compress2(reinterpret_cast<Bytef*>(&z[0]), &cap, reinterpret_cast<const Bytef*>(raw.data()),
                static_cast<uLong>(raw.size()), 6) != Z_OK) {
    return "";
  }
  z.resize(cap);
  std::string out(kSignature, 8);
  std::string ihdr;
  PutU32(&ihdr, static_cast<uint32_t>(image.width));
  PutU32(&ihdr, static_cast<uint32_t>(image.height));
  ihdr += std::string("\x08\x06\x00\x00\x00", 5);  // 8-bit RGBA, deflate, adaptive, no interlace
  PutChunk(&out, "IHDR", ihdr);
  PutChunk(&out, "IDAT", z);
  PutChunk(&out, "IEND", "");
  return out;
}

bool WritePngFile(const RgbaImage& image, const std::string& path, std::string* error) {
  std::string bytes = EncodePng(image);
  if (bytes.empty()) {
    *error = "cannot encode a " + std::to_string(image.width) + "x" + std::to_string(image.height) + " image";
    return false;
  }
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

bool DecodePng(const std::string& bytes, RgbaImage* out, std::string* error) {
  if (bytes.size() < 8 || bytes.compare(0, 8, std::string(kSignature, 8)) != 0) {
    *error = "not a PNG file";
    return false;
  }
  int channels = 0;
  std::string idat;
  bool ended = false;
  for (size_t at = 8; at + 12 <= bytes.size() && !ended;) {
    uint32_t len = GetU32(bytes, at);
    if (at + 12 + len > bytes.size()) break;
    std::string type = bytes.substr(at + 4, 4);
    std::string data = bytes.substr(at + 8, len);
    uint32_t crc = GetU32(bytes, at + 8 + len);
    uint32_t want = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(bytes.data() + at + 4), len + 4));
    if (crc != want) {
      *error = "bad CRC in chunk " + type;
      return false;
    }
    if (type == "IHDR") {
      if (len != 13 || data[8] != 8 || data[10] != 0 || data[11] != 0 || data[12] != 0 ||
          (data[9] != 2 && data[9] != 6)) {
        *error = "unsupported PNG format (want 8-bit RGB/RGBA, no interlace)";
        return false;
      }
      out->width = static_cast<int>(GetU32(data, 0));
      out->height = static_cast<int>(GetU32(data, 4));
      channels = data[9] == 6 ? 4 : 3;
    } else if (type == "IDAT") {
      idat += data;
    } else if (type == "IEND") {
      ended = true;
    }
    at += 12 + len;
  }
  if (!ended || channels == 0 || out->width <= 0 || out->height <= 0) {
    *error = "truncated PNG (no IHDR/IEND)";
    return false;
  }
  size_t stride = static_cast<size_t>(out->width) * channels;
  uLongf raw_len = static_cast<uLongf>((stride + 1) * out->height);
  std::vector<uint8_t> raw(raw_len);
  if (uncompress(raw.data(), &raw_len, reinterpret_cast<const Bytef*>(idat.data()),
                 static_cast<uLong>(idat.size())) != Z_OK ||
      raw_len != raw.size()) {
    *error = "corrupt image data";
    return false;
  }
  std::vector<uint8_t> cur(stride), prev(stride, 0);
  out->pixels.assign(static_cast<size_t>(out->width) * out->height * 4, 255);
  for (int y = 0; y < out->height; ++y) {
    const uint8_t* line = &raw[(stride + 1) * y];
    int filter = line[0];
    for (size_t i = 0; i < stride; ++i) {
      int a = i >= size_t(channels) ? cur[i - channels] : 0, b = prev[i],
          c = i >= size_t(channels) ? prev[i - channels] : 0;
      int x = line[1 + i];
      switch (filter) {
        case 0: break;
        case 1: x += a; break;
        case 2: x += b; break;
        case 3: x += (a + b) / 2; break;
        case 4: x += Paeth(a, b, c); break;
        default: *error = "bad filter type"; return false;
      }
      cur[i] = static_cast<uint8_t>(x);
    }
    for (int px = 0; px < out->width; ++px) {
      std::memcpy(&out->pixels[(static_cast<size_t>(y) * out->width + px) * 4], &cur[px * channels], channels);
    }
    std::swap(cur, prev);
  }
  return true;
}

}  // namespace antre::ui
