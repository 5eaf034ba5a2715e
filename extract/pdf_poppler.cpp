// ReadPages (pdf_lines.h): Poppler's document and text boxes.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>
#include <string>

#include "extract/internal/pdf_lines.h"

namespace pw::extract::pdf {
namespace {

// Poppler reports errors through one process-wide callback (by default to
// stderr). It is installed once; each thread collects the messages of the
// document it is loading in its own buffer.
thread_local std::string* tls_errors = nullptr;

void KeepPopplerError(const std::string& message, void*) {
  if (tls_errors != nullptr && tls_errors->size() < 4096) {
    if (!tls_errors->empty()) tls_errors->append("; ");
    tls_errors->append(message);
  }
}

void SilencePoppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(&KeepPopplerError, nullptr); });
}

// Collects Poppler's messages for the scope's lifetime on this thread.
class ErrorCapture {
 public:
  ErrorCapture() : saved_(tls_errors) { tls_errors = &messages_; }
  ~ErrorCapture() { tls_errors = saved_; }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;
  const std::string& messages() const { return messages_; }

 private:
  std::string messages_;
  std::string* saved_;
};

std::string Utf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return out;
}

Word ToWord(const poppler::text_box& box) {
  Word w;
  w.text = Utf8(box.text());
  poppler::rectf r = box.bbox();
  w.left = r.left();
  w.top = r.top();
  w.right = r.right();
  w.bottom = r.bottom();
  w.space_after = box.has_space_after();
  if (box.has_font_info()) {
    w.size = box.get_font_size();
    w.bold = BoldFontName(box.get_font_name());
  }
  if (w.size <= 0) w.size = r.height();
  return w;
}

Page ReadPage(const poppler::page& page) {
  Page out;
  poppler::rectf box = page.page_rect();
  out.width = box.width();
  out.height = box.height();
  std::vector<Word> words;
  for (const poppler::text_box& b : page.text_list(poppler::page::text_list_include_font)) {
    Word w = ToWord(b);
    if (!w.text.empty()) words.push_back(std::move(w));
  }
  out.lines = GroupLines(words);
  return out;
}

// Why Poppler could not open `bytes`.
Status OpenError(std::string_view bytes, const std::string& messages) {
  std::string_view tail = bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0);
  std::string why = tail.find("%%EOF") == std::string_view::npos
                        ? "the PDF is truncated or damaged (no %%EOF at its end)"
                        : "the PDF is damaged or not a PDF";
  if (!messages.empty()) why += " (Poppler: " + messages.substr(0, 200) + ")";
  return Status::Error(why);
}

}  // namespace

Status ReadPages(std::string_view bytes, std::vector<Page>* pages) {
  pages->clear();
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return Status::Error("PDF too large");
  SilencePoppler();
  ErrorCapture capture;
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (doc == nullptr) return OpenError(bytes, capture.messages());
  if (doc->is_locked()) {
    return Status::Error("the PDF is encrypted and needs a password to open");
  }
  int n = doc->pages();
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    pages->push_back(page ? ReadPage(*page) : Page{});
  }
  return Status::Ok();
}

}  // namespace pw::extract::pdf
