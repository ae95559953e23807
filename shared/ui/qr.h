// QR code encoding over libqrencode, as a plain module matrix.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace antre::ui {

// A square QR symbol: size x size modules, row-major, true = dark. Empty (size 0) on failure.
struct QrMatrix {
  int size = 0;
  std::vector<bool> modules;
  bool Dark(int x, int y) const { return modules[static_cast<size_t>(y) * size + x]; }
};

// Encodes data (8-bit mode, error correction M). Returns an empty matrix if it is too long.
QrMatrix EncodeQr(const std::string& data);

// Quiet zone, in modules, kept light on every side when a QR code is drawn.
constexpr int kQrQuietModules = 2;

}  // namespace antre::ui
