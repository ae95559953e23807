#include "site_event_source.h"

#include <algorithm>
#include <utility>

namespace antre {
namespace {

constexpr size_t kBatch = 200;

}  // namespace

SiteEventSource::SiteEventSource(Store* store, EventHub* hub, std::string site, int64_t cursor,
                                 StreamFilter filter, std::chrono::milliseconds heartbeat, StreamSlot slot)
    : store_(store),
      hub_(hub),
      site_(std::move(site)),
      filter_(std::move(filter)),
      heartbeat_(heartbeat),
      cursor_(cursor),
      slot_(std::move(slot)) {}

SiteEventSource::~SiteEventSource() { CancelWait(); }

bool SiteEventSource::Read(std::string* out) {
  if (!has_sent_hello_) {
    has_sent_hello_ = true;
    *out += "retry: 2000\n: connected\n\n";
    return true;
  }
  // The ring has each event encoded once; only a cursor older than the ring reads the database.
  if (!hub_->ReadAfter(site_, &cursor_, out, kBatch, filter_)) {
    int64_t published = hub_->LastId(site_);  // read first: later events stay unread
    auto events = store_->EventsAfter(site_, cursor_, static_cast<int>(kBatch));
    if (!events.ok()) return false;
    for (const Event& e : events.value()) {
      if (filter_.Matches(e.ticket, QueuesOf(e))) *out += FormatSse(e);
    }
    if (!events.value().empty()) cursor_ = events.value().back().id;
    // Events of a finished day are skipped by EventsAfter: move past them too.
    if (events.value().size() < kBatch) cursor_ = std::max(cursor_, published);
  }
  return !hub_->stopped();
}

void SiteEventSource::OnReady(std::function<void()> wake) {
  CancelWait();
  is_waiting_ = true;
  wait_handle_ = hub_->Subscribe(site_, cursor_, std::move(wake));
}

void SiteEventSource::CancelWait() {
  if (!is_waiting_) return;
  is_waiting_ = false;
  hub_->Unsubscribe(wait_handle_);
}

}  // namespace antre
