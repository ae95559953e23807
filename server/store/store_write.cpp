#include "store_write.h"

#include "store_core.h"

namespace antre {

Write::Write(StoreCore& store, const Site* site) : store_(store), site_(site), tx_(*store.db_) {
  status_ = tx_.begin_status();
  if (status_.ok() && site_ != nullptr) status_ = store_.RollOverLocked(*site_, &events_);
}

Db& Write::db() { return *store_.db_; }

Status Write::Event(const char* type, const Ticket* ticket, const std::string& counter, const std::string& actor,
                    const std::string& data) {
  auto id = store_.AppendEvent(*site_, type, ticket, counter, actor, data, &events_);
  return id.ok() ? Status::Ok() : Status{id.error()};
}

Status Write::Commit() {
  Status st = tx_.Commit();
  if (!st.ok()) return st;
  store_.Publish(events_);
  events_.clear();
  return Status::Ok();
}

}  // namespace antre
