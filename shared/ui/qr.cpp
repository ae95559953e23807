#include "ui/qr.h"

#include <qrencode.h>

namespace antre::ui {

QrMatrix EncodeQr(const std::string& data) {
  QrMatrix m;
  QRcode* code = QRcode_encodeData(static_cast<int>(data.size()),
                                   reinterpret_cast<const unsigned char*>(data.data()), 0,
                                   QR_ECLEVEL_M);
  if (!code) return m;
  m.size = code->width;
  m.modules.resize(static_cast<size_t>(m.size) * m.size);
  for (size_t i = 0; i < m.modules.size(); ++i) m.modules[i] = (code->data[i] & 1) != 0;
  QRcode_free(code);
  return m;
}

}  // namespace antre::ui
