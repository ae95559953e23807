#include "pow_challenge.h"

#include <doctest/doctest.h>

#include <string>

#include "auth.h"

using namespace antre;

namespace {

constexpr UnixMs kNow = 1764468000000;  // 2026-11-30 09:00 +07:00

// The first nonce whose hash has at least `bits` zero bits, or (wrong) the first with fewer.
std::string Nonce(const std::string& challenge, int bits, bool good = true, int from = 0) {
  for (int n = from;; ++n) {
    bool enough = LeadingZeroBits(Sha256Hex(challenge + ":" + std::to_string(n))) >= bits;
    if (enough == good) return std::to_string(n);
  }
}

}  // namespace

TEST_CASE("LeadingZeroBits: counts zero bits of a hex digest") {
  const struct {
    const char* hex;
    int bits;
  } kCases[] = {{"ff", 0},      {"7f", 1},    {"3f", 2},   {"1f", 3},    {"0f", 4},
                {"08", 4},      {"07", 5},    {"00ff", 8}, {"0001", 15}, {"00008a", 16},
                {"000040", 17}, {"0000", 16}, {"", 0},     {"0x", 4}};
  for (const auto& c : kCases) CHECK_MESSAGE(LeadingZeroBits(c.hex) == c.bits, c.hex);
  CHECK(LeadingZeroBits(std::string(64, '0')) == 256);
}

TEST_CASE(
    "PowChallenges: a solved challenge is accepted once, for its own site, before it expires") {
  PowChallenges pow("key-1");
  PowChallenge c = pow.Issue("serang", 8, kNow);
  CHECK(c.bits == 8);
  CHECK(c.expires_at == kNow + PowChallenges::kLifetimeMs);
  std::string nonce = Nonce(c.challenge, 8);
  SUBCASE("good, then reused") {
    CHECK(pow.Redeem(c.challenge, nonce, "serang", 8, kNow + 1000).ok());
    Status again = pow.Redeem(c.challenge, nonce, "serang", 8, kNow + 2000);
    CHECK(again.error.code == ErrorCode::kPowInvalid);
    CHECK(again.error.message.find("used already") != std::string::npos);
    // Another nonce that also solves it is the same challenge: still used.
    std::string other = Nonce(c.challenge, 8, true, std::stoi(nonce) + 1);
    CHECK(pow.Redeem(c.challenge, other, "serang", 8, kNow).error.code == ErrorCode::kPowInvalid);
  }
  SUBCASE("every way to get it wrong") {
    std::string tampered = c.challenge;
    tampered[tampered.size() - 1] = tampered.back() == '0' ? '1' : '0';
    std::string later = "serang:8:" + std::to_string((kNow + 3600000) / 1000) +
                        c.challenge.substr(c.challenge.find(':', 9));  // a forged expiry, old mac
    std::string easier = "serang:0" + c.challenge.substr(8);           // a forged difficulty
    const struct {
      std::string challenge, nonce, site;
      int min_bits;
      UnixMs now;
      ErrorCode want;
    } kCases[] = {
        {c.challenge, Nonce(c.challenge, 8, false), "serang", 8, kNow,
         ErrorCode::kPowInvalid},                                          // wrong answer
        {c.challenge, nonce, "cilegon", 8, kNow, ErrorCode::kPowInvalid},  // another site
        {c.challenge, nonce, "serang", 9, kNow, ErrorCode::kPowInvalid},   // site asks more now
        {c.challenge, nonce, "serang", 8, c.expires_at, ErrorCode::kPowExpired},
        {c.challenge, nonce, "serang", 8, kNow + 3600000, ErrorCode::kPowExpired},
        {tampered, nonce, "serang", 8, kNow, ErrorCode::kPowInvalid},
        {later, nonce, "serang", 8, kNow, ErrorCode::kPowInvalid},
        {easier, "0", "serang", 0, kNow, ErrorCode::kPowInvalid},
        {"", nonce, "serang", 8, kNow, ErrorCode::kPowInvalid},
        {"a:b:c:d:e", nonce, "serang", 8, kNow, ErrorCode::kPowInvalid},
        {c.challenge + ":x", nonce, "serang", 8, kNow, ErrorCode::kPowInvalid},
        {c.challenge, "", "serang", 8, kNow, ErrorCode::kPowInvalid},
        {c.challenge, nonce + " ", "serang", 8, kNow, ErrorCode::kPowInvalid},
        {c.challenge, std::string(65, '1'), "serang", 8, kNow, ErrorCode::kPowInvalid},
    };
    for (const auto& k : kCases) {
      CAPTURE(k.challenge);
      CAPTURE(k.nonce);
      CHECK(pow.Redeem(k.challenge, k.nonce, k.site, k.min_bits, k.now).error.code == k.want);
    }
    // None of those used it up.
    CHECK(pow.Redeem(c.challenge, nonce, "serang", 8, kNow).ok());
  }
}

TEST_CASE("PowChallenges: a challenge signed with another key is forged; the same key accepts it") {
  PowChallenge c = PowChallenges("key-1").Issue("serang", 4, kNow);
  std::string nonce = Nonce(c.challenge, 4);
  CHECK(PowChallenges("key-2").Redeem(c.challenge, nonce, "serang", 4, kNow).error.code ==
        ErrorCode::kPowInvalid);
  // Another process on the same database holds the same key.
  CHECK(PowChallenges("key-1").Redeem(c.challenge, nonce, "serang", 4, kNow).ok());
}

TEST_CASE("PowChallenges: used challenges are forgotten once expired") {
  PowChallenges pow("key-1");
  for (int i = 0; i < 5; ++i) {
    PowChallenge c = pow.Issue("serang", 0, kNow);
    REQUIRE(pow.Redeem(c.challenge, "0", "serang", 0, kNow).ok());
  }
  CHECK(pow.remembered() == 5);
  PowChallenge late = pow.Issue("serang", 0, kNow + PowChallenges::kLifetimeMs);
  REQUIRE(
      pow.Redeem(late.challenge, "0", "serang", 0, kNow + PowChallenges::kLifetimeMs + 1000).ok());
  CHECK(pow.remembered() == 1);
}
