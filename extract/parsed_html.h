// Gumbo, as extraction uses it: one parse of the page's folded text (see
// folded_html.h) whose memory comes from an arena and is released at once, with
// parse errors not recorded.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pw::extract {

// Owns the parse tree of `html` (which must outlive it, as Gumbo points into
// it). Faster than gumbo_parse with its default options: Gumbo makes tens of
// thousands of small allocations per page and frees them one by one, and
// records every parse error (a sloppy page has thousands; we never read them);
// and it reads every character of the text one by one, which folding spares it.
// Memory: about what Gumbo's tree takes anyway, plus the buffers Gumbo grew and
// let go during the parse; all of it is freed with this object.
class ParsedHtml {
 public:
  // kOff parses the page as written (for tests and benchmarks of folding).
  enum class Folding { kOn, kOff };
  explicit ParsedHtml(std::string_view html, Folding folding = Folding::kOn);
  ~ParsedHtml();
  ParsedHtml(const ParsedHtml&) = delete;
  ParsedHtml& operator=(const ParsedHtml&) = delete;

  // Null only if Gumbo gave no document.
  const GumboOutput* output() const { return output_; }

 private:
  static void* Allocate(void* arena, size_t size);
  static void Deallocate(void* arena, void* ptr);

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* next_ = nullptr;  // free space in the newest block
  size_t left_ = 0;
  size_t block_size_ = 64 * 1024;
  std::string folded_html_;  // what Gumbo parsed, when the page was folded
  GumboOutput* output_ = nullptr;
};

}  // namespace pw::extract
