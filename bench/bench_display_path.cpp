// Scenario 1b: call to the display's frame. The display's own core (DisplayController: board
// snapshot + event stream + BoardState, with a silent audio sink) against a demo server; an
// officer presses Next 200 times; time from the press to the first board frame (the display's
// draw list, BuildBoardFrame) whose main number is the called ticket. The loop polls every
// millisecond where the program waits for an SDL wake-up, so add up to 1 ms.
#include <stdexcept>
#include <thread>

#include "bench_http.h"
#include "bench_util.h"
#include "display/board_screen.h"
#include "display/display_controller.h"
#include "ui/system_clock.h"
#include "scenarios.h"
#include "ui/draw.h"
#include "ui/text_layout.h"

namespace antre::bench {
namespace {

constexpr int kCalls = 200;

class SilentSink : public AudioSink {
 public:
  bool Play(const std::vector<std::string>&, int) override { return true; }
  bool IsPlaying() override { return false; }
};

}  // namespace

Samples BenchCallToDisplayFrame() {
  Scratch dir;
  Server server(dir.File("frame.db"), {"--demo"});
  auto cli = NewClient(server.port());
  for (int i = 0; i < kCalls; ++i) {
    auto r = cli->Post("/api/v1/sites/serang/tickets", Auth("demo-kiosk-token"), "{\"service\":\"info\"}",
                       "application/json");
    if (!r || r->status != 201) throw std::runtime_error("issuing failed");
  }
  SystemClock clock;
  SilentSink sink;
  AnnouncerOptions voice;
  voice.gap_ms = 0;
  Announcer announcer(&sink, &clock, voice);
  ControllerOptions opts;
  opts.server = "http://127.0.0.1:" + std::to_string(server.port());
  opts.site = "serang";
  DisplayController display(opts, &clock, &announcer);
  display.Start();
  ui::FakeTextMeasurer measurer;
  auto shown = [&]() -> std::string {
    display.Tick();
    BoardScreenInput in;
    in.board = &display.board();
    in.now = clock.NowMs();
    ui::Frame f = BuildBoardFrame(in, measurer);
    const ui::TextCmd* n = FindMainNumber(f);
    return n ? n->text : "";
  };
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (!(display.stream_state() == StreamState::kLive && display.board().has_snapshot())) {
    display.Tick();
    if (Clock::now() > deadline) throw std::runtime_error("display core never went live");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::string token = Login(*cli, "petugas5", "petugas-demo");
  std::vector<double> lat;
  for (int i = 0; i < kCalls; ++i) {
    auto t0 = Clock::now();
    auto r = cli->Post("/api/v1/sites/serang/counters/5/next", Auth(token), "", "application/json");
    if (!r || r->status != 200) throw std::runtime_error("next failed");
    const std::string number = Field(r->body, "number");
    while (shown() != number) {
      if (Ms(t0, Clock::now()) > 10000) throw std::runtime_error("display never showed " + number);
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    lat.push_back(Ms(t0, Clock::now()));
  }
  display.Stop();
  return {{"call -> display frame p50", "ms", Percentile(&lat, 0.50)},
          {"call -> display frame p99", "ms", Percentile(&lat, 0.99)},
          {"call -> display frame max", "ms", Percentile(&lat, 1.0)}};
}

}  // namespace antre::bench
