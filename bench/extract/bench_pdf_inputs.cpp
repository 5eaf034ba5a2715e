// Inputs and word comparison for bench_pdf (bench_pdf_inputs.h).
#include "bench/extract/bench_pdf_inputs.h"

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <functional>

#include "bench/extract/corpus_pages.h"
#include "extract/test_pdf_writer.h"

namespace pw::bench {
namespace {

namespace fs = std::filesystem;

fs::path TempDir() {
  std::string templ = (fs::temp_directory_path() / "pw-bench-pdf-XXXXXX").string();
  return mkdtemp(templ.data()) ? fs::path(templ) : fs::temp_directory_path();
}

// Up to six corpus pages (one a document) printed by Chromium into `dir`.
void PrintCorpus(const fs::path& dir, std::vector<fs::path>* pdfs) {
  std::vector<CorpusPage> pages;
  if (!LoadCorpusPages(&pages)) return;
  std::string last_doc;
  for (const CorpusPage& page : pages) {
    if (pdfs->size() >= 6) break;
    if (page.doc == last_doc || page.reference.empty()) continue;
    last_doc = page.doc;
    fs::path out = dir / (page.doc + ".pdf");
    std::string cmd = "timeout 60 chromium-headless-shell --no-sandbox --headless --disable-gpu "
                      "--print-to-pdf='" + out.string() + "' 'file://" + page.html.string() +
                      "' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0 && fs::exists(out)) pdfs->push_back(out);
  }
}

// A generated policy of `pages` pages written by the test writer.
std::string WriterPdf(int pages, unsigned seed) {
  static const char* const kWords[] = {"we", "collect", "information", "about", "your", "use",
                                       "of", "the", "service", "and", "share", "it", "with",
                                       "partners", "who", "process", "data", "for", "us"};
  std::vector<extract::testing::PdfPageSpec> specs(static_cast<size_t>(pages));
  for (int p = 0; p < pages; ++p) {
    auto& page = specs[static_cast<size_t>(p)];
    page.texts.push_back({72, 760, 9, false, "Generated Policy"});
    page.texts.push_back({280, 30, 9, false, "Page " + std::to_string(p + 1)});
    page.texts.push_back({72, 720, 14, true, std::to_string(p + 1) + ". Section Heading"});
    double y = 700;
    for (int para = 0; para < 6; ++para, y -= 12) {
      for (int line = 0; line < 8; ++line, y -= 12) {
        std::string text;
        while (text.size() < 80) text += std::string(kWords[(seed = seed * 1103515245 + 12345) % 19]) + " ";
        if (line == 7) text.back() = '.';
        page.texts.push_back({72, y, 10, false, text});
      }
    }
  }
  return extract::testing::WritePdf(specs);
}

}  // namespace

std::vector<fs::path> PdfsIn(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".pdf") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string MakeBenchPdfs(std::vector<fs::path>* pdfs) {
  fs::path dir = TempDir();
  if (std::system("command -v chromium-headless-shell >/dev/null 2>&1") == 0) {
    PrintCorpus(dir, pdfs);
    if (!pdfs->empty()) return "corpus pages printed by chromium-headless-shell into " + dir.string();
  }
  for (int pages : {1, 5, 20}) {
    fs::path out = dir / ("writer-" + std::to_string(pages) + "p.pdf");
    std::ofstream(out, std::ios::binary) << WriterPdf(pages, static_cast<unsigned>(pages));
    pdfs->push_back(out);
  }
  return "test-writer PDFs in " + dir.string();
}

std::string PdfToText(const fs::path& pdf) {
  std::string cmd = "pdftotext -q '" + pdf.string() + "' - 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return "";
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

size_t CommonWords(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<size_t> ha, hb;
  for (const auto& w : a) ha.push_back(std::hash<std::string>()(w));
  for (const auto& w : b) hb.push_back(std::hash<std::string>()(w));
  std::vector<unsigned> prev(hb.size() + 1, 0), cur(hb.size() + 1, 0);
  for (size_t i = 1; i <= ha.size(); ++i) {
    for (size_t j = 1; j <= hb.size(); ++j) {
      cur[j] = ha[i - 1] == hb[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return prev[hb.size()];
}

}  // namespace pw::bench
