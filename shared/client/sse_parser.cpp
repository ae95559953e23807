#include "client/sse_parser.h"

namespace antre {

SseParser::SseParser(size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}

bool SseParser::Feed(std::string_view chunk, std::vector<SseEvent>* out) {
  if (has_error()) return false;
  size_t i = 0;
  // A CRLF split across two chunks is one line ending, not a CR line then an empty line
  // (which would dispatch an event early).
  if (skip_lf_ && !chunk.empty()) {
    if (chunk[0] == '\n') i = 1;
    skip_lf_ = false;
  }
  while (i < chunk.size()) {
    size_t end = chunk.find_first_of("\r\n", i);
    size_t stop = end == std::string_view::npos ? chunk.size() : end;
    if (line_.size() + (stop - i) > max_line_bytes_) {
      error_ = "line longer than " + std::to_string(max_line_bytes_) + " bytes";
      line_.clear();
      return false;
    }
    line_.append(chunk.data() + i, stop - i);
    if (end == std::string_view::npos) break;
    ProcessLine(out);
    if (has_error()) return false;
    line_.clear();
    if (chunk[end] == '\r') {
      if (end + 1 < chunk.size()) {
        if (chunk[end + 1] == '\n') ++end;
      } else {
        skip_lf_ = true;
      }
    }
    i = end + 1;
  }
  return true;
}

void SseParser::ResetConnection() {
  line_.clear();
  skip_lf_ = false;
  at_stream_start_ = true;
  data_.clear();
  type_.clear();
  // An id received as part of an event that never completed must not be resumed from.
  id_buffer_ = last_event_id_;
  error_.clear();
}

void SseParser::ProcessLine(std::vector<SseEvent>* out) {
  std::string_view line(line_);
  if (at_stream_start_) {
    // The spec allows one UTF-8 byte order mark before the first line; lines arrive whole
    // here, so a BOM split across chunks is handled too.
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    at_stream_start_ = false;
  }
  if (line.empty()) {
    Dispatch(out);
    return;
  }
  if (line[0] == ':') {
    ++comments_seen_;
    return;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    ProcessField(line, std::string_view());
    return;
  }
  std::string_view value = line.substr(colon + 1);
  if (!value.empty() && value[0] == ' ') value.remove_prefix(1);
  ProcessField(line.substr(0, colon), value);
}

void SseParser::ProcessField(std::string_view name, std::string_view value) {
  if (name == "event") {
    type_.assign(value);
  } else if (name == "data") {
    if (data_.size() + value.size() + 1 > max_line_bytes_) {
      error_ = "event data longer than " + std::to_string(max_line_bytes_) + " bytes";
      return;
    }
    data_.append(value);
    data_.push_back('\n');
  } else if (name == "id") {
    if (value.find('\0') == std::string_view::npos) id_buffer_.assign(value);
  } else if (name == "retry") {
    if (value.empty() || value.size() > 12) return;
    int64_t ms = 0;
    for (char c : value) {
      if (c < '0' || c > '9') return;
      ms = ms * 10 + (c - '0');
    }
    retry_ms_ = ms;
  }
  // Unknown field names are ignored, as the spec requires.
}

void SseParser::Dispatch(std::vector<SseEvent>* out) {
  // The last event id moves even for an event without data: a server may send a bare
  // "id:" block to advance the resume point.
  last_event_id_ = id_buffer_;
  if (data_.empty()) {
    type_.clear();
    return;
  }
  data_.pop_back();  // the '\n' after the last data line
  SseEvent event;
  event.id = id_buffer_;
  event.type = type_.empty() ? "message" : type_;
  event.data = std::move(data_);
  out->push_back(std::move(event));
  data_.clear();
  type_.clear();
}

}  // namespace antre
