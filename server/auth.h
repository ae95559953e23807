// Password hashing, token generation and hashing (OpenSSL libcrypto, which cpp-httplib
// already links). Tokens are stored only as SHA-256 hashes.
#pragma once

#include <cstdint>
#include <string>

namespace antre {

// Number of PBKDF2-HMAC-SHA256 iterations for new password hashes.
constexpr int kPasswordIterations = 120000;

// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" with a fresh random salt.
std::string HashPassword(const std::string& password, int iterations = kPasswordIterations);

// True if `password` matches `encoded` (constant-time compare). False for malformed input.
bool VerifyPassword(const std::string& password, const std::string& encoded);

// `bytes` random bytes from the OS CSPRNG as lowercase hex. Aborts if no randomness exists.
std::string RandomHex(int bytes);

// A ticket's id, 24 lowercase hex digits: the time `now_ms` (11 digits, so ids made later sort
// later) and 52 random bits (13 digits). Ordered ids grow the ticket index at its end, one page
// per group commit instead of a random page per ticket; the random part keeps an id
// unguessable from its neighbours' (it opens the ticket's public status page).
std::string TicketId(int64_t now_ms);

// SHA-256 of `text` as lowercase hex.
std::string Sha256Hex(const std::string& text);

// HMAC-SHA256 of `text` under `key` as lowercase hex.
std::string HmacSha256Hex(const std::string& key, const std::string& text);

// True if `a` and `b` are equal, in time that depends only on their lengths.
bool SameSecret(const std::string& a, const std::string& b);

}  // namespace antre
