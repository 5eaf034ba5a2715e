// Our PDF text (ExtractPdf) against Poppler's own `pdftotext` on the same
// files, in the same run: time per file for both (best of REPETITIONS; the
// pdftotext time includes starting the process) and agreement, the fraction
// of pdftotext's words found in ours in order (longest common subsequence of
// the two word sequences over pdftotext's word count). Our text drops running
// headers, footers, page numbers and list bullets, and joins hyphenated
// words, so agreement below 1 is expected.
//
//   bench_pdf [DIR_OF_PDFS] [REPETITIONS]
// Without a directory: prints up to 6 corpus pages (../shared/corpus) to PDF
// with chromium-headless-shell when both exist, else uses PDFs written by the
// test writer.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/extract/bench_pdf_inputs.h"
#include "bench/extract/corpus_pages.h"
#include "extract/extract.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

std::string OurText(const std::string& bytes, bool* ok) {
  pw::extract::Document doc;
  *ok = pw::extract::ExtractPdf(bytes, {}, &doc).ok();
  std::string text = doc.title;
  for (const auto& s : doc.sections) {
    text += "\n" + s.heading;
    for (const auto& b : s.blocks) text += "\n" + b.text;
  }
  return text;
}

struct Row {
  std::string name;
  double ours = 1e9, theirs = 1e9, agreement = 0;
  size_t their_words = 0;
  bool ok = false;
};

Row Measure(const fs::path& pdf, int reps) {
  Row row;
  row.name = pdf.filename().string();
  const std::string bytes = pw::bench::ReadFile(pdf);
  std::string ours, theirs;
  for (int r = 0; r < reps; ++r) {
    auto t0 = Clock::now();
    ours = OurText(bytes, &row.ok);
    row.ours = std::min(row.ours, Seconds(t0));
    t0 = Clock::now();
    theirs = pw::bench::PdfToText(pdf);
    row.theirs = std::min(row.theirs, Seconds(t0));
  }
  std::vector<std::string> a = pw::bench::Words(theirs), b = pw::bench::Words(ours);
  row.their_words = a.size();
  row.agreement = a.empty() ? 1.0 : static_cast<double>(pw::bench::CommonWords(a, b)) / a.size();
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  if (std::system("command -v pdftotext >/dev/null 2>&1") != 0) {
    std::printf("bench_pdf: pdftotext (poppler-utils) is not installed; skipped\n");
    return 0;
  }
  std::vector<fs::path> pdfs;
  std::string source;
  if (argc > 1) {
    pdfs = pw::bench::PdfsIn(argv[1]);
    source = argv[1];
  } else {
    source = pw::bench::MakeBenchPdfs(&pdfs);
  }
  std::printf("%zu PDFs (%s), best of %d\n", pdfs.size(), source.c_str(), reps);
  std::printf("%-40s %8s %10s %10s %7s %10s\n", "file", "words", "ours ms", "pdftotext", "ratio",
              "agreement");
  double total_ours = 0, total_theirs = 0, weighted = 0;
  size_t words = 0;
  for (const fs::path& pdf : pdfs) {
    Row r = Measure(pdf, reps);
    std::printf("%-40.40s %8zu %10.2f %10.2f %7.2f %10.3f%s\n", r.name.c_str(), r.their_words,
                r.ours * 1e3, r.theirs * 1e3, r.ours / r.theirs, r.agreement,
                r.ok ? "" : "  (ExtractPdf failed)");
    total_ours += r.ours;
    total_theirs += r.theirs;
    weighted += r.agreement * static_cast<double>(r.their_words);
    words += r.their_words;
  }
  if (!pdfs.empty()) {
    std::printf("total: ours %.1f ms, pdftotext %.1f ms, ratio %.2f; agreement (by words) %.3f\n",
                total_ours * 1e3, total_theirs * 1e3, total_ours / total_theirs,
                words ? weighted / static_cast<double>(words) : 1.0);
  }
  return 0;
}
