#include "extract/parsed_html.h"

#include <algorithm>

namespace pw::extract {
namespace {

constexpr size_t kAlign = alignof(std::max_align_t);
constexpr size_t kMaxBlock = 4 * 1024 * 1024;

}  // namespace

void* ParsedHtml::Allocate(void* self, size_t size) {
  auto* arena = static_cast<ParsedHtml*>(self);
  size = (std::max<size_t>(size, 1) + kAlign - 1) / kAlign * kAlign;
  if (size > arena->left_) {
    if (size > arena->block_size_ / 4) {  // large: a block of its own
      arena->blocks_.push_back(std::make_unique<std::byte[]>(size));
      return arena->blocks_.back().get();
    }
    arena->blocks_.push_back(std::make_unique<std::byte[]>(arena->block_size_));
    arena->next_ = arena->blocks_.back().get();
    arena->left_ = arena->block_size_;
    arena->block_size_ = std::min(arena->block_size_ * 2, kMaxBlock);
  }
  void* p = arena->next_;
  arena->next_ += size;
  arena->left_ -= size;
  return p;
}

void ParsedHtml::Deallocate(void*, void*) {}  // everything goes with the arena

ParsedHtml::ParsedHtml(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &ParsedHtml::Allocate;
  options.deallocator = &ParsedHtml::Deallocate;
  options.userdata = this;
  options.max_errors = 0;
  output_ = gumbo_parse_with_options(&options, html.data(), html.size());
}

// No gumbo_destroy_output: it would only walk the tree calling Deallocate.
ParsedHtml::~ParsedHtml() = default;

}  // namespace pw::extract
