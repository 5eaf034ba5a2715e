// Gumbo, as extraction uses it: one parse of the page as written, whose memory
// comes from an arena and is released at once.
// The tree is the one gumbo_parse builds from the same bytes with its default
// options, node for node (parsed_html_test.cpp, and the fuzz_parse target).
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace pw::extract {

// Owns the parse tree of `html` (which must outlive it, as Gumbo points into
// it). Faster than gumbo_parse with its default options: Gumbo makes tens of
// thousands of small allocations per page and frees them one by one. Its
// options are otherwise Gumbo's defaults (see parsed_html.cpp on max_errors).
// Memory: about what Gumbo's tree takes anyway, plus the buffers Gumbo grew and
// let go during the parse; all of it is freed with this object.
class ParsedHtml {
 public:
  explicit ParsedHtml(std::string_view html);
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
  GumboOutput* output_ = nullptr;
};

}  // namespace pw::extract
