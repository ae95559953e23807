#include "queue_policy.h"

namespace antre {
namespace {

bool OlderThan(const QueueEntry& a, const QueueEntry& b) {
  if (a.order_at != b.order_at) return a.order_at < b.order_at;
  return a.seq < b.seq;
}

}  // namespace

bool CalledBefore(const QueueEntry& a, const QueueEntry& b, int priority_cap) {
  if (priority_cap > 0) {
    bool pa = a.priority != Priority::kNone, pb = b.priority != Priority::kNone;
    if (pa != pb) return pa;
  }
  return OlderThan(a, b);
}

NextPick PickNext(const std::vector<QueueEntry>& waiting, const Counter& counter, int priority_streak,
                  int priority_cap) {
  int best_priority = -1, best_normal = -1;
  for (int i = 0; i < static_cast<int>(waiting.size()); ++i) {
    const QueueEntry& e = waiting[i];
    if (!counter.Serves(e.service)) continue;
    int& best = (priority_cap > 0 && e.priority != Priority::kNone) ? best_priority : best_normal;
    if (best < 0 || OlderThan(e, waiting[best])) best = i;
  }
  NextPick pick;
  bool cap_reached = priority_streak >= priority_cap;
  if (best_priority >= 0 && (best_normal < 0 || !cap_reached)) {
    pick.index = best_priority;
    pick.priority_streak = priority_streak + 1;
  } else if (best_normal >= 0) {
    pick.index = best_normal;
    pick.priority_streak = 0;
  }
  return pick;
}

int QueuePosition(const std::vector<QueueEntry>& waiting, const std::string& id, int priority_cap) {
  const QueueEntry* me = nullptr;
  for (const auto& e : waiting) {
    if (e.id == id) me = &e;
  }
  if (me == nullptr) return 0;
  int ahead = 0;
  for (const auto& e : waiting) {
    if (e.id != id && e.service == me->service && CalledBefore(e, *me, priority_cap)) ++ahead;
  }
  return ahead + 1;
}

}  // namespace antre
