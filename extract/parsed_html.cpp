#include "extract/parsed_html.h"

#include <algorithm>

#include "extract/folded_html.h"

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

ParsedHtml::ParsedHtml(std::string_view html, Folding folding) {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &ParsedHtml::Allocate;
  options.deallocator = &ParsedHtml::Deallocate;
  options.userdata = this;
  options.max_errors = 0;
  // Gumbo parses the folded page (see folded_html.h) into the same tree.
  FoldedHtml folded;
  if (folding == Folding::kOff || !FoldText(html, &folded)) {
    output_ = gumbo_parse_with_options(&options, html.data(), html.size());
    return;
  }
  folded_html_ = std::move(folded.html);  // Gumbo's tree points into it
  output_ = gumbo_parse_with_options(&options, folded_html_.data(), folded_html_.size());
  if (output_ != nullptr) UnfoldText(output_->document, folded.runs, &ParsedHtml::Allocate, this);
}

// No gumbo_destroy_output: it would only walk the tree calling Deallocate.
ParsedHtml::~ParsedHtml() = default;

}  // namespace pw::extract
