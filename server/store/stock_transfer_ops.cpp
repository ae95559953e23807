// Blank cards moved between sites. A transfer is one write request of both sites: a
// transfer_out move at the source and a transfer_in move at the destination, each naming the
// other, so both ledgers stay sums of their own moves and neither can go below zero. On a
// shared PostgreSQL database the batch locks both sites' rows first, in site order.
#include <string>

#include "core/text_rules.h"
#include "store.h"

namespace antre {
namespace {

constexpr int kMaxTransfer = 100000;
constexpr size_t kMaxReason = 200;

StockTransfer TransferFromRow(Stmt& q) {
  StockTransfer t;
  t.id = q.Int(0);
  t.kind = q.Text(1);
  t.other_site = q.Text(2);
  t.count = static_cast<int>(q.Int(3) < 0 ? -q.Int(3) : q.Int(3));
  t.reason = q.Text(4);
  t.actor = q.Text(5);
  t.at = q.Int(6);
  return t;
}

constexpr const char* kTransferColumns = "id, kind, peer, delta, reason, actor, at";

}  // namespace

Result<TransferOutcome> PrintStore::TransferStock(const std::string& from, const std::string& to, int count,
                                                  const std::string& reason, const std::string& actor,
                                                  const IdempotencyKey& idem) {
  if (count < 1 || count > kMaxTransfer) {
    return MakeError(ErrorCode::kInvalidInput, "count must be 1-" + std::to_string(kMaxTransfer));
  }
  Status st = CheckText("reason", reason);
  if (!st.ok()) return st.error;
  if (reason.size() > kMaxReason) return MakeError(ErrorCode::kInvalidInput, "reason must be at most 200 characters");
  if (from == to) return MakeError(ErrorCode::kInvalidInput, "to must be another site");
  {
    // Known before the batch, so only real sites are locked with the source.
    std::lock_guard<std::mutex> lock(mu_);
    if (!FindSiteLocked(to)) return MakeError(ErrorCode::kNotFound, "unknown site '" + to + "'");
  }
  return Change<Result<TransferOutcome>>(from, to, [&](Write& w) -> Result<TransferOutcome> {
    const Site& source = w.site();
    const Site* dest = FindSiteLocked(to);
    if (!dest) return MakeError(ErrorCode::kNotFound, "unknown site '" + to + "'");
    TransferOutcome out;
    if (!idem.empty()) {
      // A retry after a lost answer: the transfer that key made, with today's counts.
      Stmt k(*db_,
             (std::string("SELECT ") + kTransferColumns +
              " FROM stock_moves WHERE id = (SELECT CAST(i.ticket AS INTEGER) FROM idempotency i WHERE i.scope=? "
              "AND i.key=?)").c_str());
      k.Bind(1, idem.scope).Bind(2, idem.key);
      if (k.Step()) {
        out.transfer = TransferFromRow(k);
        out.replayed = true;
      } else if (!k.done()) {
        return k.Fail("cannot read idempotency keys");
      }
    }
    if (!out.replayed) {
      // The destination's day rolls over like the source's, so its events land on its today.
      std::vector<Event>& events = w.events();
      Status st = RollOverLocked(*dest, &events);
      int64_t out_id = 0;
      if (st.ok()) st = StockMoveLocked(source, -count, "transfer_out", reason, actor, &events, dest->id, &out_id);
      if (st.ok()) st = StockMoveLocked(*dest, count, "transfer_in", reason, actor, &events, source.id);
      if (st.ok()) {
        st = AuditLocked(actor, "stock.transfer", source.id,
                         std::to_string(count) + " to " + dest->id + (reason.empty() ? "" : ": " + reason));
      }
      if (st.ok()) st = RememberIdempotent(idem, std::to_string(out_id));
      if (!st.ok()) return st.error;
      out.transfer = StockTransfer{out_id, "transfer_out", dest->id, count, reason, actor, clock_->NowMs()};
    }
    auto from_count = StockCountLocked(source.id);
    if (!from_count.ok()) return from_count.error();
    auto to_count = StockCountLocked(dest->id);
    if (!to_count.ok()) return to_count.error();
    out.from_count = from_count.value();
    out.to_count = to_count.value();
    return out;
  });
}

Result<std::vector<StockTransfer>> PrintStore::StockTransfers(const std::string& site, int limit) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSiteLocked(site)) return MakeError(ErrorCode::kNotFound, "unknown site '" + site + "'");
  Stmt q(*db_, (std::string("SELECT ") + kTransferColumns +
                " FROM stock_moves WHERE site=? AND kind IN ('transfer_out', 'transfer_in') ORDER BY id DESC LIMIT ?")
                   .c_str());
  q.Bind(1, site).Bind(2, limit);
  std::vector<StockTransfer> out;
  while (q.Step()) out.push_back(TransferFromRow(q));
  if (!q.done()) return q.Fail("cannot read stock transfers");
  return out;
}

}  // namespace antre
