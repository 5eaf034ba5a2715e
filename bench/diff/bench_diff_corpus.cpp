// Severity evaluation on the real corpus: every pair of
// ${PW_SOURCE_DIR}/../shared/corpus/pairs.tsv against labels.tsv.
// Prints the confusion matrix, per-class precision/recall, material precision
// beside material recall, accuracy, the pairs we call material counted by the
// kind of their first reason (with how many of them are false alarms), and
// the misclassified pairs with our reasons. Skips (exit 0) when the corpus is
// absent.
//   bench_diff_corpus [CORPUS_DIR] [-v] [--dump DIR]
//     -v: reasons for every pair, and every false material / false minor pair
//     with its first reason; --dump: write each pair's changeset JSON to
//     DIR/<n>.json (to compare two builds with `diff -r`).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "diff/diff.h"
#include "diff/changeset_render.h"
#include "extract/text.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::vector<std::string>> ReadTsv(const fs::path& p) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(p);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    rows.push_back(cols);
  }
  return rows;
}

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// versions/... are Markdown; for snapshots/... use the extracted Markdown beside
// the HTML page (the HTML path is the extract module's own evaluation).
fs::path TextFile(const fs::path& corpus, const std::string& doc, const std::string& name) {
  fs::path p = corpus / doc / name;
  if (p.extension() == ".html") p.replace_extension(".extracted.md");
  return p;
}

}  // namespace

const std::vector<std::string> kClasses = {"cosmetic", "minor", "material"};

struct Tally {
  std::map<std::string, std::map<std::string, int>> confusion;  // truth -> predicted
  std::vector<std::string> lines;  // misclassified pairs (every pair with -v)
  int total = 0, correct = 0;
  // Pairs we call material, by the kind of their first reason: {all, false}.
  std::map<std::string, std::pair<int, int>> material_kinds;
  std::vector<std::string> false_material, false_minor;  // pair: first reason
};

// The first reason of the sections at the changeset's severity.
std::string FirstReason(const pw::diff::Changeset& cs) {
  for (const auto& c : cs.sections) {
    if (c.severity == cs.severity && !c.reasons.empty()) return c.reasons.front();
  }
  return "(no reason)";
}

// The kind of a reason: its words before the first quote, colon, parenthesis
// or semicolon ("number changed", "section added", "new recipient").
std::string ReasonKind(const std::string& reason) {
  size_t end = reason.find_first_of(":\"(;");
  std::string kind = reason.substr(0, end);
  while (!kind.empty() && kind.back() == ' ') kind.pop_back();
  return kind.empty() ? reason : kind;
}

// The lines that show one pair: its label, ours, and up to four of our reasons.
std::string Describe(const std::vector<std::string>& row, const pw::diff::Changeset& cs,
                     const std::string& got, bool ok) {
  std::string line = (ok ? "  ok   " : "  MISS ") + row[0] + " " + row[1] + " -> " + row[2] +
                     ": labelled " + row[3] + ", got " + got + "\n";
  if (row.size() > 5) line += "         label: " + row[5] + "\n";
  int shown = 0;
  for (const auto& c : cs.sections) {
    if (c.severity != cs.severity) continue;
    for (const auto& r : c.reasons) {
      if (shown++ < 4) line += "         ours:  " + r + "\n";
    }
  }
  return line;
}

// Diffs one labelled pair and counts it; writes its changeset under `dump` when set.
void Evaluate(const fs::path& corpus, const std::vector<std::string>& row, bool verbose,
              const fs::path& dump, Tally* t) {
  std::string a, b;
  if (!ReadFile(TextFile(corpus, row[0], row[1]), &a) ||
      !ReadFile(TextFile(corpus, row[0], row[2]), &b)) {
    std::printf("cannot read %s %s %s\n", row[0].c_str(), row[1].c_str(), row[2].c_str());
    return;
  }
  pw::diff::Changeset cs = pw::diff::Compare(pw::extract::ParseText(a), pw::extract::ParseText(b));
  if (!dump.empty()) {
    std::ofstream out(dump / (std::to_string(t->total) + ".json"));
    out << row[0] << " " << row[1] << " -> " << row[2] << "\n"
        << pw::diff::ToJson(cs).dump(1) << "\n";
  }
  std::string got(pw::SeverityName(cs.severity));
  if (got == "none") got = "cosmetic";  // the labels have no "none"
  const std::string& want = row[3];
  ++t->total;
  t->confusion[want][got]++;
  const bool ok = got == want;
  t->correct += ok ? 1 : 0;
  if (!ok || verbose) t->lines.push_back(Describe(row, cs, got, ok));
  const std::string pair = row[0] + " " + row[1] + " -> " + row[2];
  if (got == "material") {
    auto& k = t->material_kinds[ReasonKind(FirstReason(cs))];
    ++k.first;
    if (want != "material") {
      ++k.second;
      t->false_material.push_back(pair + " (labelled " + want + "): " + FirstReason(cs));
    }
  } else if (want == "material") {
    t->false_minor.push_back(pair + " (got " + got + "): " + FirstReason(cs));
  }
}

void PrintReport(const fs::path& corpus, Tally& t, bool verbose) {
  std::printf("Corpus: %s, %d pairs\n\n", corpus.string().c_str(), t.total);
  std::printf("confusion (rows: label, columns: ours)\n%-10s", "");
  for (const auto& c : kClasses) std::printf("%10s", c.c_str());
  std::printf("\n");
  for (const auto& truth : kClasses) {
    std::printf("%-10s", truth.c_str());
    for (const auto& p : kClasses) std::printf("%10d", t.confusion[truth][p]);
    std::printf("\n");
  }
  std::printf("\n%-10s %9s %9s\n", "class", "precision", "recall");
  for (const auto& c : kClasses) {
    int tp = t.confusion[c][c], predicted = 0, actual = 0;
    for (const auto& truth : kClasses) predicted += t.confusion[truth][c];
    for (const auto& p : kClasses) actual += t.confusion[c][p];
    std::printf("%-10s %9.3f %9.3f\n", c.c_str(), predicted ? double(tp) / predicted : 0.0,
                actual ? double(tp) / actual : 0.0);
  }
  int material_tp = t.confusion["material"]["material"], material_predicted = 0, material_actual = 0;
  for (const auto& c : kClasses) {
    material_predicted += t.confusion[c]["material"];
    material_actual += t.confusion["material"][c];
  }
  std::printf("\nmaterial precision %.3f (%d/%d), material recall %.3f (%d/%d)\n",
              material_predicted ? double(material_tp) / material_predicted : 0.0, material_tp,
              material_predicted, material_actual ? double(material_tp) / material_actual : 0.0,
              material_tp, material_actual);
  std::printf("accuracy %.3f (%d/%d); cosmetic reported as material: %d\n",
              t.total ? double(t.correct) / t.total : 0.0, t.correct, t.total,
              t.confusion["cosmetic"]["material"]);
  std::printf("\nmaterial by the kind of the first reason (pairs, of which false alarms):\n");
  for (const auto& [kind, n] : t.material_kinds) {
    std::printf("  %-60s %4d %4d\n", kind.c_str(), n.first, n.second);
  }
  if (verbose) {
    std::printf("\nfalse material (%zu):\n", t.false_material.size());
    for (const auto& m : t.false_material) std::printf("  %s\n", m.c_str());
    std::printf("\nfalse minor or cosmetic (labelled material, %zu):\n", t.false_minor.size());
    for (const auto& m : t.false_minor) std::printf("  %s\n", m.c_str());
  }
  std::printf("\n%s:\n", verbose ? "pairs" : "misclassified");
  for (const auto& m : t.lines) std::printf("%s", m.c_str());
}

int main(int argc, char** argv) {
  fs::path corpus = fs::path(PW_SOURCE_DIR) / ".." / "shared" / "corpus";
  bool verbose = false;
  fs::path dump;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-v") {
      verbose = true;
    } else if (a == "--dump" && i + 1 < argc) {
      dump = argv[++i];
      fs::create_directories(dump);
    } else {
      corpus = a;
    }
  }
  if (!fs::exists(corpus / "labels.tsv")) {
    std::printf("bench_diff_corpus: skipped, no corpus at %s\n", corpus.string().c_str());
    return 0;
  }
  Tally tally;
  for (const auto& row : ReadTsv(corpus / "labels.tsv")) {
    if (row.size() < 4 || row[0] == "doc") continue;
    Evaluate(corpus, row, verbose, dump, &tally);
  }
  PrintReport(corpus, tally, verbose);
  return 0;
}
