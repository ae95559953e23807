// An incremental server-sent-events parser (WHATWG HTML "event stream" rules) with no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace antre {

// One dispatched event: its id (the last id seen, which persists across events), its type
// ("message" when the stream named none) and its data lines joined with '\n'.
struct SseEvent {
  std::string id;
  std::string type;
  std::string data;
};

// Turns byte chunks, split anywhere, into complete events. Memory is bounded: a line or an
// event's data longer than the limit puts the parser in a sticky error state.
class SseParser {
 public:
  static constexpr size_t kDefaultMaxLineBytes = 1024 * 1024;

  // Creates a parser that refuses lines and event data longer than max_line_bytes.
  explicit SseParser(size_t max_line_bytes = kDefaultMaxLineBytes);

  // Parses a chunk and appends each completed event to *out; returns false (and parses
  // nothing more) once a line or event exceeded the limit.
  bool Feed(std::string_view chunk, std::vector<SseEvent>* out);

  // Forgets a half-received line and event, as at a reconnect; keeps the last event id
  // and retry time, and clears the error state.
  void ResetConnection();

  // The id a reconnect should send as Last-Event-ID; empty if the server never set one.
  const std::string& last_event_id() const { return last_event_id_; }
  // The server's requested reconnection delay in ms from `retry:`, or -1 if it sent none.
  int64_t retry_ms() const { return retry_ms_; }
  // How many comment lines (heartbeats such as ": ping") were seen in total.
  int64_t comments_seen() const { return comments_seen_; }
  // True once a line or event exceeded the limit; see error().
  bool has_error() const { return !error_.empty(); }
  // What went wrong, or empty.
  const std::string& error() const { return error_; }

 private:
  void ProcessLine(std::vector<SseEvent>* out);
  void ProcessField(std::string_view name, std::string_view value);
  void Dispatch(std::vector<SseEvent>* out);

  size_t max_line_bytes_;
  std::string line_;             // bytes of the line being received
  bool skip_lf_ = false;         // the previous chunk ended in CR; a leading LF belongs to it
  bool at_stream_start_ = true;  // a UTF-8 BOM may only appear here
  std::string data_;             // data buffer of the event being received
  std::string type_;             // event type buffer
  std::string id_buffer_;        // last event id buffer (persists across events)
  std::string last_event_id_;    // id of the last dispatched event
  int64_t retry_ms_ = -1;
  int64_t comments_seen_ = 0;
  std::string error_;
};

}  // namespace antre
