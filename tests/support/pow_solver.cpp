#include "pow_solver.h"

#include <openssl/sha.h>

#include <cstdlib>

#include "server_process.h"

namespace antre {

int Sha256ZeroBits(const std::string& text) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), d);
  int bits = 0;
  for (unsigned char byte : d) {
    if (byte == 0) {
      bits += 8;
      continue;
    }
    for (int mask = 0x80; (byte & mask) == 0; mask >>= 1) ++bits;
    break;
  }
  return bits;
}

std::string SolvePow(const std::string& challenge, int bits) {
  for (long n = 0;; ++n) {
    std::string nonce = std::to_string(n);
    if (Sha256ZeroBits(challenge + ":" + nonce) >= bits) return nonce;
  }
}

std::string FetchSolvedPow(httplib::Client& cli, const std::string& site) {
  auto res = cli.Get("/api/v1/sites/" + site + "/bookings/challenge");
  if (!res || res->status != 200) return "";
  std::string challenge = JsonField(res->body, "challenge");
  int bits = std::atoi(JsonField(res->body, "bits").c_str());
  return "{\"challenge\":\"" + challenge + "\",\"nonce\":\"" + SolvePow(challenge, bits) + "\"}";
}

std::string WithPow(httplib::Client& cli, const std::string& body, const std::string& site) {
  size_t close = body.rfind('}');
  if (close == std::string::npos) return body;
  bool empty = body.find_first_not_of(" \t\n{", 0) == close;
  return body.substr(0, close) + (empty ? "" : ",") + "\"pow\":" + FetchSolvedPow(cli, site) +
         body.substr(close);
}

}  // namespace antre
