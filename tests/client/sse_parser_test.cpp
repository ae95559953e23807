#include "client/sse_parser.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using antre::SseEvent;
using antre::SseParser;

namespace {

struct Case {
  const char* name;
  std::string input;
  std::vector<SseEvent> want;
  std::string want_last_id;
};

std::string Describe(const std::vector<SseEvent>& events) {
  std::string out;
  for (const auto& e : events) out += "[" + e.id + "|" + e.type + "|" + e.data + "]";
  return out;
}

std::vector<SseEvent> FeedAll(SseParser* p, const std::vector<std::string>& chunks) {
  std::vector<SseEvent> out;
  for (const auto& c : chunks) REQUIRE(p->Feed(c, &out));
  return out;
}

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"LF endings",
       "id: 1\nevent: ticket.called\ndata: {\"n\":1}\n\n",
       {{"1", "ticket.called", "{\"n\":1}"}},
       "1"},
      {"CRLF endings", "id: 2\r\nevent: a\r\ndata: x\r\n\r\n", {{"2", "a", "x"}}, "2"},
      {"CR endings", "id: 3\revent: a\rdata: x\r\r", {{"3", "a", "x"}}, "3"},
      {"multi-line data joined with LF",
       "data: one\ndata:two\ndata:  three\n\n",
       {{"", "message", "one\ntwo\n three"}},
       ""},
      {"empty data line still dispatches", "data\n\n", {{"", "message", ""}}, ""},
      {"comments are skipped",
       ": ping\n\n: ping\nid: 4\ndata: y\n\n",
       {{"4", "message", "y"}},
       "4"},
      {"id persists across events",
       "id: 5\ndata: a\n\ndata: b\n\n",
       {{"5", "message", "a"}, {"5", "message", "b"}},
       "5"},
      {"id with NUL is ignored",
       std::string("id: 6\ndata: a\n\nid: 7") + '\0' + "x\ndata: b\n\n",
       {{"6", "message", "a"}, {"6", "message", "b"}},
       "6"},
      {"empty id resets",
       "id: 8\ndata: a\n\nid\ndata: b\n\n",
       {{"8", "message", "a"}, {"", "message", "b"}},
       ""},
      {"id without data moves the resume point", "id: 9\n\n", {}, "9"},
      {"type resets after each event",
       "event: x\ndata: a\n\ndata: b\n\n",
       {{"", "x", "a"}, {"", "message", "b"}},
       ""},
      {"unfinished event is not dispatched", "id: 10\ndata: a\n", {}, ""},
      {"unknown fields ignored", "foo: bar\ndata: a\n\n", {{"", "message", "a"}}, ""},
      {"BOM at start",
       "\xEF\xBB\xBF"
       "data: a\n\n",
       {{"", "message", "a"}},
       ""},
      {"only one space is stripped", "data:   a\n\n", {{"", "message", "  a"}}, ""},
  };
  return cases;
}

}  // namespace

TEST_CASE("SseParser: table of streams, whole and split at every byte") {
  for (const auto& c : Cases()) {
    CAPTURE(c.name);
    SseParser whole;
    CHECK(Describe(FeedAll(&whole, {c.input})) == Describe(c.want));
    CHECK(whole.last_event_id() == c.want_last_id);
    for (size_t cut = 0; cut <= c.input.size(); ++cut) {
      CAPTURE(cut);
      SseParser split;
      auto got = FeedAll(&split, {c.input.substr(0, cut), c.input.substr(cut)});
      CHECK(Describe(got) == Describe(c.want));
      CHECK(split.last_event_id() == c.want_last_id);
    }
    SseParser bytes;
    std::vector<std::string> singles;
    for (char ch : c.input) singles.emplace_back(1, ch);
    CHECK(Describe(FeedAll(&bytes, singles)) == Describe(c.want));
  }
}

TEST_CASE("SseParser: CR at the end of a chunk then LF is one line ending") {
  SseParser p;
  auto got = FeedAll(&p, {"data: a\r", "\n", "\r", "\n"});
  REQUIRE(got.size() == 1);
  CHECK(got[0].data == "a");
}

TEST_CASE("SseParser: comments are counted as heartbeats") {
  SseParser p;
  FeedAll(&p, {": ping\n", ":\n", "data: a\n\n", ": pi", "ng\n"});
  CHECK(p.comments_seen() == 3);
}

TEST_CASE("SseParser: retry takes only digits") {
  SseParser p;
  CHECK(p.retry_ms() == -1);
  FeedAll(&p, {"retry: 2500\n\n"});
  CHECK(p.retry_ms() == 2500);
  FeedAll(&p, {"retry: 12x\nretry:\nretry: -5\n\n"});
  CHECK(p.retry_ms() == 2500);
}

TEST_CASE("SseParser: an oversize line is an error state, not growth") {
  SseParser p(64);
  std::vector<SseEvent> out;
  CHECK(p.Feed("data: " + std::string(40, 'x'), &out));
  CHECK_FALSE(p.Feed(std::string(40, 'x'), &out));
  CHECK(p.has_error());
  CHECK_FALSE(p.Feed("\n\ndata: b\n\n", &out));
  CHECK(out.empty());
  p.ResetConnection();
  CHECK_FALSE(p.has_error());
  CHECK(p.Feed("data: b\n\n", &out));
  REQUIRE(out.size() == 1);
  CHECK(out[0].data == "b");
}

TEST_CASE("SseParser: event data over the limit across many lines is an error") {
  SseParser p(64);
  std::vector<SseEvent> out;
  bool ok = true;
  for (int i = 0; i < 10 && ok; ++i) ok = p.Feed("data: 0123456789\n", &out);
  CHECK_FALSE(ok);
  CHECK(p.error().find("event data") != std::string::npos);
}

TEST_CASE("SseParser: reset drops a half event and its uncommitted id") {
  SseParser p;
  FeedAll(&p, {"id: 1\ndata: a\n\n", "id: 2\ndata: half"});
  CHECK(p.last_event_id() == "1");
  p.ResetConnection();
  auto got = FeedAll(&p, {"data: b\n\n"});
  REQUIRE(got.size() == 1);
  CHECK(got[0].id == "1");
  CHECK(got[0].data == "b");
}
