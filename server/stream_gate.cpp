#include "stream_gate.h"

#include <cassert>
#include <utility>

namespace antre {

StreamSlot::StreamSlot(StreamSlot&& other) noexcept
    : gate_(std::exchange(other.gate_, nullptr)), kind_(other.kind_), address_(std::move(other.address_)) {}

StreamSlot& StreamSlot::operator=(StreamSlot&& other) noexcept {
  if (this != &other) {
    Release();
    gate_ = std::exchange(other.gate_, nullptr);
    kind_ = other.kind_;
    address_ = std::move(other.address_);
  }
  return *this;
}

void StreamSlot::Release() {
  // Clearing gate_ first makes a second Release (or the destructor after it) a no-op.
  if (StreamGate* gate = std::exchange(gate_, nullptr)) gate->Close(kind_, address_);
}

Result<StreamSlot> StreamGate::TryOpen(StreamKind kind, const std::string& address, const StreamCaps& caps) {
  std::lock_guard<std::mutex> lock(mu_);
  if (kind == StreamKind::kDevice) {
    if (devices_ >= caps.max_device) {
      return MakeError(ErrorCode::kUnavailable, "too many open device event streams; retry shortly");
    }
    ++devices_;
    return StreamSlot(this, kind, "");
  }
  if (public_ >= caps.max_public) {
    return MakeError(ErrorCode::kUnavailable, "too many open public event streams; retry shortly");
  }
  auto it = per_address_.find(address);
  if (it != per_address_.end() && it->second >= caps.max_public_per_address) {
    return MakeError(ErrorCode::kUnavailable, "too many open event streams from this address; close one or retry later");
  }
  ++public_;
  ++per_address_[address];
  return StreamSlot(this, kind, address);
}

void StreamGate::Close(StreamKind kind, const std::string& address) {
  std::lock_guard<std::mutex> lock(mu_);
  if (kind == StreamKind::kDevice) {
    assert(devices_ > 0);
    --devices_;
    return;
  }
  assert(public_ > 0);
  --public_;
  // Erasing at zero keeps the map as small as the set of addresses with a stream open.
  auto it = per_address_.find(address);
  assert(it != per_address_.end());
  if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
}

int StreamGate::device_streams() const {
  std::lock_guard<std::mutex> lock(mu_);
  return devices_;
}

int StreamGate::public_streams() const {
  std::lock_guard<std::mutex> lock(mu_);
  return public_;
}

int StreamGate::open_streams() const {
  std::lock_guard<std::mutex> lock(mu_);
  return devices_ + public_;
}

int StreamGate::streams_of(const std::string& address) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = per_address_.find(address);
  return it == per_address_.end() ? 0 : it->second;
}

}  // namespace antre
