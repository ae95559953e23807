// Admission of event streams in two classes. Device streams (a kiosk's, a display's or a
// staff page's, proven by its token) have their own cap, so public readers — residents'
// ticket pages, anonymous displays, anyone on the network — can never take the last places a
// wall display needs. Public streams are capped in total and per client address.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "core/result.h"

namespace antre {

class StreamGate;

// Which class a stream is counted in.
enum class StreamKind { kDevice, kPublic };

// The caps TryOpen checks (limits.max_device_streams, max_streams, max_streams_per_address).
struct StreamCaps {
  int max_device = 256;
  int max_public = 64;
  int max_public_per_address = 16;
};

// One admitted stream. Move-only; its place is given back exactly once, when the last owner
// of it is destroyed (or Release() is called). An empty slot holds nothing.
class StreamSlot {
 public:
  StreamSlot() = default;
  ~StreamSlot() { Release(); }
  StreamSlot(StreamSlot&& other) noexcept;
  StreamSlot& operator=(StreamSlot&& other) noexcept;
  StreamSlot(const StreamSlot&) = delete;
  StreamSlot& operator=(const StreamSlot&) = delete;

  // Gives the place back now; later calls (and the destructor) do nothing.
  void Release();
  bool is_held() const { return gate_ != nullptr; }
  StreamKind kind() const { return kind_; }

 private:
  friend class StreamGate;
  StreamSlot(StreamGate* gate, StreamKind kind, std::string address)
      : gate_(gate), kind_(kind), address_(std::move(address)) {}

  StreamGate* gate_ = nullptr;
  StreamKind kind_ = StreamKind::kPublic;
  std::string address_;  // public streams only
};

// Counts open streams per class and public streams per client address. Thread-safe; must
// outlive every slot it gave out.
class StreamGate {
 public:
  // Takes a place of `kind`; a public stream also takes one of `address`'s. Returns
  // Unavailable, taking nothing, when the class's cap or the address's cap is reached.
  Result<StreamSlot> TryOpen(StreamKind kind, const std::string& address, const StreamCaps& caps);

  int device_streams() const;
  int public_streams() const;
  // Device and public streams together.
  int open_streams() const;
  // Public streams open from `address` (0 if none).
  int streams_of(const std::string& address) const;

 private:
  friend class StreamSlot;
  void Close(StreamKind kind, const std::string& address);

  mutable std::mutex mu_;
  int devices_ = 0;
  int public_ = 0;
  std::map<std::string, int> per_address_;  // only addresses with an open public stream
};

}  // namespace antre
