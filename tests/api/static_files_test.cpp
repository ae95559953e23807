// StaticFiles: safe paths, ETag/304, one range at most, gzip with a bounded cache, HEAD.
#include "static_files.h"

#include <doctest/doctest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "../support/temp_dir.h"

using namespace antre;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A web root with a text page, a binary file, a folder, and a secret beside the root.
struct Site {
  TempDir dir;
  std::string root = dir.File("web");
  std::string page;
  std::string png;
  StaticFiles files;

  Site() {
    std::filesystem::create_directories(root + "/sub/deeper");
    for (int i = 0; i < 300; ++i)
      page += "<li>Loket " + std::to_string(i % 7) + " memanggil A" + std::to_string(i) + "</li>\n";
    Write("page.html", page);
    for (int i = 0; i < 1000; ++i) png += static_cast<char>((i * 37) % 256);
    Write("logo.png", png);
    Write("sub/index.html", "<p>index</p>");
    std::ofstream(dir.File("secret.txt")) << "not for the web";
  }
  void Write(const std::string& name, const std::string& content) {
    std::ofstream(root + "/" + name, std::ios::binary) << content;
  }
  HttpResponse Get(const std::string& path, Headers headers = {},
                   const std::string& method = "GET") {
    HttpRequest req;
    req.method = method;
    req.path = path;
    req.headers = std::move(headers);
    HttpResponse res;
    res.status = -1;  // shows whether Serve answered
    if (!files.Serve(root, path, req, res)) CHECK(res.status == -1);
    return res;
  }
};

std::string Gunzip(const std::string& in) {
  z_stream zs{};
  REQUIRE(inflateInit2(&zs, 15 + 16) == Z_OK);
  std::string out;
  char buf[4096];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  CHECK(rc == Z_STREAM_END);
  return out;
}

}  // namespace

TEST_CASE("StaticFiles: a whole file with its type, a weak ETag and no-cache") {
  Site s;
  HttpResponse res = s.Get("/page.html");
  CHECK(res.status == 200);
  CHECK(res.body == s.page);
  CHECK(res.content_type == "text/html; charset=utf-8");
  CHECK(res.Header("ETag").rfind("W/\"", 0) == 0);
  CHECK(res.Header("Cache-Control") == "no-cache");
  CHECK(res.Header("Content-Encoding") == "");
  HttpResponse png = s.Get("/logo.png");
  CHECK(png.body == s.png);
  CHECK(png.content_type == "image/png");
  CHECK(png.Header("ETag") != res.Header("ETag"));
  CHECK(s.Get("/sub/").body == "<p>index</p>");
}

TEST_CASE("StaticFiles: content types by extension") {
  const std::pair<const char*, const char*> kTypes[] = {
      {"a.html", "text/html; charset=utf-8"},
      {"a.js", "text/javascript; charset=utf-8"},
      {"a.css", "text/css; charset=utf-8"},
      {"a.svg", "image/svg+xml"},
      {"a.png", "image/png"},
      {"a.json", "application/json; charset=utf-8"},
      {"a.woff2", "font/woff2"},
      {"a.ico", "image/x-icon"},
      {"a.txt", "text/plain; charset=utf-8"},
      {"a.wav", "audio/wav"},
      {"a.ogg", "audio/ogg"},
      {"A.HTML", "text/html; charset=utf-8"},
      {"a.bin", "application/octet-stream"},
      {"noext", "application/octet-stream"},
      {"d.ir/noext", "application/octet-stream"},
  };
  for (const auto& [name, type] : kTypes) {
    CAPTURE(name);
    CHECK(ContentTypeForFile(name) == type);
  }
}

TEST_CASE("StaticFiles: If-None-Match with the ETag gives 304 without a body") {
  Site s;
  std::string etag = s.Get("/page.html").Header("ETag");
  const std::pair<std::string, int> kCases[] = {
      {etag, 304},
      {"\"other\", " + etag, 304},
      {etag.substr(2), 304},  // the same tag without W/: weak comparison
      {"*", 304},
      {"W/\"other\"", 200},
  };
  for (const auto& [header, status] : kCases) {
    CAPTURE(header);
    HttpResponse res = s.Get("/page.html", {{"If-None-Match", header}});
    CHECK(res.status == status);
    CHECK(res.body.size() == (status == 304 ? 0 : s.page.size()));
    CHECK(res.Header("ETag") == etag);
  }
  // A changed file has another tag.
  s.Write("page.html", s.page + "<!-- v2 -->");
  CHECK(s.Get("/page.html", {{"If-None-Match", etag}}).status == 200);
}

TEST_CASE("StaticFiles: one range gives 206; several are ignored; past the end gives 416") {
  Site s;
  const std::string& f = s.png;  // 1000 bytes
  struct Case {
    const char* range;
    int status;
    std::string body;
    const char* content_range;
  };
  const Case kCases[] = {
      {"bytes=0-9", 206, f.substr(0, 10), "bytes 0-9/1000"},
      {"bytes=990-", 206, f.substr(990), "bytes 990-999/1000"},
      {"bytes=-5", 206, f.substr(995), "bytes 995-999/1000"},
      {"bytes=-5000", 206, f, "bytes 0-999/1000"},
      {"bytes=500-99999", 206, f.substr(500), "bytes 500-999/1000"},
      {"bytes=999-999", 206, f.substr(999), "bytes 999-999/1000"},
      {"bytes=0-,0-,0-", 200, f, ""},  // never multipart: not more bytes than the file
      {"bytes=0-1,5-6", 200, f, ""},
      {"bytes=5-2", 200, f, ""},  // invalid: ignored
      {"bytes=x-", 200, f, ""},
      {"items=0-1", 200, f, ""},
      {"bytes=999999-", 416, "", "bytes */1000"},
      {"bytes=1000-", 416, "", "bytes */1000"},
      {"bytes=-0", 416, "", "bytes */1000"},
      {"bytes=99999999999999999999999999-", 416, "", "bytes */1000"},
  };
  for (const Case& c : kCases) {
    CAPTURE(c.range);
    HttpResponse res = s.Get("/logo.png", {{"Range", c.range}});
    CHECK(res.status == c.status);
    CHECK(res.body == c.body);
    CHECK(res.Header("Content-Range") == c.content_range);
  }
  // If-Range names a validator; ours are weak, so the whole file comes back.
  HttpResponse if_range =
      s.Get("/logo.png", {{"Range", "bytes=0-9"}, {"If-Range", s.Get("/logo.png").Header("ETag")}});
  CHECK(if_range.status == 200);
  CHECK(if_range.body == f);
}

TEST_CASE("StaticFiles: text is gzipped when the client takes gzip and asked no range") {
  Site s;
  HttpResponse res = s.Get("/page.html", {{"Accept-Encoding", "br, gzip, deflate"}});
  CHECK(res.status == 200);
  CHECK(res.Header("Content-Encoding") == "gzip");
  CHECK(res.Header("Vary") == "Accept-Encoding");
  CHECK(res.body.size() < s.page.size() / 2);
  CHECK(Gunzip(res.body) == s.page);
  CHECK(s.files.cached_bytes() == res.body.size());
  CHECK(s.Get("/page.html", {{"Accept-Encoding", "gzip"}}).body == res.body);  // from the cache
  const std::pair<const char*, Headers> kIdentity[] = {
      {"gzip refused", {{"Accept-Encoding", "gzip;q=0, deflate"}}},
      {"no header", {}},
      {"a range asked", {{"Accept-Encoding", "gzip"}, {"Range", "bytes=0-"}}},
  };
  for (const auto& [why, headers] : kIdentity) {
    CAPTURE(why);
    HttpResponse plain = s.Get("/page.html", headers);
    CHECK(plain.Header("Content-Encoding") == "");
    CHECK(plain.body == s.page);
  }
  CHECK(s.Get("/page.html", {{"Accept-Encoding", "*"}}).Header("Content-Encoding") == "gzip");
  HttpResponse png = s.Get("/logo.png", {{"Accept-Encoding", "gzip"}});
  CHECK(png.Header("Content-Encoding") == "");
  CHECK(png.body == s.png);
}

TEST_CASE("StaticFiles: the gzip cache follows a changed file and stays within its bound") {
  Site s;
  HttpResponse before = s.Get("/page.html", {{"Accept-Encoding", "gzip"}});
  s.Write("page.html", "<p>" + std::string(2000, 'x') + "</p>");
  HttpResponse after = s.Get("/page.html", {{"Accept-Encoding", "gzip"}});
  CHECK(Gunzip(after.body) == "<p>" + std::string(2000, 'x') + "</p>");
  CHECK(s.files.cached_bytes() == after.body.size());  // the old copy is gone

  StaticFiles small(400);  // entries up to 100 bytes
  HttpRequest req;
  req.method = "GET";
  req.headers = {{"Accept-Encoding", "gzip"}};
  for (int i = 0; i < 20; ++i) {
    std::string name = "f" + std::to_string(i) + ".txt";
    s.Write(name, "file " + std::to_string(i) + std::string(50, 'a'));
    HttpResponse res;
    REQUIRE(small.Serve(s.root, "/" + name, req, res));
    CHECK(Gunzip(res.body) == "file " + std::to_string(i) + std::string(50, 'a'));
    CHECK(small.cached_bytes() <= 400);
  }
  CHECK(small.cached_bytes() > 0);
}

TEST_CASE("StaticFiles: HEAD answers the headers and length of a GET without a body") {
  Site s;
  HttpResponse head = s.Get("/page.html", {}, "HEAD");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.Header("Content-Length") == std::to_string(s.page.size()));
  CHECK(head.Header("ETag") == s.Get("/page.html").Header("ETag"));
  HttpResponse zipped = s.Get("/page.html", {{"Accept-Encoding", "gzip"}}, "HEAD");
  CHECK(zipped.body.empty());
  CHECK(zipped.Header("Content-Length") ==
        std::to_string(s.Get("/page.html", {{"Accept-Encoding", "gzip"}}).body.size()));
  HttpResponse ranged = s.Get("/logo.png", {{"Range", "bytes=0-9"}}, "HEAD");
  CHECK(ranged.status == 200);
  CHECK(ranged.body.empty());
}

TEST_CASE("StaticFiles: nothing outside the root, no folders, no hidden files") {
  Site s;
  std::filesystem::create_symlink(s.dir.File("secret.txt"), s.root + "/link.txt");
  std::filesystem::create_symlink(s.root + "/page.html", s.root + "/inside.html");
  s.Write(".hidden", "x");
  const std::string kRefused[] = {
      "/../secret.txt",
      "/sub/../../secret.txt",
      "/sub/..",
      "/./page.html",
      "/..",
      "/.hidden",
      "/sub",  // a folder
      "/sub/deeper/",
      "/missing.html",
      "page.html",
      "",
      "/page.html\\",
      std::string("/page.html\0.png", 15),
      "/link.txt",  // a symlink leading out
      "/" + s.dir.path() + "/secret.txt",
  };
  for (const std::string& path : kRefused) {
    CAPTURE(path);
    HttpResponse res;
    res.status = -1;
    HttpRequest req;
    req.method = "GET";
    req.path = path;
    CHECK_FALSE(s.files.Serve(s.root, path, req, res));
    CHECK(res.status == -1);
    CHECK(res.body.empty());
  }
  CHECK(s.Get("/inside.html").body == s.page);  // a symlink within the root is fine
  CHECK(s.Get("//page.html").body == s.page);
}
