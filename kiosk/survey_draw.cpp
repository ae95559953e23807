// Drawing of the survey kiosk's screens: the keypad, the nine questions and the messages.
// Portrait stacks everything; landscape puts the digits beside the number and the four
// choices in one row. Sizes scale like the ticket kiosk's (kiosk_draw_util.h).
#include "kiosk/icons.h"
#include "kiosk/kiosk_draw_util.h"
#include "kiosk/survey_screen.h"

namespace antre::kiosk {

using namespace draw;
using ui::Align;
using ui::Frame;
using ui::Rect;

namespace {

// The plain wording of U1-U9 and their four answers (1 = worst), as on the ticket page.
struct QuestionText {
  const char* text;
  const char* choices[4];
};

const QuestionText kQuestionsId[kSurveyElements] = {
    {"Apakah persyaratan (berkas) yang diminta sesuai dengan layanan ini?",
     {"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
    {"Seberapa mudah alur dan prosedur layanan di sini?",
     {"Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"}},
    {"Seberapa cepat layanan Anda selesai?",
     {"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"}},
    {"Berapa biaya yang Anda keluarkan untuk layanan ini?",
     {"Sangat mahal", "Cukup mahal", "Murah", "Gratis"}},
    {"Apakah hasil layanan sesuai dengan yang dijanjikan?",
     {"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
    {"Seberapa mampu petugas melayani Anda?",
     {"Tidak mampu", "Kurang mampu", "Mampu", "Sangat mampu"}},
    {"Seberapa sopan dan ramah petugas?",
     {"Tidak sopan", "Kurang sopan", "Sopan dan ramah", "Sangat sopan dan ramah"}},
    {"Bagaimana pengaduan, saran dan masukan ditangani di sini?",
     {"Tidak ada", "Ada, tapi tidak berjalan", "Berjalan, kurang baik", "Ditangani dengan baik"}},
    {"Bagaimana ruang tunggu, tempat duduk, toilet dan fasilitas lainnya?",
     {"Buruk", "Cukup", "Baik", "Sangat baik"}},
};

const QuestionText kQuestionsEn[kSurveyElements] = {
    {"Did the documents you were asked for fit this service?",
     {"Not at all", "Partly", "Yes", "Fully"}},
    {"How easy was the procedure here?", {"Not easy", "Not very easy", "Easy", "Very easy"}},
    {"How fast was your service completed?", {"Not fast", "Not very fast", "Fast", "Very fast"}},
    {"What did this service cost you?", {"Very expensive", "Quite expensive", "Cheap", "Free"}},
    {"Did you get the result the service promises?", {"Not at all", "Partly", "Yes", "Fully"}},
    {"How capable were the staff?", {"Not capable", "Not very capable", "Capable", "Very capable"}},
    {"How polite and friendly were the staff?",
     {"Not polite", "Not very polite", "Polite and friendly", "Very polite and friendly"}},
    {"How are complaints and suggestions handled here?",
     {"Not at all", "There is a way, but it does not work", "It works, not well", "Handled well"}},
    {"How were the waiting room, seats, toilets and other facilities?",
     {"Poor", "Fair", "Good", "Very good"}},
};

// `count` equal boxes side by side in `area`, `gap` apart.
std::vector<Rect> Columns(Rect area, int count, int gap) {
  std::vector<Rect> out;
  int w = (area.w - (count - 1) * gap) / count;
  for (int i = 0; i < count; ++i) out.push_back({area.x + i * (w + gap), area.y, w, area.h});
  return out;
}

}  // namespace

int SurveyScreen::Header(Frame* f, const ui::TextMeasurer& m) const {
  Metrics k = Measure(config_, MinTargetPx());
  HeaderLayout h = LayHeader(k, config_.speech_button, true);
  int hh = h.height;
  f->Fill({0, 0, k.w, hh}, theme::kHeader);
  Rect text_area = h.text;
  Rect title{text_area.x, text_area.y, text_area.w, text_area.h * 55 / 100};
  Rect site{text_area.x, title.bottom(), text_area.w, text_area.h - title.h};
  FitText(f, m, title, Tr(lang_, "Survei Kepuasan Masyarakat", "Public Satisfaction Survey"),
          k.P(60), true, theme::kOnDark);
  FitText(f, m, site, config_.site_name, k.P(44), false, theme::kOnDark);
  if (config_.speech_button) SpeechButton(f, m, h.speech, speech_.is_on(), lang_, k);
  Button(f, m, h.lang, "lang", lang_ == Lang::kId ? "English" : "Bahasa Indonesia", k.P(44),
         theme::kButtonLight, theme::kButtonLightInk, k);
  return hh;
}

void SurveyScreen::BuildNumber(Frame* f, const ui::TextMeasurer& m, int top) const {
  Metrics k = Measure(config_, MinTargetPx());
  // Portrait: one column. Landscape: number and letters left, digits right.
  Rect left{k.pad, top, k.landscape ? k.w / 2 - k.pad - k.pad / 2 : k.w - 2 * k.pad, 0};
  int y = top;
  Rect instr{left.x, y, left.w, k.P(k.landscape ? 120 : 150)};
  FitText(f, m, instr,
          Tr(lang_, "Ketik nomor antrean Anda hari ini (tertera di tiket), lalu tekan Lanjut.",
             "Type today's ticket number (printed on your ticket), then press Next."),
          k.P(52), true, theme::kInk, Align::kLeft, true);
  y = instr.bottom() + k.pad;
  Rect display{left.x, y, left.w, std::max(k.min_target, k.P(k.landscape ? 150 : 170))};
  f->Fill(display, theme::kButtonLight, k.P(16));
  f->Outline(display, theme::kButtonLightInk, std::max(2, k.P(4)), k.P(16));
  std::string typed = prefix_ + digits_;
  if (typed.empty()) {
    FitText(f, m, display.Inset(k.pad), Tr(lang_, "Nomor tiket", "Ticket number"), k.P(64), false,
            theme::kMutedInk, Align::kCenter);
  } else {
    FitText(f, m, display.Inset(k.pad), typed, k.P(120), true, theme::kInk, Align::kCenter);
  }
  y = display.bottom() + k.pad;

  // Letters: up to six in a row in portrait, three in landscape.
  int per_row = k.landscape ? 3 : 6;
  int key_h = std::max(k.min_target, k.P(k.landscape ? 130 : 140));
  for (size_t i = 0; i < prefixes_.size(); i += per_row) {
    int n = static_cast<int>(std::min(prefixes_.size() - i, static_cast<size_t>(per_row)));
    auto cols = Columns({left.x, y, left.w * n / per_row, key_h}, n, k.pad);
    for (int c = 0; c < n; ++c) {
      const std::string& p = prefixes_[i + c];
      bool chosen = p == prefix_;
      Button(f, m, cols[c], "prefix:" + p, p, k.P(80),
             chosen ? theme::kService : theme::kButtonLight,
             chosen ? theme::kOnDark : theme::kButtonLightInk, k);
    }
    y += key_h + k.pad;
  }

  // Digits 1-9, then delete, 0, next.
  Rect pad_area =
      k.landscape ? Rect{k.w / 2 + k.pad / 2, top, k.w / 2 - k.pad - k.pad / 2, k.h - top - k.pad}
                  : Rect{k.pad, y, k.w - 2 * k.pad, k.h - y - k.pad};
  int row_h = std::min(k.P(220), (pad_area.h - 3 * k.pad) / 4);
  const char* labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
  bool can_go = !number().empty();
  for (int r = 0; r < 4; ++r) {
    auto cols =
        Columns({pad_area.x, pad_area.y + r * (row_h + k.pad), pad_area.w, row_h}, 3, k.pad);
    for (int c = 0; c < 3; ++c) {
      int i = r * 3 + c;
      if (i == 9) {
        Button(f, m, cols[c], "delete", Tr(lang_, "Hapus", "Delete"), k.P(56), theme::kButtonLight,
               theme::kButtonLightInk, k);
      } else if (i == 11) {
        if (can_go) {
          Button(f, m, cols[c], "continue", Tr(lang_, "Lanjut", "Next"), k.P(60), theme::kFree,
                 theme::kOnDark, k);
        } else {
          f->Fill(cols[c], theme::kClosed, k.P(20));
          FitText(f, m, cols[c].Inset(k.pad), Tr(lang_, "Lanjut", "Next"), k.P(60), true,
                  theme::kClosedInk, Align::kCenter);
        }
      } else {
        Button(f, m, cols[c], std::string("digit:") + labels[i], labels[i], k.P(90),
               theme::kButtonLight, theme::kButtonLightInk, k);
      }
    }
  }
}

void SurveyScreen::BuildQuestion(Frame* f, const ui::TextMeasurer& m, int top) const {
  Metrics k = Measure(config_, MinTargetPx());
  const QuestionText& q = (lang_ == Lang::kId ? kQuestionsId : kQuestionsEn)[question_];
  int y = top;
  Rect progress{k.pad, y, k.w - 2 * k.pad, k.P(60)};
  FitText(f, m, progress,
          Tr(lang_, "Pertanyaan ", "Question ") + std::to_string(question_ + 1) +
              Tr(lang_, " dari 9", " of 9") + "  ·  " + checking_,
          k.P(44), true, theme::kMutedInk);
  y = progress.bottom() + k.pad / 2;
  Rect text{k.pad, y, k.w - 2 * k.pad, k.P(k.landscape ? 200 : 300)};
  FitText(f, m, text, q.text, k.P(72), true, theme::kInk, Align::kLeft, true);
  y = text.bottom() + k.pad;

  int choice_h = std::max(k.min_target, k.P(k.landscape ? 320 : 200));
  std::vector<Rect> boxes;
  if (k.landscape) {
    boxes = Columns({k.pad, y, k.w - 2 * k.pad, choice_h}, 4, k.pad);
    y += choice_h + k.pad;
  } else {
    for (int i = 0; i < 4; ++i, y += choice_h + k.pad)
      boxes.push_back({k.pad, y, k.w - 2 * k.pad, choice_h});
  }
  // Where each choice puts its face and words; the words of all four at one size.
  auto lay = [&](Rect b, Rect* face_box, Rect* label) {
    Rect in = b.Inset(k.pad / 2);
    int face = k.landscape ? std::min(in.h * 50 / 100, in.w / 2) : std::min(in.h, k.P(150));
    *face_box = k.landscape ? Rect{in.x + (in.w - face) / 2, in.y, face, face}
                            : Rect{in.x + k.pad / 2, in.y + (in.h - face) / 2, face, face};
    *label = k.landscape ? Rect{in.x, face_box->bottom() + k.pad / 4, in.w, in.bottom() - face_box->bottom() - k.pad / 4}
                         : Rect{face_box->right() + k.pad, in.y, in.right() - face_box->right() - k.pad, in.h};
  };
  int px = k.P(60);
  for (int i = 0; i < 4; ++i) {
    Rect face_box, label;
    lay(boxes[i], &face_box, &label);
    px = std::min(px, ui::FitTextSize(m, q.choices[i], px, 10, true, true, label.w, label.h));
  }
  for (int i = 0; i < 4; ++i) {
    // A face as well as words: a frown for 1 up to a broad smile for 4. Portrait puts the
    // face left of the words; landscape's narrow columns put it above them.
    bool chosen = answers_[question_] == i + 1;  // shown when coming back to a question
    ui::Color bg = chosen ? theme::kService : theme::kButtonLight;
    ui::Color ink = chosen ? theme::kOnDark : theme::kButtonLightInk;
    Rect b = boxes[i];
    f->Fill(b, bg, k.P(20));
    if (!chosen) f->Outline(b, theme::kButtonLightInk, std::max(2, k.P(4)), k.P(20));
    Rect face_box, label;
    lay(b, &face_box, &label);
    DrawFace(f, i + 1, face_box, ink, bg);
    f->Text(label, q.choices[i], px, ink, k.landscape ? Align::kCenter : Align::kLeft, true, true);
    f->Target(b, "choice:" + std::to_string(i + 1));
  }
  int nav_h = std::max(k.min_target, k.P(130));
  auto nav = Columns({k.pad, k.h - k.pad - nav_h, k.w - 2 * k.pad, nav_h}, 2, k.pad);
  Button(f, m, nav[0], "back", Tr(lang_, "Kembali", "Back"), k.P(52), theme::kButtonLight,
         theme::kButtonLightInk, k);
  Button(f, m, nav[1], "cancel", Tr(lang_, "Batal", "Cancel"), k.P(52), theme::kButtonLight,
         theme::kButtonLightInk, k);
}

void SurveyScreen::BuildMessage(Frame* f, const ui::TextMeasurer& m, int top) const {
  Metrics k = Measure(config_, MinTargetPx());
  std::string n = checking_;
  std::string title, body;
  ui::Color title_ink = theme::kInk;
  std::vector<std::pair<std::string, std::string>> buttons;  // id, label
  switch (state_) {
    case SurveyState::kChecking:
      title = Tr(lang_, "Memeriksa nomor " + n + "…", "Checking number " + n + "…");
      break;
    case SurveyState::kSending:
      title = Tr(lang_, "Mengirim jawaban Anda…", "Sending your answers…");
      break;
    case SurveyState::kThanks:
      title = Tr(lang_, "Terima kasih!", "Thank you!");
      body = Tr(lang_, "Jawaban Anda membantu kami memperbaiki layanan.",
                "Your answers help us improve our service.");
      title_ink = theme::kFree;
      buttons = {{"done", Tr(lang_, "Selesai", "Done")}};
      break;
    default:
      title_ink = theme::kAlert;
      switch (refusal_.value_or(SurveyRefusal::kUnavailable)) {
        case SurveyRefusal::kNotFound:
          title = Tr(lang_, "Nomor " + n + " tidak ada hari ini.",
                     "There is no number " + n + " today.");
          body = Tr(lang_, "Periksa nomor pada tiket Anda, lalu coba lagi.",
                    "Check the number on your ticket and try again.");
          break;
        case SurveyRefusal::kNotServed:
          title = Tr(lang_, "Nomor " + n + " belum selesai dilayani.",
                     "Number " + n + " has not been served yet.");
          body = Tr(lang_, "Survei dapat diisi setelah layanan Anda selesai.",
                    "The survey opens once your service is done.");
          break;
        case SurveyRefusal::kAnswered:
          title = Tr(lang_, "Survei untuk nomor " + n + " sudah diisi.",
                     "The survey for number " + n + " is done.");
          body = Tr(lang_, "Terima kasih atas partisipasi Anda.", "Thank you for taking part.");
          title_ink = theme::kInk;
          break;
        case SurveyRefusal::kUnavailable:
          title = Tr(lang_, "Server tidak dapat dihubungi.", "The server cannot be reached.");
          body = Tr(lang_, "Jawaban Anda belum terkirim. Coba lagi sebentar.",
                    "Nothing was sent yet. Please try again in a moment.");
          buttons = {{"retry", Tr(lang_, "Coba lagi", "Try again")}};
          break;
      }
      buttons.push_back({"ok", Tr(lang_, "Kembali", "Back")});
      break;
  }
  Rect title_box{k.pad, top + k.P(80), k.w - 2 * k.pad, k.P(k.landscape ? 200 : 260)};
  FitText(f, m, title_box, title, k.P(90), true, title_ink, Align::kCenter, true);
  if (!body.empty()) {
    Rect body_box{k.pad, title_box.bottom() + k.pad, k.w - 2 * k.pad, k.P(k.landscape ? 160 : 220)};
    FitText(f, m, body_box, body, k.P(56), false, theme::kInk, Align::kCenter, true);
  }
  if (buttons.empty()) return;
  int bh = std::max(k.min_target, k.P(150));
  auto cols = Columns({k.pad, k.h - k.pad - bh, k.w - 2 * k.pad, bh},
                      static_cast<int>(buttons.size()), k.pad);
  for (size_t i = 0; i < buttons.size(); ++i) {
    bool primary = buttons[i].first == "retry" || buttons[i].first == "done";
    Button(f, m, cols[i], buttons[i].first, buttons[i].second, k.P(56),
           primary ? theme::kService : theme::kButtonLight,
           primary ? theme::kOnDark : theme::kButtonLightInk, k);
  }
}

Frame SurveyScreen::BuildFrame(const ui::TextMeasurer& m) const {
  Frame f;
  f.width = config_.width;
  f.height = config_.height;
  f.background = theme::kPage;
  Metrics k = Measure(config_, MinTargetPx());
  int top = Header(&f, m) + k.pad;
  if (state_ == SurveyState::kNumber) {
    BuildNumber(&f, m, top);
  } else if (state_ == SurveyState::kQuestion) {
    BuildQuestion(&f, m, top);
  } else {
    BuildMessage(&f, m, top);
  }
  FocusRing(&f, speech_.focus(), k);
  return f;
}

}  // namespace antre::kiosk
