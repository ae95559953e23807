#include "board_screenshots.h"

#include <sys/stat.h>

#include "board_fixture.h"
#include "board_screen.h"
#include "board_state.h"
#include "ui/layout_check.h"
#include "core/event_types.h"

namespace antre {

namespace {

constexpr UnixMs kFixtureNow = 1795833664000;  // 2026-11-28T09:41:04+07:00, a Saturday

std::string SizeName(int w, int h) { return std::to_string(w) + "x" + std::to_string(h); }

}  // namespace

std::vector<std::pair<int, int>> BoardScreenshotSizes() {
  return {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};
}

int WriteBoardScreenshots(const std::string& dir, ui::FontCache* fonts,
                          std::vector<std::string>* problems, std::string* error) {
  ::mkdir(dir.c_str(), 0755);
  ui::TtfTextMeasurer measurer(fonts);
  BoardState board;
  board.ApplySnapshot(DemoBoardSnapshot(kFixtureNow), kFixtureNow);
  BoardOptions zone_options;
  zone_options.counters = {"1", "2"};
  BoardState zone(zone_options);
  zone.ApplySnapshot(DemoBoardSnapshot(kFixtureNow), kFixtureNow);
  BoardState reconnecting;
  reconnecting.ApplySnapshot(DemoBoardSnapshot(kFixtureNow), kFixtureNow);
  reconnecting.SetLinkLive(false, kFixtureNow - 10000);
  BoardState calling;
  calling.ApplySnapshot(DemoBoardSnapshot(kFixtureNow), kFixtureNow);
  calling.ApplyEvent(121, event::kTicketCalled,
                     R"({"number":"B028","service":"cetak","counter":"3","counter_name":"Loket 3",)"
                     R"("at":"2026-11-28T09:41:03+07:00"})",
                     kFixtureNow - 400);

  // Bigger offices: 12 and 16 counters.
  BoardState twelve, sixteen, sixteen_recall;
  twelve.ApplySnapshot(DemoBoardSnapshot(kFixtureNow, 12), kFixtureNow);
  sixteen.ApplySnapshot(DemoBoardSnapshot(kFixtureNow, 16), kFixtureNow);
  // The smallest call card (portrait, 16 counters) with the longest label and service names.
  sixteen_recall.ApplySnapshot(DemoBoardSnapshot(kFixtureNow, 16), kFixtureNow);
  sixteen_recall.ApplyEvent(
      121, event::kTicketRecalled,
      R"({"number":"F004","service":"info","counter":"16","counter_name":"Loket 16"})",
      kFixtureNow - 2000);

  BoardState out_of_cards;
  out_of_cards.ApplySnapshot(DemoBoardSnapshot(kFixtureNow), kFixtureNow);
  out_of_cards.ApplyEvent(121, event::kStockChanged, R"({"level":"empty"})", kFixtureNow);
  BoardState low_cards;
  low_cards.ApplySnapshot(DemoBoardSnapshot(kFixtureNow), kFixtureNow);
  low_cards.ApplyEvent(121, event::kStockChanged, R"({"level":"low"})", kFixtureNow);

  struct Shot {
    const BoardState* board;
    int w, h;
    std::string name;
  };
  std::vector<Shot> shots;
  for (auto [w, h] : BoardScreenshotSizes())
    shots.push_back({&board, w, h, "board-" + SizeName(w, h)});
  for (auto [w, h] : BoardScreenshotSizes()) {
    shots.push_back({&twelve, w, h, "board-" + SizeName(w, h) + "-12-counters"});
    shots.push_back({&sixteen, w, h, "board-" + SizeName(w, h) + "-16-counters"});
  }
  shots.push_back({&reconnecting, 1920, 1080, "board-1920x1080-reconnecting"});
  shots.push_back({&calling, 1920, 1080, "board-1920x1080-calling"});
  shots.push_back({&zone, 1080, 1920, "board-1080x1920-zone"});
  shots.push_back({&sixteen_recall, 1080, 1920, "board-1080x1920-16-counters-recall"});
  shots.push_back({&out_of_cards, 1280, 720, "board-1280x720-stock-empty"});
  shots.push_back({&out_of_cards, 1080, 1920, "board-1080x1920-stock-empty"});
  shots.push_back({&low_cards, 1920, 1080, "board-1920x1080-stock-low"});

  int written = 0;
  for (const Shot& shot : shots) {
    ui::Frame frame = BuildBoardFrame({shot.board, kFixtureNow, shot.w, shot.h}, measurer);
    for (const ui::LayoutProblem& p : ui::CheckLayout(frame, measurer, 0)) {
      problems->push_back(shot.name + ": " + p.message);
    }
    if (!ui::RenderFrameToPng(frame, fonts, dir + "/" + shot.name + ".png", error)) return -1;
    ++written;
  }
  return written;
}

}  // namespace antre
