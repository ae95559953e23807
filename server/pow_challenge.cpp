#include "pow_challenge.h"

#include <cstdlib>
#include <vector>

#include "auth.h"

namespace antre {
namespace {

// 128 bits of HMAC are plenty to stop forgery and keep the challenge short, so that with the
// nonce it usually fits SHA-256's second block and the browser hashes one block per try.
constexpr size_t kMacHexChars = 32;
constexpr int kRandomBytes = 12;
constexpr size_t kMaxNonceChars = 64;

std::vector<std::string> Split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  size_t from = 0;
  for (size_t at; (at = text.find(sep, from)) != std::string::npos; from = at + 1)
    parts.push_back(text.substr(from, at - from));
  parts.push_back(text.substr(from));
  return parts;
}

bool ParseNumber(const std::string& text, int64_t* out) {
  if (text.empty() || text.size() > 12) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool IsNonce(const std::string& nonce) {
  if (nonce.empty() || nonce.size() > kMaxNonceChars) return false;
  for (char c : nonce) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!ok) return false;
  }
  return true;
}

}  // namespace

int LeadingZeroBits(const std::string& hex) {
  int bits = 0;
  for (char c : hex) {
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) return bits;
    if (v != 0) {
      for (int mask = 8; (v & mask) == 0; mask >>= 1) ++bits;
      return bits;
    }
    bits += 4;
  }
  return bits;
}

std::string PowChallenges::Mac(const std::string& body) const {
  return HmacSha256Hex(key_, body).substr(0, kMacHexChars);
}

PowChallenge PowChallenges::Issue(const std::string& site, int bits, UnixMs now) const {
  // Whole seconds, rounded down: the challenge never outlives what the caller is told.
  int64_t expires = (now + kLifetimeMs) / 1000;
  std::string body = site + ":" + std::to_string(bits) + ":" + std::to_string(expires) + ":" +
                     RandomHex(kRandomBytes);
  return PowChallenge{body + ":" + Mac(body), bits, expires * 1000};
}

Status PowChallenges::Redeem(const std::string& challenge, const std::string& nonce,
                             const std::string& site, int min_bits, UnixMs now) {
  auto invalid = [](const std::string& why) {
    return Status{MakeError(ErrorCode::kPowInvalid, why)};
  };
  std::vector<std::string> parts = Split(challenge, ':');
  int64_t bits = 0, expires = 0;
  if (parts.size() != 5 || !ParseNumber(parts[1], &bits) || !ParseNumber(parts[2], &expires) ||
      bits > 256) {
    return invalid("the booking challenge is not one this server issued");
  }
  std::string body = challenge.substr(0, challenge.size() - parts[4].size() - 1);
  // The mac first: a forged expiry or site must not be reported as anything but forged.
  if (!SameSecret(parts[4], Mac(body)))
    return invalid("the booking challenge is not one this server issued");
  if (parts[0] != site) return invalid("the booking challenge belongs to another site");
  if (bits < min_bits)
    return invalid("the booking challenge is easier than this site now asks; fetch a new one");
  if (expires * 1000 <= now) {
    return {
        MakeError(ErrorCode::kPowExpired, "the booking challenge has expired; fetch a new one")};
  }
  if (!IsNonce(nonce) || LeadingZeroBits(Sha256Hex(challenge + ":" + nonce)) < bits) {
    return invalid("the booking challenge's answer is wrong");
  }
  std::lock_guard<std::mutex> lock(mu_);
  const int64_t now_s = now / 1000;
  while (!used_by_expiry_.empty() &&
         (used_by_expiry_.begin()->first < now_s || used_.size() >= kMaxRemembered)) {
    used_.erase(used_by_expiry_.begin()->second);
    used_by_expiry_.erase(used_by_expiry_.begin());
  }
  if (!used_.insert(challenge).second)
    return invalid("this booking challenge has been used already; fetch a new one");
  used_by_expiry_.emplace(expires, challenge);
  return Status::Ok();
}

size_t PowChallenges::remembered() {
  std::lock_guard<std::mutex> lock(mu_);
  return used_.size();
}

}  // namespace antre
