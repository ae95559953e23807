#include <doctest/doctest.h>

#include "core/queue_policy.h"

using namespace antre;

namespace {

QueueEntry E(const char* id, const char* service, Priority p, UnixMs at) {
  static int64_t seq = 0;
  return QueueEntry{id, service, p, at, ++seq};
}

Counter C(std::vector<std::string> services) { return Counter{"1", "Loket 1", std::move(services)}; }

}  // namespace

TEST_CASE("QueuePolicy: oldest ticket of a served service goes first") {
  std::vector<QueueEntry> w = {E("t1", "kk", Priority::kNone, 100), E("t2", "rekam", Priority::kNone, 300),
                               E("t3", "rekam", Priority::kNone, 200)};
  NextPick p = PickNext(w, C({"rekam"}), 0, 3);
  CHECK(w[p.index].id == "t3");
  CHECK(p.priority_streak == 0);
  CHECK(PickNext(w, C({"cetak"}), 0, 3).index == -1);
}

TEST_CASE("QueuePolicy: priority first, until the cap lets a normal ticket through") {
  std::vector<QueueEntry> w = {E("n1", "rekam", Priority::kNone, 100), E("p1", "rekam", Priority::kLansia, 500)};
  SUBCASE("below the cap the later priority ticket wins") {
    NextPick p = PickNext(w, C({"rekam"}), 2, 3);
    CHECK(w[p.index].id == "p1");
    CHECK(p.priority_streak == 3);
  }
  SUBCASE("at the cap the waiting normal ticket wins and the streak resets") {
    NextPick p = PickNext(w, C({"rekam"}), 3, 3);
    CHECK(w[p.index].id == "n1");
    CHECK(p.priority_streak == 0);
  }
  SUBCASE("at the cap with no normal ticket waiting priority is still served") {
    std::vector<QueueEntry> only = {w[1]};
    CHECK(PickNext(only, C({"rekam"}), 3, 3).index == 0);
  }
  SUBCASE("cap 0 turns priority off") {
    CHECK(w[PickNext(w, C({"rekam"}), 0, 0).index].id == "n1");
  }
}

TEST_CASE("QueuePolicy: a full day keeps ratio priority:normal at cap:1 while both wait") {
  std::vector<QueueEntry> w;
  for (int i = 0; i < 8; ++i) w.push_back(E("p", "rekam", Priority::kHamil, 1000 + i));
  for (int i = 0; i < 8; ++i) w.push_back(E("n", "rekam", Priority::kNone, i));
  std::string order;
  int streak = 0;
  for (int i = 0; i < 8; ++i) {
    NextPick p = PickNext(w, C({"rekam"}), streak, 3);
    order += w[p.index].id;
    streak = p.priority_streak;
    w.erase(w.begin() + p.index);
  }
  CHECK(order == "pppnpppn");
}

TEST_CASE("QueuePolicy: position counts only tickets of the same service called earlier") {
  std::vector<QueueEntry> w = {E("a", "rekam", Priority::kNone, 100), E("b", "kk", Priority::kNone, 50),
                               E("c", "rekam", Priority::kNone, 200), E("d", "rekam", Priority::kDisabilitas, 300)};
  CHECK(QueuePosition(w, "d", 3) == 1);
  CHECK(QueuePosition(w, "a", 3) == 2);
  CHECK(QueuePosition(w, "c", 3) == 3);
  CHECK(QueuePosition(w, "b", 3) == 1);
  CHECK(QueuePosition(w, "zzz", 3) == 0);
}
