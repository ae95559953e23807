// Today's waiting tickets of one site, kept in the order the queue rule calls them, so that a
// ticket's place in line and a counter's next ticket cost O(log n), not a scan of the queue.
// Gives exactly the answers of PickNext and QueuePosition (queue_policy.h) over the same
// entries; tests hold it to that.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "queue_policy.h"

namespace antre {

class WaitingQueue {
 public:
  // `priority_cap` as in PickNext: <= 0 means no priority at all.
  explicit WaitingQueue(int priority_cap = 3);
  ~WaitingQueue();
  WaitingQueue(WaitingQueue&&) noexcept;
  WaitingQueue& operator=(WaitingQueue&&) noexcept;

  // Adds a waiting ticket, or replaces the entry with the same id.
  void Put(const QueueEntry& entry);
  // Removes a ticket; false if it was not waiting here.
  bool Remove(const std::string& id);
  bool Contains(const std::string& id) const;
  size_t size() const { return by_id_.size(); }
  // Waiting tickets of one service.
  size_t CountOf(const std::string& service) const;

  // The ticket PickNext would choose for `counter`, with the counter's new priority streak;
  // nullopt when nothing it serves waits.
  std::optional<std::pair<QueueEntry, int>> PickNext(const Counter& counter, int priority_streak) const;
  // The 1-based place of `id` among waiting tickets of its service, as QueuePosition; 0 if absent.
  int Position(const std::string& id) const;
  // Every entry, by id (to compare with a queue rebuilt from the database).
  std::vector<QueueEntry> Entries() const;

 private:
  struct Lane;  // one service's priority or normal tickets, as an order-statistic tree
  Lane& LaneOf(const QueueEntry& e);
  const Lane* FindLane(const std::string& service, bool priority) const;
  bool IsPriority(const QueueEntry& e) const { return cap_ > 0 && e.priority != Priority::kNone; }

  int cap_;
  std::map<std::string, QueueEntry> by_id_;
  std::map<std::pair<std::string, bool>, std::unique_ptr<Lane>> lanes_;  // (service, priority)
};

}  // namespace antre
