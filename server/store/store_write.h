// One write request of the store, done once here instead of in every operation: it runs on
// the group-commit writer with the store's lock held, opens its transaction (a savepoint
// inside a batch), rolls its site's day over, collects the events it appends, and on success
// publishes them once the batch is on disk. Any failure rolls back this request alone.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

#include "core/model.h"
#include "core/result.h"
#include "core/views.h"
#include "sql.h"

namespace antre {

class StoreCore;

class Write {
 public:
  // Opens the transaction; with a site, also rolls the site over to today (expiring tickets
  // left waiting from an earlier day). A failure is in status().
  Write(StoreCore& store, const Site* site);
  Write(const Write&) = delete;
  Write& operator=(const Write&) = delete;

  const Status& status() const { return status_; }
  const Site& site() const { return *site_; }
  Db& db();

  // Appends an event to the log (ticket and counter optional); it reaches the live streams
  // only after the batch commits. StorageFailed/StorageFull if it cannot be stored.
  Status Event(const char* type, const Ticket* ticket, const std::string& counter, const std::string& actor,
               const std::string& data);
  std::vector<antre::Event>& events() { return events_; }

  // Ends the request: releases its savepoint (or commits alone) and hands its events to be
  // published. After a failure the destructor rolls everything back.
  Status Commit();

 private:
  StoreCore& store_;
  const Site* site_;
  Transaction tx_;
  std::vector<antre::Event> events_;
  Status status_;
};

// The answer type R (Status or Result<T>) carrying an error.
template <typename R>
R Failed(const Error& e) {
  if constexpr (std::is_same_v<R, Status>) {
    return Status{e};
  } else {
    return R(e);
  }
}

inline bool Succeeded(const Status& s) { return s.ok(); }
template <typename T>
bool Succeeded(const Result<T>& r) { return r.ok(); }

}  // namespace antre
