// Proof of work on web bookings: the server hands out signed challenges and checks answers
// without keeping the challenges, so any server process holding the same key can check a
// challenge another issued. Only the "already used" memory is per process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace antre {

// A challenge as issued: the text to solve, its difficulty and when it stops being accepted.
struct PowChallenge {
  std::string challenge;
  int bits = 0;
  UnixMs expires_at = 0;
};

// Leading zero bits of a lowercase hex digest ("0f..." has 4); hex of other characters
// counts as ending the run.
int LeadingZeroBits(const std::string& hex);

// Issues and redeems challenges "<site>:<bits>:<expires unix s>:<random hex>:<mac hex>", the
// mac an HMAC-SHA256 (cut to 128 bits) of the rest under the key. An answer is a nonce such
// that SHA-256(challenge + ":" + nonce) starts with at least <bits> zero bits. Thread-safe.
class PowChallenges {
 public:
  static constexpr UnixMs kLifetimeMs = 10 * 60 * 1000;
  // Redeemed challenges remembered at most (the soonest to expire are forgotten first).
  static constexpr size_t kMaxRemembered = 200000;

  // `key` signs the challenges; every process that should accept another's challenges uses
  // the same key.
  explicit PowChallenges(std::string key) : key_(std::move(key)) {}

  // A fresh challenge for `site` at `bits`, valid for kLifetimeMs from `now`.
  PowChallenge Issue(const std::string& site, int bits, UnixMs now) const;

  // Accepts `nonce` as the answer to `challenge` for a booking at `site`, which asks for at
  // least `min_bits`, and marks the challenge used. PowExpired once its time has passed;
  // PowInvalid if the challenge is malformed, forged, for another site, easier than
  // min_bits, already used, or the answer is wrong.
  Status Redeem(const std::string& challenge, const std::string& nonce, const std::string& site,
                int min_bits, UnixMs now);

  // Redeemed challenges remembered now (for tests: the bound on memory).
  size_t remembered();

 private:
  std::string Mac(const std::string& body) const;

  const std::string key_;
  std::mutex mu_;
  std::set<std::string> used_;
  std::multimap<int64_t, std::string> used_by_expiry_;  // expires unix s -> challenge
};

}  // namespace antre
