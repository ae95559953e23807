#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "core/queue_policy.h"
#include "core/waiting_queue.h"

using namespace antre;

namespace {

Counter C(std::vector<std::string> services) { return Counter{"1", "Loket 1", std::move(services)}; }

// The scan answers (queue_policy) for the same entries, to hold the index to.
std::string ScanPick(const std::vector<QueueEntry>& w, const Counter& c, int streak, int cap, int* new_streak) {
  NextPick p = PickNext(w, c, streak, cap);
  *new_streak = p.priority_streak;
  return p.index < 0 ? "" : w[p.index].id;
}

}  // namespace

TEST_CASE("WaitingQueue: place in line counts priority tickets of the service first, then age") {
  WaitingQueue q(3);
  q.Put({"n1", "rekam", Priority::kNone, 100, 1});
  q.Put({"n2", "rekam", Priority::kNone, 200, 2});
  q.Put({"p1", "rekam", Priority::kLansia, 300, 3});
  q.Put({"k1", "kk", Priority::kNone, 50, 4});
  CHECK(q.Position("p1") == 1);
  CHECK(q.Position("n1") == 2);
  CHECK(q.Position("n2") == 3);
  CHECK(q.Position("k1") == 1);
  CHECK(q.Position("gone") == 0);
  CHECK(q.CountOf("rekam") == 3);
  CHECK(q.Remove("n1"));
  CHECK_FALSE(q.Remove("n1"));
  CHECK(q.Position("n2") == 2);
}

TEST_CASE("WaitingQueue: with no priority (cap 0) only age counts") {
  WaitingQueue q(0);
  q.Put({"n1", "rekam", Priority::kNone, 100, 1});
  q.Put({"p1", "rekam", Priority::kHamil, 300, 2});
  CHECK(q.Position("n1") == 1);
  CHECK(q.Position("p1") == 2);
  auto pick = q.PickNext(C({"rekam"}), 0);
  REQUIRE(pick);
  CHECK(pick->first.id == "n1");
}

TEST_CASE("WaitingQueue: a booking ordered by its slot goes ahead of later walk-ins") {
  WaitingQueue q(3);
  q.Put({"w1", "rekam", Priority::kNone, 1000, 1});
  q.Put({"w2", "rekam", Priority::kNone, 2000, 2});
  q.Put({"b1", "rekam", Priority::kNone, 1500, 3});  // checked in later, slot earlier
  CHECK(q.Position("b1") == 2);
  CHECK(q.Position("w2") == 3);
}

TEST_CASE("WaitingQueue: thousands of random changes give exactly the scan's picks and places") {
  const char* services[] = {"rekam", "kk", "akta", "cetak"};
  const Priority priorities[] = {Priority::kNone, Priority::kNone, Priority::kNone, Priority::kLansia,
                                 Priority::kHamil};
  const std::vector<Counter> counters = {C({"rekam"}), C({"kk", "akta"}), C({"rekam", "kk", "akta", "cetak"}),
                                         C({"cetak"})};
  for (int cap : {0, 1, 3}) {
    CAPTURE(cap);
    std::mt19937 rng(1234 + cap);
    WaitingQueue q(cap);
    std::vector<QueueEntry> scan;
    std::vector<int> streaks(counters.size(), 0);
    int64_t seq = 0;
    for (int step = 0; step < 3000; ++step) {
      int op = static_cast<int>(rng() % 10);
      if (op < 5 || scan.empty()) {
        // Issue or check in: order_at mostly grows, sometimes earlier (a booking's slot).
        QueueEntry e{"t" + std::to_string(++seq), services[rng() % 4], priorities[rng() % 5],
                     static_cast<UnixMs>(seq * 10 - (rng() % 4 == 0 ? rng() % 500 : 0)), seq};
        q.Put(e);
        scan.push_back(e);
      } else if (op < 8) {
        size_t c = rng() % counters.size();
        int scan_streak = 0;
        std::string expected = ScanPick(scan, counters[c], streaks[c], cap, &scan_streak);
        auto pick = q.PickNext(counters[c], streaks[c]);
        REQUIRE(expected == (pick ? pick->first.id : std::string()));
        if (!pick) continue;
        CHECK(pick->second == scan_streak);
        streaks[c] = pick->second;
        q.Remove(expected);
        scan.erase(std::find_if(scan.begin(), scan.end(), [&](const QueueEntry& e) { return e.id == expected; }));
      } else {
        // A cancel or a transfer to another service from anywhere in the line.
        size_t i = rng() % scan.size();
        if (op == 8) {
          q.Remove(scan[i].id);
          scan.erase(scan.begin() + static_cast<long>(i));
        } else {
          scan[i].service = services[rng() % 4];
          q.Put(scan[i]);
        }
      }
      if (step % 50 == 0 || step > 2950) {
        for (const QueueEntry& e : scan) REQUIRE(q.Position(e.id) == QueuePosition(scan, e.id, cap));
      }
      REQUIRE(q.size() == scan.size());
    }
  }
}
