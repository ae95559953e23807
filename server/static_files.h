// Static files of the web pages, served from a folder on the transport seam's own types:
// content type by extension, a weak ETag (If-None-Match gives 304), one byte range (206, or
// 416 when it lies past the end; several ranges are ignored, never sent as multipart, so a
// request cannot make the answer bigger than the file), and gzip for text, compressed once per
// file version and kept in a bounded cache.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "http/message.h"

namespace antre {

class StaticFiles {
 public:
  // Compressed copies kept in memory, all files together.
  static constexpr size_t kDefaultCacheBytes = 8 * 1024 * 1024;

  explicit StaticFiles(size_t cache_bytes = kDefaultCacheBytes) : cache_limit_(cache_bytes) {}

  // Answers a GET or HEAD of `path` (a decoded request path such as "/static/a.js"; a path
  // ending in "/" means its index.html) from the folder `root`. Returns false, leaving `res`
  // as it was, when the path is unsafe (a "." or ".." segment, a hidden name, NUL, backslash,
  // or a symlink leading out of `root`) or names no regular file.
  bool Serve(const std::string& root, const std::string& path, const HttpRequest& req,
             HttpResponse& res);

  // Bytes of compressed copies held now (for tests).
  size_t cached_bytes() const;

 private:
  struct Cached {
    int64_t size = 0;
    int64_t mtime_ns = 0;
    std::shared_ptr<const std::string> gzip;
    uint64_t last_used = 0;
  };
  // The gzip copy of `file` (open as `fd`, with the size and mtime fstat gave), from the cache
  // or compressed now; nullptr if it cannot be read or compressed.
  std::shared_ptr<const std::string> Gzipped(const std::string& file, int fd, int64_t size,
                                             int64_t mtime_ns);

  const size_t cache_limit_;
  mutable std::mutex mu_;
  std::map<std::string, Cached> cache_;  // by resolved file path
  size_t cache_used_ = 0;
  uint64_t clock_ = 0;
};

// The Content-Type for a file name by its extension; application/octet-stream if unknown.
std::string ContentTypeForFile(const std::string& name);

}  // namespace antre
