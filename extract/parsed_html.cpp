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
    // (new[] without (): Gumbo initialises what it uses; zeroing the blocks
    // first would cost a pass over all of them.)
    if (size > arena->block_size_ / 4) {  // large: a block of its own
      arena->blocks_.emplace_back(new std::byte[size]);
      return arena->blocks_.back().get();
    }
    arena->blocks_.emplace_back(new std::byte[arena->block_size_]);
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
  // Parse errors stay recorded (max_errors -1, the default): Gumbo 0.10 resets
  // its attribute-name buffer after a duplicate attribute only when it records
  // that error, so a capped error list glues the next attribute's name onto the
  // duplicate's (<a x x y> gains an attribute "xy") and the tree differs.
  output_ = gumbo_parse_with_options(&options, html.data(), html.size());
}

// No gumbo_destroy_output: it would only walk the tree calling Deallocate.
ParsedHtml::~ParsedHtml() = default;

}  // namespace pw::extract
