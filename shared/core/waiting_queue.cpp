#include "waiting_queue.h"

#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>

namespace antre {
namespace {

// The call order within a lane: oldest order_at, then insertion order (seq is unique).
using Key = std::pair<UnixMs, int64_t>;
using RankTree = __gnu_pbds::tree<Key, __gnu_pbds::null_type, std::less<Key>, __gnu_pbds::rb_tree_tag,
                                  __gnu_pbds::tree_order_statistics_node_update>;

Key KeyOf(const QueueEntry& e) { return {e.order_at, e.seq}; }

}  // namespace

struct WaitingQueue::Lane {
  RankTree tree;
  std::map<Key, std::string> ids;  // key -> ticket id, to name the head
};

WaitingQueue::WaitingQueue(int priority_cap) : cap_(priority_cap) {}
WaitingQueue::~WaitingQueue() = default;
WaitingQueue::WaitingQueue(WaitingQueue&&) noexcept = default;
WaitingQueue& WaitingQueue::operator=(WaitingQueue&&) noexcept = default;

WaitingQueue::Lane& WaitingQueue::LaneOf(const QueueEntry& e) {
  auto& lane = lanes_[{e.service, IsPriority(e)}];
  if (!lane) lane = std::make_unique<Lane>();
  return *lane;
}

const WaitingQueue::Lane* WaitingQueue::FindLane(const std::string& service, bool priority) const {
  auto it = lanes_.find({service, priority});
  return it == lanes_.end() ? nullptr : it->second.get();
}

void WaitingQueue::Put(const QueueEntry& entry) {
  Remove(entry.id);
  Lane& lane = LaneOf(entry);
  lane.tree.insert(KeyOf(entry));
  lane.ids[KeyOf(entry)] = entry.id;
  by_id_[entry.id] = entry;
}

bool WaitingQueue::Remove(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return false;
  Lane& lane = LaneOf(it->second);
  lane.tree.erase(KeyOf(it->second));
  lane.ids.erase(KeyOf(it->second));
  by_id_.erase(it);
  return true;
}

bool WaitingQueue::Contains(const std::string& id) const { return by_id_.count(id) > 0; }

size_t WaitingQueue::CountOf(const std::string& service) const {
  size_t n = 0;
  for (bool priority : {false, true}) {
    if (const Lane* lane = FindLane(service, priority)) n += lane->tree.size();
  }
  return n;
}

std::optional<std::pair<QueueEntry, int>> WaitingQueue::PickNext(const Counter& counter, int priority_streak) const {
  // The oldest head among the counter's services, per class, as PickNext's scan finds it.
  auto best_head = [&](bool priority) -> const QueueEntry* {
    const QueueEntry* best = nullptr;
    for (const std::string& service : counter.services) {
      const Lane* lane = FindLane(service, priority);
      if (lane == nullptr || lane->ids.empty()) continue;
      const QueueEntry& head = by_id_.at(lane->ids.begin()->second);
      if (best == nullptr || KeyOf(head) < KeyOf(*best)) best = &head;
    }
    return best;
  };
  const QueueEntry* best_priority = cap_ > 0 ? best_head(true) : nullptr;
  const QueueEntry* best_normal = best_head(false);
  bool cap_reached = priority_streak >= cap_;
  if (best_priority && (!best_normal || !cap_reached)) return std::make_pair(*best_priority, priority_streak + 1);
  if (best_normal) return std::make_pair(*best_normal, 0);
  return std::nullopt;
}

int WaitingQueue::Position(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return 0;
  const QueueEntry& me = it->second;
  const Lane* own = FindLane(me.service, IsPriority(me));
  size_t ahead = own ? own->tree.order_of_key(KeyOf(me)) : 0;
  // Every priority ticket of the service goes before a normal one.
  if (cap_ > 0 && !IsPriority(me)) {
    if (const Lane* priority = FindLane(me.service, true)) ahead += priority->tree.size();
  }
  return static_cast<int>(ahead) + 1;
}

std::vector<QueueEntry> WaitingQueue::Entries() const {
  std::vector<QueueEntry> out;
  out.reserve(by_id_.size());
  for (const auto& [id, e] : by_id_) out.push_back(e);
  return out;
}

}  // namespace antre
