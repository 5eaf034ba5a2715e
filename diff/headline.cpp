// Headline(): an alert's first line.
#include <array>
#include <string_view>

#include "diff/changeset_render.h"
#include "diff/internal/reason_rank.h"

namespace pw::diff {
namespace {

struct Title {
  std::string_view category;
  std::string_view words;
};

// What a reader calls each category.
constexpr std::array<Title, 20> kTitles = {{
    {"first-party-collection", "Collection"},
    {"third-party-sharing", "Sharing"},
    {"user-choice", "Choices"},
    {"user-access", "Your rights"},
    {"data-retention", "Retention"},
    {"data-security", "Security"},
    {"policy-change", "Policy changes"},
    {"do-not-track", "Do Not Track"},
    {"international-audiences", "International"},
    {"specific-audiences", "Children and other audiences"},
    {"eligibility", "Eligibility"},
    {"arbitration", "Arbitration"},
    {"liability", "Liability"},
    {"termination", "Termination"},
    {"governing-law", "Governing law"},
    {"content-licence", "Content licence"},
    {"fees", "Fees"},
    {"acceptable-use", "Acceptable use"},
    {"other", ""},
    {"", ""},
}};

std::string TitleOf(const SectionChange& s) {
  for (const auto& category : s.categories) {
    for (const Title& t : kTitles) {
      if (t.category == category && !t.words.empty()) return std::string(t.words);
    }
  }
  if (!s.path.empty() && !s.path.back().empty()) return s.path.back();
  if (!s.old_path.empty() && !s.old_path.back().empty()) return s.old_path.back();
  return "Change";
}

// `kind: "old" -> "new"` reads as `"old" -> "new"`; other reasons whole.
std::string_view Quoted(std::string_view reason) {
  const size_t colon = reason.find(": \"");
  if (colon == std::string_view::npos) return reason;
  const std::string_view rest = reason.substr(colon + 2);
  return rest.find("\" -> \"") != std::string_view::npos ? rest : reason;
}

// The section whose severity is highest, then whose first reason ranks best.
const SectionChange* Leading(const Changeset& cs) {
  const SectionChange* best = nullptr;
  int best_rank = 0;
  for (const auto& s : cs.sections) {
    const int rank = s.reasons.empty() ? 100 : ReasonRank(s.reasons.front());
    if (best == nullptr || s.severity > best->severity ||
        (s.severity == best->severity && rank < best_rank)) {
      best = &s;
      best_rank = rank;
    }
  }
  return best;
}

}  // namespace

std::string EffectiveLine(const Changeset& changeset) {
  if (changeset.notice_text.empty()) return "";
  const std::string when =
      changeset.effective_date.empty() ? "" : " " + changeset.effective_date;
  return "Takes effect" + when + ": \"" + changeset.notice_text + "\"";
}

std::string Headline(const Changeset& changeset) {
  const SectionChange* s = Leading(changeset);
  if (s == nullptr || s->reasons.empty()) return "";
  return TitleOf(*s) + ": " + std::string(Quoted(s->reasons.front()));
}

}  // namespace pw::diff
