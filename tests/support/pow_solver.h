// Solves booking challenges the way the booking page does, so black-box tests book on the
// web channel of a site that asks for proof of work (SHA-256 by OpenSSL).
#pragma once

#include <httplib.h>

#include <string>

namespace antre {

// Leading zero bits of SHA-256(text).
int Sha256ZeroBits(const std::string& text);

// The first decimal nonce n with SHA-256(challenge + ":" + n) starting with `bits` zero bits.
std::string SolvePow(const std::string& challenge, int bits);

// GETs a challenge for `site` and solves it: the JSON object {"challenge":…,"nonce":…}, or ""
// if no challenge came.
std::string FetchSolvedPow(httplib::Client& cli, const std::string& site = "serang");

// `body`, a JSON object, with a solved "pow" member added for `site`.
std::string WithPow(httplib::Client& cli, const std::string& body,
                    const std::string& site = "serang");

}  // namespace antre
