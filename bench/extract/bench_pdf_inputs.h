// Inputs and word comparison for bench_pdf.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace pw::bench {

// The *.pdf files of `dir`, sorted.
std::vector<std::filesystem::path> PdfsIn(const std::filesystem::path& dir);

// Fills *pdfs with PDFs to measure, made in a temporary directory: up to six
// corpus pages printed by chromium-headless-shell when both exist, else
// PDFs of the test writer. Returns a description of where they came from.
std::string MakeBenchPdfs(std::vector<std::filesystem::path>* pdfs);

// The text `pdftotext FILE -` prints ("" if it fails).
std::string PdfToText(const std::filesystem::path& pdf);

// Runs of non-space characters (ASCII whitespace separates).
std::vector<std::string> Words(const std::string& text);

// The length of the longest common subsequence of `a` and `b`.
size_t CommonWords(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace pw::bench
