#include "auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace antre {
namespace {

std::string ToHex(const unsigned char* p, size_t n) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 15];
  }
  return out;
}

bool FromHex(const std::string& hex, std::vector<unsigned char>* out) {
  if (hex.size() % 2 != 0) return false;
  out->clear();
  for (size_t i = 0; i < hex.size(); i += 2) {
    unsigned v = 0;
    if (std::sscanf(hex.c_str() + i, "%2x", &v) != 1) return false;
    out->push_back(static_cast<unsigned char>(v));
  }
  return true;
}

std::vector<unsigned char> Derive(const std::string& password, const std::vector<unsigned char>& salt, int iterations,
                                  size_t len) {
  std::vector<unsigned char> out(len);
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(), static_cast<int>(salt.size()),
                    iterations, EVP_sha256(), static_cast<int>(len), out.data());
  return out;
}

}  // namespace

std::string RandomHex(int bytes) {
  std::vector<unsigned char> buf(bytes);
  if (RAND_bytes(buf.data(), bytes) != 1) {
    std::fprintf(stderr, "antre: no secure random source available\n");
    std::abort();
  }
  return ToHex(buf.data(), buf.size());
}

std::string TicketId(int64_t now_ms) {
  char time_part[16];
  std::snprintf(time_part, sizeof time_part, "%011llx",
                static_cast<unsigned long long>(now_ms < 0 ? 0 : now_ms) & 0xfffffffffffULL);
  return time_part + RandomHex(7).substr(0, 13);
}

std::string Sha256Hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return ToHex(digest, sizeof digest);
}

std::string HmacSha256Hex(const std::string& key, const std::string& text) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()),
       text.size(), mac, &len);
  return ToHex(mac, len);
}

bool SameSecret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string HashPassword(const std::string& password, int iterations) {
  std::vector<unsigned char> salt;
  FromHex(RandomHex(16), &salt);
  auto hash = Derive(password, salt, iterations, 32);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + ToHex(salt.data(), salt.size()) + "$" +
         ToHex(hash.data(), hash.size());
}

bool VerifyPassword(const std::string& password, const std::string& encoded) {
  const std::string kTag = "pbkdf2-sha256$";
  if (encoded.rfind(kTag, 0) != 0) return false;
  size_t a = kTag.size(), b = encoded.find('$', a), c = b == std::string::npos ? b : encoded.find('$', b + 1);
  if (c == std::string::npos) return false;
  int iterations = std::atoi(encoded.substr(a, b - a).c_str());
  std::vector<unsigned char> salt, want;
  if (iterations < 1 || iterations > 10000000 || !FromHex(encoded.substr(b + 1, c - b - 1), &salt) ||
      !FromHex(encoded.substr(c + 1), &want) || want.empty()) {
    return false;
  }
  auto got = Derive(password, salt, iterations, want.size());
  return CRYPTO_memcmp(got.data(), want.data(), want.size()) == 0;
}

}  // namespace antre
