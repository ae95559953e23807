#include "static_files.h"

#include <fcntl.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>

namespace antre {
namespace {

// ---------------------------------------------------------------- files

struct FileType {
  const char* ext;
  const char* content_type;
  bool is_text;  // worth compressing
};

const FileType kFileTypes[] = {
    {"html", "text/html; charset=utf-8", true},
    {"js", "text/javascript; charset=utf-8", true},
    {"css", "text/css; charset=utf-8", true},
    {"svg", "image/svg+xml", true},
    {"json", "application/json; charset=utf-8", true},
    {"txt", "text/plain; charset=utf-8", true},
    {"png", "image/png", false},
    {"woff2", "font/woff2", false},
    {"ico", "image/x-icon", false},
    {"wav", "audio/wav", false},
    {"ogg", "audio/ogg", false},
};

const FileType* TypeOf(const std::string& name) {
  size_t dot = name.rfind('.');
  size_t slash = name.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return nullptr;
  std::string ext = name.substr(dot + 1);
  for (const FileType& t : kFileTypes) {
    if (strcasecmp(ext.c_str(), t.ext) == 0) return &t;
  }
  return nullptr;
}

// ---------------------------------------------------------------- paths, reading, gzip

// Every segment must be a plain name: no "." or "..", no hidden files, nothing that a file
// system or a later layer could read as something else.
bool IsSafePath(const std::string& path) {
  if (path.empty() || path[0] != '/') return false;
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  size_t pos = 1;
  while (pos < path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    if (end > pos && path[pos] == '.') return false;
    pos = end + 1;
  }
  return true;
}

std::string RealPath(const std::string& path) {
  char* resolved = realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return "";
  std::string out(resolved);
  std::free(resolved);
  return out;
}

bool IsInside(const std::string& root, const std::string& file) {
  if (root == "/") return file.size() > 1;
  return file.size() > root.size() + 1 && file.compare(0, root.size(), root) == 0 &&
         file[root.size()] == '/';
}

// Reads `length` bytes at `offset`; false on a read error or a file that shrank meanwhile.
bool ReadAt(int fd, uint64_t offset, uint64_t length, std::string* out) {
  out->resize(length);
  uint64_t done = 0;
  while (done < length) {
    ssize_t n = pread(fd, &(*out)[done], length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<uint64_t>(n);
  }
  return true;
}

bool Gzip(const std::string& in, std::string* out) {
  if (in.size() > UINT_MAX) return false;
  z_stream zs{};
  // 15 + 16: a gzip wrapper (not raw zlib), as Content-Encoding: gzip requires.
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return false;
  out->resize(deflateBound(&zs, static_cast<uLong>(in.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(&(*out)[0]);
  zs.avail_out = static_cast<uInt>(out->size());
  int rc = deflate(&zs, Z_FINISH);
  out->resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END;
}

// ---------------------------------------------------------------- request headers

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// Calls `f` with each comma-separated item of a header value, trimmed.
template <typename F>
void ForEachItem(const std::string& value, F f) {
  size_t pos = 0;
  while (pos <= value.size()) {
    size_t comma = value.find(',', pos);
    if (comma == std::string::npos) comma = value.size();
    f(Trim(value.substr(pos, comma - pos)));
    pos = comma + 1;
  }
}

// True if the client takes gzip: "gzip" (or "*" when gzip is not named) with a q above 0.
bool AcceptsGzip(const std::string& header) {
  double gzip_q = -1, any_q = -1;
  ForEachItem(header, [&](const std::string& item) {
    size_t semi = item.find(';');
    std::string name = Trim(item.substr(0, semi));
    double q = 1;
    if (semi != std::string::npos) {
      std::string params = item.substr(semi + 1);
      size_t at = params.find("q=");
      if (at != std::string::npos) q = std::strtod(params.c_str() + at + 2, nullptr);
    }
    if (strcasecmp(name.c_str(), "gzip") == 0 || strcasecmp(name.c_str(), "x-gzip") == 0)
      gzip_q = q;
    if (name == "*") any_q = q;
  });
  return gzip_q >= 0 ? gzip_q > 0 : any_q > 0;
}

// If-None-Match holds `etag` (weak comparison) or is "*".
bool MatchesEtag(const std::string& header, const std::string& etag) {
  std::string opaque = etag.rfind("W/", 0) == 0 ? etag.substr(2) : etag;
  bool match = false;
  ForEachItem(header, [&](const std::string& item) {
    std::string tag = item.rfind("W/", 0) == 0 ? item.substr(2) : item;
    if (item == "*" || tag == opaque) match = true;
  });
  return match;
}

enum class RangeKind { kNone, kSatisfiable, kUnsatisfiable };

struct ByteRange {
  RangeKind kind = RangeKind::kNone;
  uint64_t first = 0, last = 0;
};

// Digits only; saturates far beyond any file size instead of overflowing.
bool ParseCount(const std::string& s, uint64_t* out) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return false;
  constexpr uint64_t kHuge = 1ULL << 62;
  uint64_t v = 0;
  for (char c : s) v = std::min(kHuge, v * 10 + static_cast<uint64_t>(c - '0'));
  *out = v;
  return true;
}

// One range of "bytes=a-b", "bytes=a-" or "bytes=-n". Anything else (another unit, several
// ranges, bad syntax) is kNone: the header is ignored and the whole file is sent.
ByteRange ParseRange(const std::string& header, uint64_t size) {
  ByteRange r;
  const std::string kUnit = "bytes=";
  if (strncasecmp(header.c_str(), kUnit.c_str(), kUnit.size()) != 0) return r;
  std::string spec = Trim(header.substr(kUnit.size()));
  if (spec.find(',') != std::string::npos) return r;
  size_t dash = spec.find('-');
  if (dash == std::string::npos) return r;
  std::string a = Trim(spec.substr(0, dash)), b = Trim(spec.substr(dash + 1));
  uint64_t first = 0, last = 0;
  if (a.empty()) {
    if (!ParseCount(b, &last)) return r;
    if (last == 0 || size == 0) return {RangeKind::kUnsatisfiable, 0, 0};
    return {RangeKind::kSatisfiable, size - std::min(last, size), size - 1};
  }
  if (!ParseCount(a, &first)) return r;
  if (b.empty()) {
    last = UINT64_MAX;
  } else if (!ParseCount(b, &last) || last < first) {
    return r;
  }
  if (first >= size) return {RangeKind::kUnsatisfiable, 0, 0};
  return {RangeKind::kSatisfiable, first, std::min(last, size - 1)};
}

std::string Hex(uint64_t v) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%llx", static_cast<unsigned long long>(v));
  return buf;
}

struct FdCloser {
  int fd;
  ~FdCloser() { close(fd); }
};

}  // namespace

// ---------------------------------------------------------------- serving

std::string ContentTypeForFile(const std::string& name) {
  const FileType* t = TypeOf(name);
  return t ? t->content_type : "application/octet-stream";
}

bool StaticFiles::Serve(const std::string& root, const std::string& path, const HttpRequest& req,
                        HttpResponse& res) {
  if (root.empty() || !IsSafePath(path)) return false;
  std::string root_real = RealPath(root);
  std::string file = RealPath(root + (path.back() == '/' ? path + "index.html" : path));
  // realpath follows symlinks: what is served must still lie under the root.
  if (root_real.empty() || file.empty() || !IsInside(root_real, file)) return false;
  int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  FdCloser closer{fd};
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  const int64_t mtime_ns =
      static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  const FileType* type = TypeOf(file);
  const bool is_text = type != nullptr && type->is_text;
  const bool is_head = req.method == "HEAD";
  const std::string etag = "W/\"" + Hex(size) + "-" + Hex(static_cast<uint64_t>(mtime_ns)) + "\"";

  HttpResponse out;
  out.SetHeader("ETag", etag);
  // Pages change when the server is updated: the browser revalidates, a 304 costs little.
  out.SetHeader("Cache-Control", "no-cache");
  if (is_text) out.SetHeader("Vary", "Accept-Encoding");
  if (MatchesEtag(req.Header("If-None-Match"), etag)) {
    out.status = 304;
    res = std::move(out);
    return true;
  }
  out.SetHeader("Accept-Ranges", "bytes");
  out.SetHeader("X-Content-Type-Options", "nosniff");
  out.content_type = ContentTypeForFile(file);

  // Ranges are for GET. An If-Range names a validator, and ours are weak, which If-Range never
  // matches: the whole file then goes out, as RFC 9110 asks.
  const bool has_range = req.HasHeader("Range");
  ByteRange range;
  if (has_range && !is_head && !req.HasHeader("If-Range"))
    range = ParseRange(req.Header("Range"), size);
  if (range.kind == RangeKind::kUnsatisfiable) {
    HttpResponse refused;
    refused.status = 416;
    refused.SetHeader("Content-Range", "bytes */" + std::to_string(size));
    res = std::move(refused);
    return true;
  }
  if (range.kind == RangeKind::kSatisfiable) {
    if (!ReadAt(fd, range.first, range.last - range.first + 1, &out.body)) return false;
    out.status = 206;
    out.SetHeader("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                       std::to_string(range.last) + "/" + std::to_string(size));
    res = std::move(out);
    return true;
  }
  // A client asking for a range resumes identity bytes: never answer it compressed.
  if (is_text && !has_range && AcceptsGzip(req.Header("Accept-Encoding"))) {
    auto gzip = Gzipped(file, fd, static_cast<int64_t>(size), mtime_ns);
    if (gzip) {
      out.SetHeader("Content-Encoding", "gzip");
      if (is_head) {
        out.SetHeader("Content-Length", std::to_string(gzip->size()));
      } else {
        out.body = *gzip;
      }
      res = std::move(out);
      return true;
    }
  }
  if (is_head) {
    out.SetHeader("Content-Length", std::to_string(size));
  } else if (!ReadAt(fd, 0, size, &out.body)) {
    return false;
  }
  res = std::move(out);
  return true;
}

std::shared_ptr<const std::string> StaticFiles::Gzipped(const std::string& file, int fd,
                                                        int64_t size, int64_t mtime_ns) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(file);
    if (it != cache_.end() && it->second.size == size && it->second.mtime_ns == mtime_ns) {
      it->second.last_used = ++clock_;
      return it->second.gzip;
    }
  }
  // Compressed outside the lock: two first requests may both compress, which is harmless.
  std::string content;
  auto gzip = std::make_shared<std::string>();
  if (!ReadAt(fd, 0, static_cast<uint64_t>(size), &content) || !Gzip(content, gzip.get()))
    return nullptr;
  std::lock_guard<std::mutex> lock(mu_);
  auto old = cache_.find(file);
  if (old != cache_.end()) {
    cache_used_ -= old->second.gzip->size();
    cache_.erase(old);
  }
  // One big file must not push every other out: it is compressed per request instead.
  if (gzip->size() > cache_limit_ / 4) return gzip;
  while (cache_used_ + gzip->size() > cache_limit_ && !cache_.empty()) {
    auto oldest = std::min_element(cache_.begin(), cache_.end(), [](const auto& a, const auto& b) {
      return a.second.last_used < b.second.last_used;
    });
    cache_used_ -= oldest->second.gzip->size();
    cache_.erase(oldest);
  }
  cache_[file] = Cached{size, mtime_ns, gzip, ++clock_};
  cache_used_ += gzip->size();
  return gzip;
}

size_t StaticFiles::cached_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cache_used_;
}

}  // namespace antre
