// The public satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017): nine
// elements U1-U9 answered 1-4, and the index (IKM) with its grade.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "result.h"

namespace antre {

// Number of survey elements (unsur pelayanan) U1..U9.
constexpr int kSurveyElements = 9;
// Longest optional comment, in characters (UTF-8 code points).
constexpr int kMaxSurveyComment = 500;

// One element's code and official name in the two UI languages.
struct SurveyElement {
  const char* code;     // "U1"
  const char* name_id;  // "Persyaratan"
  const char* name_en;  // "Requirements"
};

// The nine elements in order, U1 first.
const std::array<SurveyElement, kSurveyElements>& SurveyElements();

// One resident's answers, u[0] = U1 ... u[8] = U9, each 1 (worst) to 4 (best).
struct SurveyAnswers {
  std::array<int, kSurveyElements> u{};
  std::string comment;         // optional, free text
  std::string source = "web";  // "web" (ticket page) or "kiosk"
};

// Checks every answer is 1-4, the comment is valid UTF-8 of at most 500 characters, and the
// source is known. InvalidInput naming the first bad field otherwise.
Status ValidateSurveyAnswers(const SurveyAnswers& answers);

// Quality grade (mutu pelayanan) of an IKM; kNone when nobody answered.
enum class IkmGrade { kNone, kA, kB, kC, kD };

// "A".."D", or "" for kNone.
const char* IkmGradeName(IkmGrade g);
// "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik" (English: very good, good, poor, bad).
const char* IkmGradeLabelId(IkmGrade g);
const char* IkmGradeLabelEn(IkmGrade g);

// The grade of an IKM given in hundredths (8831 = 88.31): A 88.31-100, B 76.61-88.30,
// C 65.00-76.60, D below 65.00 (which includes the formula's minimum, 24.98).
IkmGrade GradeForIkm(int ikm_hundredths);

// The survey figures of a group of responses.
struct IkmSummary {
  int respondents = 0;
  std::array<int, kSurveyElements> mean_hundredths{};  // each element's mean x 100, half up
  int ikm_hundredths = 0;  // IKM x 100, rounded half up; 0 without respondents
  IkmGrade grade = IkmGrade::kNone;
};

// IKM = (sum over elements of the element's mean x 0.111) x 25, computed exactly from the
// answer totals and rounded once, half up, to two decimals; the grade is read from that
// rounded value. With the 0.111 weight the range is 24.98 (all 1) to 99.90 (all 4).
// `element_sums[i]` is the sum of every respondent's answer to element i. Zero respondents
// give an empty summary (grade kNone).
IkmSummary ComputeIkm(const std::array<int64_t, kSurveyElements>& element_sums, int respondents);

// Answer totals of one service's responses over a period (what the store sums up).
struct SurveyTotals {
  std::string service;
  std::array<int64_t, kSurveyElements> sums{};  // per element, over every respondent
  int respondents = 0;
};

// One stored response as exported: no ticket, no time of day, no comment.
struct SurveyResponse {
  std::string day;  // local date the ticket was served, "YYYY-MM-DD"
  std::string service;
  std::string source;
  std::array<int, kSurveyElements> u{};
};

// A resident's free-text comment, for supervisors only.
struct SurveyComment {
  std::string day;
  std::string service;
  std::string text;
};

// "88.31" from 8831 (always two decimals; a dot, as on the wire).
std::string FormatHundredths(int hundredths);

}  // namespace antre
