// Card printing, blank-card stock, transfers between sites, the print backlog and courier
// delivery (print_ops.cpp, stock_transfer_ops.cpp). Contract: stock never goes below zero,
// every move is audited and emits stock.changed, and a retried request with a key seen
// before moves or prints nothing again.
#pragma once

#include "store_core.h"

namespace antre {

// One side of a transfer of blank cards between two sites, as that site's stock moves list it.
struct StockTransfer {
  int64_t id = 0;          // the stock move at this site
  std::string kind;        // "transfer_out" or "transfer_in"
  std::string other_site;  // where the cards went or came from
  int count = 0;           // cards moved, always positive
  std::string reason;
  std::string actor;
  UnixMs at = 0;
};

// What a transfer left: its source side and both sites' counts afterwards.
struct TransferOutcome {
  StockTransfer transfer;
  int from_count = 0;
  int to_count = 0;
  bool replayed = false;  // a retried request: the first transfer, nothing moved again
};

class PrintStore : protected virtual StoreCore {
 public:
  // --- printing, blank-card stock, backlog and delivery (print_ops.cpp)
  // Blank cards on hand.
  Result<int> StockCount(const std::string& site) const;
  // Records cards received (delta > 0) or an adjustment with a reason; InvalidInput if the
  // count would go below zero. Emits stock.changed when the public level changes.
  Result<int> MoveStock(const std::string& site, int delta, const std::string& kind, const std::string& reason,
                        const std::string& actor);
  // Moves `count` (1-100000) blank cards from site `from` to site `to` in one write: a
  // transfer_out move at `from` and a transfer_in move at `to`, each naming the other site,
  // audited, with stock.changed on both. Conflict if `from` has fewer cards (nothing moves),
  // NotFound for an unknown site, InvalidInput for a bad count or the same site twice. With
  // a key seen before, answers that first transfer and moves nothing (stock_transfer_ops.cpp).
  Result<TransferOutcome> TransferStock(const std::string& from, const std::string& to, int count,
                                        const std::string& reason, const std::string& actor,
                                        const IdempotencyKey& idem);
  // The site's transfers in and out, newest first, at most `limit`.
  Result<std::vector<StockTransfer>> StockTransfers(const std::string& site, int limit) const;
  // The print backlog, oldest first.
  Result<std::vector<BacklogItem>> Backlog(const std::string& site) const;
  // Prints the oldest backlog card (one blank used); Conflict when the backlog or stock is empty.
  // With a key seen before, answers the card that key printed, printing nothing.
  Result<BacklogItem> PrintFromBacklog(const std::string& site, const std::string& actor, const IdempotencyKey& idem);
  // Deliveries with `status` ("" = all open), grouped order: kecamatan, kelurahan, id.
  Result<std::vector<DeliveryItem>> Deliveries(const std::string& site, const std::string& status) const;
  // Courier actions: out, delivered (receiver), failed (reason), retry, pickup.
  Result<DeliveryItem> UpdateDelivery(const std::string& site, int64_t id, const std::string& action,
                                      const std::string& text, const std::string& actor);
  // The booking behind a ticket, for the officer serving it. Audited when `full` is true.
  Result<Booking> BookingOfTicket(const std::string& site, const std::string& ticket_id, bool full,
                                  const std::string& actor);
  // Where a booking stands after check-in: ticket, print outcome, backlog place, delivery.
  Result<BookingProgress> ProgressOf(const Booking& booking) const;
};

}  // namespace antre
