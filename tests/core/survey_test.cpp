#include "core/survey.h"

#include <doctest/doctest.h>

using namespace antre;

namespace {

using Sums = std::array<int64_t, kSurveyElements>;

// Element sums of `n` respondents whose answers add up to `total` over all nine elements.
Sums Spread(int64_t total, int n) {
  Sums s{};
  for (int i = 0; i < kSurveyElements; ++i)
    s[i] = total / kSurveyElements + (i < total % kSurveyElements ? 1 : 0);
  for (int64_t v : s) REQUIRE((v >= n && v <= 4 * n));
  return s;
}

}  // namespace

TEST_CASE("Survey: IKM and grade from worked examples") {
  struct Row {
    const char* what;
    Sums sums;
    int n;
    int want_ikm;  // hundredths
    IkmGrade want_grade;
  };
  const Row rows[] = {
      // 4 residents; element means 3.25 3.50 2.50 4.00 3.00 3.50 3.75 2.75 2.75 sum to 29.00;
      // 29 x 0.111 x 25 = 80.475 -> 80.48.
      {"four residents", {13, 14, 10, 16, 12, 14, 15, 11, 11}, 4, 8048, IkmGrade::kB},
      {"all 4: 36 x 2.775 (the weight 0.111 caps it below 100)", Spread(36, 1), 1, 9990,
       IkmGrade::kA},
      {"all 3: 74.925 rounds half up, exactly", Spread(27, 1), 1, 7493, IkmGrade::kC},
      {"all 2", Spread(18, 1), 1, 4995, IkmGrade::kD},
      {"all 1: 24.975 is the minimum, still D", Spread(9, 1), 1, 2498, IkmGrade::kD},
      // The band edges reached by real answer totals (total T of n residents: 555T / 2n).
      {"88.3103 -> 88.31, A", Spread(541, 17), 17, 8831, IkmGrade::kA},
      {"88.305 exactly -> 88.31, A", Spread(5887, 185), 185, 8831, IkmGrade::kA},
      {"88.2955 -> 88.30, B", Spread(350, 11), 11, 8830, IkmGrade::kB},
      {"76.6141 -> 76.61, B", Spread(635, 23), 23, 7661, IkmGrade::kB},
      {"76.605 exactly -> 76.61, B", Spread(5107, 185), 185, 7661, IkmGrade::kB},
      {"76.6046 -> 76.60, C", Spread(1049, 38), 38, 7660, IkmGrade::kC},
      {"64.9990 -> 65.00, C (rounded before grading)", Spread(609, 26), 26, 6500, IkmGrade::kC},
      {"64.995 exactly -> 65.00, C", Spread(4333, 185), 185, 6500, IkmGrade::kC},
      {"64.9934 -> 64.99, D", Spread(445, 19), 19, 6499, IkmGrade::kD},
  };
  for (const auto& r : rows) {
    CAPTURE(r.what);
    IkmSummary s = ComputeIkm(r.sums, r.n);
    CHECK(s.respondents == r.n);
    CHECK(s.ikm_hundredths == r.want_ikm);
    CHECK(s.grade == r.want_grade);
  }
}

TEST_CASE("Survey: element means in hundredths, half up") {
  IkmSummary s = ComputeIkm({13, 14, 10, 16, 12, 14, 15, 11, 11}, 4);
  const int want[] = {325, 350, 250, 400, 300, 350, 375, 275, 275};
  for (int i = 0; i < kSurveyElements; ++i) CHECK(s.mean_hundredths[i] == want[i]);
  IkmSummary thirds = ComputeIkm({10, 11, 3, 3, 3, 3, 3, 3, 3}, 3);  // 3.333.., 3.666..
  CHECK(thirds.mean_hundredths[0] == 333);
  CHECK(thirds.mean_hundredths[1] == 367);
  IkmSummary eighths = ComputeIkm({21, 8, 8, 8, 8, 8, 8, 8, 8}, 8);  // 2.625 -> 2.63
  CHECK(eighths.mean_hundredths[0] == 263);
}

TEST_CASE("Survey: no respondents, no index") {
  IkmSummary s = ComputeIkm({}, 0);
  CHECK(s.respondents == 0);
  CHECK(s.ikm_hundredths == 0);
  CHECK(s.grade == IkmGrade::kNone);
  CHECK(std::string(IkmGradeName(s.grade)).empty());
}

TEST_CASE("Survey: grade bands at their published edges") {
  struct Row {
    int ikm;
    IkmGrade want;
  };
  const Row rows[] = {
      {10000, IkmGrade::kA}, {9990, IkmGrade::kA}, {8831, IkmGrade::kA}, {8830, IkmGrade::kB},
      {7661, IkmGrade::kB},  {7660, IkmGrade::kC}, {6500, IkmGrade::kC}, {6499, IkmGrade::kD},
      {2500, IkmGrade::kD},  {2498, IkmGrade::kD},
  };
  for (const auto& r : rows) {
    CAPTURE(r.ikm);
    CHECK(GradeForIkm(r.ikm) == r.want);
  }
  CHECK(std::string(IkmGradeName(IkmGrade::kA)) == "A");
  CHECK(std::string(IkmGradeLabelId(IkmGrade::kB)) == "Baik");
  CHECK(std::string(IkmGradeLabelId(IkmGrade::kC)) == "Kurang Baik");
  CHECK(std::string(IkmGradeLabelId(IkmGrade::kD)) == "Tidak Baik");
}

TEST_CASE("Survey: answers must be 1-4, the comment short plain text") {
  SurveyAnswers good;
  good.u = {1, 2, 3, 4, 4, 3, 2, 1, 4};
  CHECK(ValidateSurveyAnswers(good).ok());
  SurveyAnswers with_comment = good;
  with_comment.comment = std::string(498, 'a') + "é!";  // 500 characters, 501 bytes
  CHECK(ValidateSurveyAnswers(with_comment).ok());
  with_comment.comment = "Antrean cepat.\nPetugas ramah.";
  CHECK(ValidateSurveyAnswers(with_comment).ok());

  struct Bad {
    const char* what;
    SurveyAnswers answers;
    const char* field;
  };
  auto with = [&](int index, int value) {
    SurveyAnswers a = good;
    a.u[index] = value;
    return a;
  };
  auto comment = [&](std::string text) {
    SurveyAnswers a = good;
    a.comment = std::move(text);
    return a;
  };
  SurveyAnswers bad_source = good;
  bad_source.source = "sms";
  const Bad bad[] = {
      {"U1 zero", with(0, 0), "u1"},
      {"U9 five", with(8, 5), "u9"},
      {"U4 negative", with(3, -1), "u4"},
      {"501 characters", comment(std::string(501, 'a')), "comment"},
      {"broken UTF-8", comment("ok \xC3"), "comment"},
      {"a control character", comment("a\x01z"), "comment"},
      {"unknown source", bad_source, "source"},
  };
  for (const auto& b : bad) {
    CAPTURE(b.what);
    Status st = ValidateSurveyAnswers(b.answers);
    CHECK(st.error.code == ErrorCode::kInvalidInput);
    CHECK(st.error.message.find(b.field) != std::string::npos);
  }
}

TEST_CASE("Survey: nine elements, U1 to U9, named in both languages") {
  const auto& elements = SurveyElements();
  CHECK(std::string(elements[0].code) == "U1");
  CHECK(std::string(elements[8].code) == "U9");
  CHECK(std::string(elements[2].name_id) == "Waktu penyelesaian");
  for (const auto& e : elements) CHECK(std::string(e.name_en).size() > 0);
  CHECK(FormatHundredths(8048) == "80.48");
  CHECK(FormatHundredths(2500) == "25.00");
  CHECK(FormatHundredths(7) == "0.07");
}
