// Severity, categories and reasons of one section change (internal to diff/).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "diff/diff.h"

namespace pw::diff {

// What the classifier needs to know about the two whole documents.
class DocumentContext {
 public:
  // The providers give each document's whole text; called at most once, and only
  // if a check needs the whole document.
  using TextProvider = std::function<std::string()>;
  DocumentContext(TextProvider old_text, TextProvider new_text);

  // Fraction of the 3-word shingles of `text` found anywhere in the old (new)
  // document: near 1 means the text was already there, only elsewhere. Words are
  // compared ASCII-case-folded, without punctuation.
  double FoundInOld(std::string_view text) const;
  double FoundInNew(std::string_view text) const;

 private:
  static double Found(std::string_view text, const TextProvider& doc_text,
                      std::unordered_set<uint64_t>* cache);
  TextProvider old_text_, new_text_;
  mutable std::unordered_set<uint64_t> old_shingles_, new_shingles_;  // built lazily
};

// Hash of three consecutive words starting at words[i].
uint64_t ShingleHash(const std::vector<std::string>& words, size_t i);

// Fills severity, categories, reasons and word counts of `change` from its `diff`
// (the word diff of old_body -> new_body).
void ClassifyModified(std::string_view old_body, std::string_view new_body,
                      const DocumentContext& doc, SectionChange* change);

// For an added (added = true) or removed section.
void ClassifyAddedOrRemoved(bool added, std::string_view heading, std::string_view body,
                            const DocumentContext& doc, SectionChange* change);

// Adds the effect of a heading change ("renamed") to `change`.
void ClassifyHeadingChange(std::string_view old_heading, std::string_view new_heading,
                           SectionChange* change);

// Adds `category` to change->categories once.
void AddCategory(std::string_view category, SectionChange* change);

// Counts word tokens in `text`.
int CountWords(std::string_view text);

// A short quotation: whitespace collapsed, at most `max` bytes (cut at a word).
std::string Quote(std::string_view text, size_t max = 100);

}  // namespace pw::diff
