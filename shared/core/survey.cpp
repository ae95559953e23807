#include "survey.h"

namespace antre {
namespace {

// Counts the code points of valid UTF-8 without C0 controls other than tab and newlines;
// returns -1 for anything else (so a comment can always be printed and exported as CSV).
int CountCommentChars(const std::string& s) {
  int count = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return -1;
    if (len == 1 && c < 0x20 && c != '\n' && c != '\r' && c != '\t') return -1;
    if (len == 1 && c == 0x7F) return -1;
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return -1;
    }
    i += len;
    ++count;
  }
  return count;
}

// round(numerator / denominator) for non-negative values, halves rounded up, exactly.
int64_t RoundHalfUp(int64_t numerator, int64_t denominator) {
  return (2 * numerator + denominator) / (2 * denominator);
}

}  // namespace

const std::array<SurveyElement, kSurveyElements>& SurveyElements() {
  static const std::array<SurveyElement, kSurveyElements> kElements = {{
      {"U1", "Persyaratan", "Requirements"},
      {"U2", "Sistem, mekanisme, dan prosedur", "System, mechanism and procedure"},
      {"U3", "Waktu penyelesaian", "Completion time"},
      {"U4", "Biaya/tarif", "Cost/fee"},
      {"U5", "Produk spesifikasi jenis pelayanan", "Service product as specified"},
      {"U6", "Kompetensi pelaksana", "Staff competence"},
      {"U7", "Perilaku pelaksana", "Staff conduct"},
      {"U8", "Penanganan pengaduan, saran dan masukan", "Handling of complaints and suggestions"},
      {"U9", "Sarana dan prasarana", "Facilities"},
  }};
  return kElements;
}

Status ValidateSurveyAnswers(const SurveyAnswers& answers) {
  for (int i = 0; i < kSurveyElements; ++i) {
    if (answers.u[i] < 1 || answers.u[i] > 4) {
      return {MakeError(ErrorCode::kInvalidInput,
                        "field 'u" + std::to_string(i + 1) + "' must be a whole number 1-4")};
    }
  }
  int chars = CountCommentChars(answers.comment);
  if (chars < 0) return {MakeError(ErrorCode::kInvalidInput, "field 'comment' must be plain text")};
  if (chars > kMaxSurveyComment) {
    return {MakeError(ErrorCode::kInvalidInput, "field 'comment' must be at most 500 characters")};
  }
  if (answers.source != "web" && answers.source != "kiosk") {
    return {MakeError(ErrorCode::kInvalidInput, "source must be web or kiosk")};
  }
  return Status::Ok();
}

const char* IkmGradeName(IkmGrade g) {
  switch (g) {
    case IkmGrade::kA:
      return "A";
    case IkmGrade::kB:
      return "B";
    case IkmGrade::kC:
      return "C";
    case IkmGrade::kD:
      return "D";
    case IkmGrade::kNone:
      break;
  }
  return "";
}

const char* IkmGradeLabelId(IkmGrade g) {
  switch (g) {
    case IkmGrade::kA:
      return "Sangat Baik";
    case IkmGrade::kB:
      return "Baik";
    case IkmGrade::kC:
      return "Kurang Baik";
    case IkmGrade::kD:
      return "Tidak Baik";
    case IkmGrade::kNone:
      break;
  }
  return "";
}

const char* IkmGradeLabelEn(IkmGrade g) {
  switch (g) {
    case IkmGrade::kA:
      return "Very good";
    case IkmGrade::kB:
      return "Good";
    case IkmGrade::kC:
      return "Poor";
    case IkmGrade::kD:
      return "Bad";
    case IkmGrade::kNone:
      break;
  }
  return "";
}

IkmGrade GradeForIkm(int ikm_hundredths) {
  // The published bands have two decimals and no gaps once the IKM is rounded to two.
  if (ikm_hundredths >= 8831) return IkmGrade::kA;
  if (ikm_hundredths >= 7661) return IkmGrade::kB;
  if (ikm_hundredths >= 6500) return IkmGrade::kC;
  return IkmGrade::kD;
}

IkmSummary ComputeIkm(const std::array<int64_t, kSurveyElements>& element_sums, int respondents) {
  IkmSummary out;
  if (respondents <= 0) return out;
  out.respondents = respondents;
  int64_t total = 0;
  for (int i = 0; i < kSurveyElements; ++i) {
    total += element_sums[i];
    out.mean_hundredths[i] = static_cast<int>(RoundHalfUp(100 * element_sums[i], respondents));
  }
  // sum(mean_i) x 0.111 x 25 x 100 = total x 277.5 / n = 555 x total / (2n): integers only,
  // so a value such as 74.925 rounds to 74.93 instead of depending on binary fractions.
  out.ikm_hundredths =
      static_cast<int>(RoundHalfUp(555 * total, 2 * static_cast<int64_t>(respondents)));
  out.grade = GradeForIkm(out.ikm_hundredths);
  return out;
}

std::string FormatHundredths(int hundredths) {
  std::string sign = hundredths < 0 ? "-" : "";
  int v = hundredths < 0 ? -hundredths : hundredths;
  std::string frac = std::to_string(v % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return sign + std::to_string(v / 100) + "." + frac;
}

}  // namespace antre
