// Speech mode of the ticket and survey kiosks (issue #18): the speaker button, two-tap
// selection, "ulangi", keypad navigation, the number said after every ticket, the session
// ending at home, the settings, and that every clip a screen can say is committed.
#include <doctest/doctest.h>

#include <SDL.h>
#include <sys/stat.h>

#include <fstream>
#include <set>

#include "kiosk/kiosk_settings.h"
#include "kiosk/kiosk_theme.h"
#include "kiosk/kiosk_voice.h"
#include "kiosk/screenshot.h"
#include "kiosk/survey_kiosk.h"
#include "ui/window_shell.h"
#include "voice/call_phrase.h"

using namespace antre;
using namespace antre::kiosk;

namespace {

using Clips = std::vector<std::string>;

struct Rig {
  int keys = 0;
  UnixMs now = 1795833660000;
  KioskScreen screen;
  explicit Rig(ScreenConfig config = {}) : screen(config, [this] { return "key-" + std::to_string(++keys); }) {
    screen.Tick(now);
    screen.OnServices(FixtureServices(false), now);
    screen.TakeSpeech();  // home, silent: speech is off
  }
  bool Tap(const std::string& id) {
    now += 2000;
    const ui::TouchTarget* t = nullptr;
    ui::Frame f = screen.BuildFrame(ui::FakeTextMeasurer());
    t = f.FindTarget(id);
    if (t) screen.OnTap(t->rect.Center(), now);
    return t != nullptr;
  }
  void Key(ui::NavKey k) { screen.OnNavKey(k, now += 500); }
  Clips Said() { return screen.TakeSpeech().value_or(Clips{}); }
  // Issues the ticket the screen asked for as `number`.
  void Issue(const std::string& number) {
    auto req = screen.TakeIssueRequest();
    REQUIRE(req);
    TicketView t;
    t.ticket.id = "t-" + number;
    t.ticket.number = number;
    t.ticket.service = req->service;
    t.position = 3;
    screen.OnIssued(req->idempotency_key, t, now);
  }
};

bool Contains(const Clips& clips, const std::string& clip) {
  return std::find(clips.begin(), clips.end(), clip) != clips.end();
}

}  // namespace

TEST_CASE("Speech: the speaker button turns speech on; home says its title and its choices") {
  Rig rig;
  CHECK_FALSE(rig.screen.speech_on());
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("Bantuan suara"));
  REQUIRE(rig.Tap("speech"));
  CHECK(rig.screen.speech_on());
  Clips said = rig.Said();
  REQUIRE(said.size() > 3);
  CHECK(said[0] == "id/kiosk/speech_on");
  CHECK(said[1] == "id/kiosk/home_title");
  CHECK(said[2] == "id/kiosk/service_rekam");  // the services first, in screen order
  CHECK(Contains(said, "id/kiosk/group_lansia"));
  CHECK(Contains(said, "id/kiosk/booking"));
  CHECK(said.back() == "en/kiosk/language");  // "English", in the English voice
  CHECK_FALSE(rig.screen.TakeSpeech());      // said once
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("Ulangi"));
}

TEST_CASE("Speech: a first tap says the label and highlights it, the second tap acts") {
  Rig rig;
  REQUIRE(rig.Tap("speech"));
  rig.Said();
  REQUIRE(rig.Tap("service:kk"));
  CHECK(rig.screen.state() == KioskState::kHome);  // nothing issued yet
  CHECK_FALSE(rig.screen.TakeIssueRequest());
  CHECK(rig.screen.focus() == "service:kk");
  CHECK(rig.Said() == Clips{"id/kiosk/service_kk"});
  // The highlight is drawn: a ring in the focus colour on the tile.
  ui::Frame f = rig.screen.BuildFrame(ui::FakeTextMeasurer());
  bool ring = false;
  for (const auto& c : f.commands) {
    if (auto* o = std::get_if<ui::OutlineRectCmd>(&c)) ring |= o->color == theme::kFocus;
  }
  CHECK(ring);
  // Another control moves the highlight; then a second tap on it acts.
  REQUIRE(rig.Tap("service:rekam"));
  CHECK(rig.screen.focus() == "service:rekam");
  CHECK(rig.Said() == Clips{"id/kiosk/service_rekam"});
  REQUIRE(rig.Tap("service:rekam"));
  CHECK(rig.screen.state() == KioskState::kIssuing);
  CHECK(rig.Said() == Clips{"id/kiosk/please_wait"});
  rig.Issue("A012");
  CHECK(rig.Said() == Clips{"id/kiosk/your_number", "id/a", "id/dua", "id/belas", "id/kiosk/wait_for_call",
                            "id/kiosk/done"});
}

TEST_CASE("Speech: ulangi says the screen again, at once") {
  Rig rig;
  REQUIRE(rig.Tap("speech"));
  Clips first = rig.Said();
  REQUIRE(rig.Tap("service:kk"));
  rig.Said();
  REQUIRE(rig.Tap("speech"));  // now the "Ulangi" button: one tap, no highlight step
  Clips again = rig.Said();
  CHECK(again == Clips(first.begin() + 1, first.end()));  // the screen, without the intro
  CHECK(rig.screen.speech_on());
}

TEST_CASE("Speech: the session ends when the kiosk goes home for the next resident") {
  SUBCASE("Done on the ticket screen") {
    Rig rig;
    REQUIRE(rig.Tap("speech"));
    REQUIRE(rig.Tap("service:rekam"));
    REQUIRE(rig.Tap("service:rekam"));
    rig.Issue("A001");
    REQUIRE(rig.Tap("done"));
    REQUIRE(rig.Tap("done"));
    CHECK(rig.screen.state() == KioskState::kHome);
    CHECK_FALSE(rig.screen.speech_on());
    rig.Said();
    REQUIRE(rig.Tap("service:kk"));  // a plain tap acts again
    CHECK(rig.screen.state() == KioskState::kIssuing);
  }
  SUBCASE("the ticket screen's timeout") {
    Rig rig;
    REQUIRE(rig.Tap("speech"));
    REQUIRE(rig.Tap("service:rekam"));
    REQUIRE(rig.Tap("service:rekam"));
    rig.Issue("A001");
    rig.screen.OnPrinted("t-A001", PrinterStatus::kOk, rig.now);
    rig.screen.Tick(rig.now + 60000);
    CHECK(rig.screen.state() == KioskState::kHome);
    CHECK_FALSE(rig.screen.speech_on());
  }
  SUBCASE("idle at home") {
    Rig rig;
    REQUIRE(rig.Tap("speech"));
    rig.screen.Tick(rig.now + 46000);
    CHECK_FALSE(rig.screen.speech_on());
  }
  SUBCASE("but not Back from the priority list: the same resident") {
    Rig rig;
    REQUIRE(rig.Tap("speech"));
    rig.Said();
    REQUIRE(rig.Tap("group:lansia"));
    REQUIRE(rig.Tap("group:lansia"));
    Clips said = rig.Said();
    REQUIRE(said.size() >= 2);
    CHECK(said[0] == "id/kiosk/priority_title");
    CHECK(said[1] == "id/kiosk/group_lansia");
    REQUIRE(rig.Tap("back"));
    REQUIRE(rig.Tap("back"));
    CHECK(rig.screen.speech_on());
    CHECK(rig.Said().at(0) == "id/kiosk/home_title");
  }
}

TEST_CASE("Speech: after every ticket the number is said, in speech mode or not") {
  Rig rig;
  REQUIRE(rig.Tap("service:rekam"));
  CHECK_FALSE(rig.screen.TakeSpeech());  // no speech mode: the issuing screen is silent
  rig.Issue("A012");
  CHECK(rig.Said() == Clips{"id/kiosk/your_number", "id/a", "id/dua", "id/belas", "id/kiosk/wait_for_call"});
  rig.screen.OnPrinted("t-A012", PrinterStatus::kOk, rig.now);
  CHECK_FALSE(rig.screen.TakeSpeech());  // said once per ticket
  CHECK(TicketAnnouncementText(Lang::kId, "A012") ==
        "Nomor antrean Anda A dua belas. Silakan tunggu panggilan di layar.");
  CHECK(TicketAnnouncementText(Lang::kEn, "B105") ==
        "Your ticket number is B one hundred five. Please wait for your call on the screen.");
  CHECK(TicketAnnouncementClips(Lang::kEn, "A012") ==
        Clips{"en/kiosk/your_number", "en/a", "en/twelve", "en/kiosk/wait_for_call"});
}

TEST_CASE("Speech: announce_ticket off keeps the kiosk silent; speech_button off hides the button") {
  ScreenConfig config;
  config.announce_ticket = false;
  config.speech_button = false;
  Rig rig(config);
  CHECK_FALSE(rig.screen.BuildFrame(ui::FakeTextMeasurer()).FindTarget("speech"));
  REQUIRE(rig.Tap("service:rekam"));
  rig.Issue("A012");
  CHECK_FALSE(rig.screen.TakeSpeech());
}

TEST_CASE("Speech: a keypad alone reaches a ticket (arrows move, Enter selects, 5 repeats)") {
  Rig rig;
  rig.Key(ui::NavKey::kNext);  // the first key turns speech on and says the screen
  CHECK(rig.screen.speech_on());
  CHECK(rig.Said().at(0) == "id/kiosk/speech_on");
  rig.Key(ui::NavKey::kNext);
  CHECK(rig.screen.focus() == "service:rekam");
  CHECK(rig.Said() == Clips{"id/kiosk/service_rekam"});
  rig.Key(ui::NavKey::kNext);
  CHECK(rig.screen.focus() == "service:cetak");
  rig.Key(ui::NavKey::kPrevious);
  rig.Key(ui::NavKey::kPrevious);  // wraps to the last control: the speaker button
  CHECK(rig.screen.focus() == "speech");
  CHECK(rig.Said() == Clips{"id/kiosk/repeat"});
  rig.Key(ui::NavKey::kNext);
  CHECK(rig.screen.focus() == "service:rekam");
  rig.Key(ui::NavKey::kRepeat);
  CHECK(rig.Said().at(0) == "id/kiosk/home_title");
  rig.screen.OnEnter(rig.now += 500);
  CHECK(rig.screen.state() == KioskState::kIssuing);
  rig.Issue("A007");
  CHECK(rig.Said().at(1) == "id/a");
  rig.Key(ui::NavKey::kNext);  // the ticket screen's one choice
  CHECK(rig.screen.focus() == "done");
  rig.screen.OnEnter(rig.now += 500);
  CHECK(rig.screen.state() == KioskState::kHome);
  CHECK_FALSE(rig.screen.speech_on());
}

TEST_CASE("Speech: a scanner's Enter still checks a code in while a control is highlighted") {
  Rig rig;
  rig.Key(ui::NavKey::kNext);
  rig.Key(ui::NavKey::kNext);
  REQUIRE(rig.screen.focus() == "service:rekam");
  rig.screen.OnText("AB7KM2PQ", rig.now);
  rig.screen.OnEnter(rig.now);
  CHECK(rig.screen.state() == KioskState::kCheckingIn);
}

TEST_CASE("Speech: the keypad's keys map to navigation (shell)") {
  using ui::NavKey;
  CHECK(ui::NavKeyFor(SDLK_TAB, 0) == NavKey::kNext);
  CHECK(ui::NavKeyFor(SDLK_TAB, KMOD_LSHIFT) == NavKey::kPrevious);
  CHECK(ui::NavKeyFor(SDLK_DOWN, 0) == NavKey::kNext);
  CHECK(ui::NavKeyFor(SDLK_RIGHT, 0) == NavKey::kNext);
  CHECK(ui::NavKeyFor(SDLK_UP, 0) == NavKey::kPrevious);
  CHECK(ui::NavKeyFor(SDLK_LEFT, 0) == NavKey::kPrevious);
  CHECK(ui::NavKeyFor(SDLK_KP_8, 0) == NavKey::kPrevious);
  CHECK(ui::NavKeyFor(SDLK_KP_2, 0) == NavKey::kNext);
  CHECK(ui::NavKeyFor(SDLK_KP_5, 0) == NavKey::kRepeat);
  CHECK(ui::NavKeyFor(SDLK_SPACE, 0) == NavKey::kRepeat);
  CHECK_FALSE(ui::NavKeyFor(SDLK_a, 0));
  CHECK_FALSE(ui::NavKeyFor(SDLK_RETURN, 0));  // Enter stays OnEnter (scanners use it)
}

TEST_CASE("Speech: the survey says each question with its number, and its answers") {
  SurveyScreen s{ScreenConfig{}};
  UnixMs now = 1795833660000;
  auto tap = [&](const std::string& id) {
    now += 1000;
    const ui::Frame f = s.BuildFrame(ui::FakeTextMeasurer());
    const ui::TouchTarget* t = f.FindTarget(id);
    REQUIRE_MESSAGE(t, id);
    s.OnTap(t->rect.Center(), now);
  };
  tap("speech");
  CHECK(s.TakeSpeech().value().at(1) == "id/kiosk/survey_title");
  s.OnNavKey(ui::NavKey::kNext, now);  // the keypad starts at the number pad's letters
  CHECK(s.focus() == "prefix:A");
  CHECK(s.TakeSpeech() == std::optional<Clips>(Clips{"id/a"}));
  s.OnEnter(now += 1000);  // Enter acts on the highlighted letter
  s.OnText("13", now);
  tap("continue");
  tap("continue");
  CHECK(s.state() == SurveyState::kChecking);
  s.OnChecked("A013", std::string("open"), now);
  Clips said = s.TakeSpeech().value_or(Clips{});
  REQUIRE(said.size() > 5);
  CHECK(Clips(said.begin(), said.begin() + 4) ==
        Clips{"id/kiosk/question", "id/satu", "id/kiosk/of_nine", "id/kiosk/survey_q1"});
  CHECK(said[4] == "id/kiosk/survey_q1_a1");
  tap("choice:4");
  CHECK(s.TakeSpeech() == std::optional<Clips>(Clips{"id/kiosk/survey_q1_a4"}));
  CHECK(s.question() == 0);
  tap("choice:4");
  CHECK(s.question() == 1);
  CHECK(s.TakeSpeech().value().at(1) == "id/dua");
  tap("cancel");
  tap("cancel");
  CHECK_FALSE(s.speech_on());
}

TEST_CASE("Speech: --speech, --announce-ticket, --voice and --volume, on the command line and in the file") {
  const char* args[] = {"antre-kiosk", "--speech", "off", "--announce-ticket", "off", "--voice", "/v", "--volume", "55"};
  auto s = ParseKioskArgs(9, args);
  REQUIRE(s.ok());
  CHECK_FALSE(s.value().speech_button);
  CHECK_FALSE(s.value().announce_ticket);
  CHECK(s.value().voice_dir == "/v");
  CHECK(s.value().volume == 55);
  const char* none[] = {"antre-kiosk"};
  CHECK(ParseKioskArgs(1, none).value().speech_button);
  CHECK(ParseKioskArgs(1, none).value().announce_ticket);
  const char* bad[][3] = {{"antre-kiosk", "--speech", "loud"}, {"antre-kiosk", "--volume", "101"},
                          {"antre-kiosk", "--volume", "x"}, {"antre-kiosk", "--announce-ticket", ""}};
  for (auto& b : bad) CHECK_FALSE(ParseKioskArgs(3, b).ok());
  const std::string path = "/tmp/antre-kiosk-speech-test.json";
  std::ofstream(path) << R"({"speech": "off", "announce-ticket": false, "volume": 30})";
  const char* file[] = {"antre-kiosk", "--config", path.c_str()};
  auto f = ParseKioskArgs(3, file);
  REQUIRE(f.ok());
  CHECK_FALSE(f.value().speech_button);
  CHECK_FALSE(f.value().announce_ticket);
  CHECK(f.value().volume == 30);
  const char* help[] = {"antre-kiosk", "--help"};
  std::string usage = ParseKioskArgs(2, help).error().message;
  for (const char* option : {"--speech", "--announce-ticket", "--voice", "--volume", "Bantuan suara"})
    CHECK_MESSAGE(usage.find(option) != std::string::npos, option);
}

TEST_CASE("Speech: every clip any kiosk screen can say is committed, in both languages") {
  // Every phrase the code names is in the generator's list...
  std::set<std::string> listed;
  std::ifstream tsv(std::string(ANTRE_VOICE_DIR) + "/kiosk_phrases.tsv");
  for (std::string line; std::getline(tsv, line);) {
    if (!line.empty() && line[0] != '#') listed.insert(line.substr(0, line.find('\t')));
  }
  std::set<std::string> clips;
  for (const std::string& phrase : AllKioskPhrases()) {
    CHECK_MESSAGE(listed.count(phrase), phrase);
    for (const char* lang : {"id", "en"}) clips.insert(std::string(lang) + "/kiosk/" + phrase);
  }
  // ...and everything every fixture screen says (both kiosks, both languages, speech on,
  // each control's label) exists as a WAV.
  for (Lang lang : {Lang::kId, Lang::kEn}) {
    for (const auto& number : {"A012", "B105", "F1000"}) {
      for (const auto& c : TicketAnnouncementClips(lang, number)) clips.insert(c);
    }
    for (int i = 0; i < 12; ++i) {
      for (const auto& c : ServiceClips(lang, "other", i)) clips.insert(c);
    }
    for (const char* id : {"key:A", "key:Z", "key:2", "digit:0", "digit:9", "prefix:F", "lang", "group:hamil"}) {
      for (const auto& c : CommonTargetClips(lang, id)) clips.insert(c);
    }
  }
  CHECK(clips.size() > 200);
  for (const std::string& clip : clips) {
    struct stat st;
    const std::string path = std::string(ANTRE_VOICE_DIR) + "/" + clip + ".wav";
    CHECK_MESSAGE(stat(path.c_str(), &st) == 0, path);
  }
}
