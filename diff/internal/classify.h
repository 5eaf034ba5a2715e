// Severity, categories and reasons of one section change (internal to diff/).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diff/diff.h"

namespace pw::diff {

// The 3-word shingles of a document as a sorted array of 32-bit fingerprints:
// a 1 MB document's ~170k shingles take ~0.7 MB, built in sequential passes.
// A false "found" has a chance of about 1 in 25,000 per shingle.
class ShingleSet {
 public:
  // `pieces` concatenated, with a word break between two pieces, form the text.
  void Build(const std::vector<std::string_view>& pieces);
  bool built() const { return built_; }
  bool Contains(uint64_t shingle) const;

 private:
  std::vector<uint32_t> sorted_;
  std::vector<uint32_t> bucket_;  // index of sorted_ by the top bits
  int shift_ = 16;
  bool built_ = false;
};

// What the classifier needs to know about the two whole documents.
class DocumentContext {
 public:
  // Each document as pieces of text (headings and bodies, in order) that stay
  // valid while the context is used; its shingle set is built on first use.
  DocumentContext(std::vector<std::string_view> old_pieces,
                  std::vector<std::string_view> new_pieces);

  // Fraction of the 3-word shingles of `text` found anywhere in the old (new)
  // document: near 1 means the text was already there, only elsewhere. Words are
  // compared ASCII-case-folded, without punctuation.
  double FoundInOld(std::string_view text) const;
  double FoundInNew(std::string_view text) const;

 private:
  static double Found(std::string_view text, const std::vector<std::string_view>& doc,
                      ShingleSet* cache);
  std::vector<std::string_view> old_pieces_, new_pieces_;
  mutable ShingleSet old_shingles_, new_shingles_;  // built lazily
};

// Hash of three consecutive words starting at words[i].
uint64_t ShingleHash(const std::vector<std::string>& words, size_t i);

// Fills severity, categories, reasons and word counts of `change` from its `diff`
// (the word diff of old_body -> new_body). `old_normalized` / `new_normalized`,
// when given, are NormalizedWords() of the bodies (saves computing them again).
void ClassifyModified(std::string_view old_body, std::string_view new_body,
                      const DocumentContext& doc, SectionChange* change,
                      const std::vector<std::string>* old_normalized = nullptr,
                      const std::vector<std::string>* new_normalized = nullptr);

// For an added (added = true) or removed section; `normalized`, when given, is
// NormalizedWords(body).
void ClassifyAddedOrRemoved(bool added, std::string_view heading, std::string_view body,
                            const DocumentContext& doc, SectionChange* change,
                            const std::vector<std::string>* normalized = nullptr);

// Adds the effect of a heading change ("renamed") to `change`.
void ClassifyHeadingChange(std::string_view old_heading, std::string_view new_heading,
                           SectionChange* change);

// Adds `category` to change->categories once (and its evidence, `phrase`).
void AddCategory(std::string_view category, SectionChange* change, std::string_view phrase = {});

// Counts word tokens in `text`.
int CountWords(std::string_view text);

// A short quotation: whitespace collapsed, at most `max` bytes (cut at a word).
std::string Quote(std::string_view text, size_t max = 100);

}  // namespace pw::diff
