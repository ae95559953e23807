// The ordering rule: which waiting ticket a counter calls next, and a ticket's place in line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model.h"

namespace antre {

// A waiting ticket as the ordering rule needs it.
struct QueueEntry {
  std::string id;
  std::string service;
  Priority priority = Priority::kNone;
  UnixMs order_at = 0;  // issue time (walk-in) or slot start (booking)
  int64_t seq = 0;      // insertion order, breaks ties
};

// The outcome of PickNext: which entry to call and the counter's new priority streak.
struct NextPick {
  int index = -1;            // into the waiting list; -1 when nothing is eligible
  int priority_streak = 0;   // consecutive priority calls including this one
};

// Picks the next ticket for a counter: among waiting tickets of the services it serves,
// priority tickets first, then the oldest order_at. After `priority_cap` priority calls in a
// row, a waiting normal ticket goes first so nobody starves (cap <= 0: no priority at all).
// Returns index -1 when no eligible ticket waits.
NextPick PickNext(const std::vector<QueueEntry>& waiting, const Counter& counter, int priority_streak,
                  int priority_cap);

// True if `a` is called before `b` when both wait for the same service (cap ignored).
bool CalledBefore(const QueueEntry& a, const QueueEntry& b, int priority_cap);

// The 1-based place of ticket `id` among waiting tickets of its own service, or 0 if absent.
int QueuePosition(const std::vector<QueueEntry>& waiting, const std::string& id, int priority_cap);

}  // namespace antre
