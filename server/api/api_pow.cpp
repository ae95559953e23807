// Proof of work on web bookings: the challenge route and the check of a booking's answer.
// The rules (signing, expiry, reuse) live in pow_challenge.h; this maps them onto HTTP.
#include "api_util.h"

namespace antre {

void GetBookingChallenge(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&,
                         const Params& p) {
  auto site = ctx.store->GetSite(p.at("site"));
  if (!site.ok()) return SendError(res, site.error());
  const UnixMs now = ctx.clock->NowMs();
  PowChallenge c = ctx.pow->Issue(site.value().id, site.value().booking.pow_bits, now);
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "challenge", c.challenge);
  AddInt(o.get(), "bits", c.bits);
  AddString(o.get(), "expires_at", FormatIsoLocal(c.expires_at, site.value().tz));
  // Seconds rather than a time alone: a phone's clock may be wrong by minutes.
  AddInt(o.get(), "expires_in", static_cast<int>((c.expires_at - now) / 1000));
  SendJson(res, 200, o);
}

Status RedeemBookingPow(ApiContext& ctx, const cJSON* body, const Site& site) {
  const int bits = site.booking.pow_bits;
  if (bits <= 0) return Status::Ok();
  const cJSON* pow = cJSON_GetObjectItemCaseSensitive(body, "pow");
  if (pow == nullptr || cJSON_IsNull(pow)) {
    return {MakeError(ErrorCode::kPowRequired,
                      "a solved booking challenge (\"pow\") is required; get one from GET "
                      "/api/v1/sites/" +
                          site.id + "/bookings/challenge")};
  }
  std::string challenge, nonce;
  Status st = cJSON_IsObject(pow) ? ReadString(pow, "challenge", true, &challenge) : Status{};
  if (st.ok() && cJSON_IsObject(pow)) st = ReadString(pow, "nonce", true, &nonce);
  if (!cJSON_IsObject(pow) || !st.ok()) {
    return {MakeError(ErrorCode::kPowInvalid,
                      "pow must be an object with the challenge and the nonce as text")};
  }
  return ctx.pow->Redeem(challenge, nonce, site.id, bits, ctx.clock->NowMs());
}

}  // namespace antre
