// fuzz_extract: extraction of arbitrary bytes, as HTML, sniffed or as text, with
// and without `select` / `remove` selectors.
//
// Input: a flags byte; with flag 1 a line of `select` selectors, with flag 2 a
// line of `remove` selectors; with flag 16 a `select` range and with flag 32 a
// `remove` range, each two lines (start and end selectors; flag 64: start_after,
// flag 128: end_after, else before); the rest is the body. Checked: Extract succeeds
// (only oversize bodies, bad ignore regexes and unreadable PDFs may fail), its text is valid
// UTF-8, and the stored JSON of the result reads back to the same Document.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/canonical.h"
#include "extract/extract.h"
#include "extract/sections_json.h"
#include "fuzz/fuzz_support.h"

namespace {

using pw::fuzz::Check;

const char* ContentType(uint8_t flags) {
  switch ((flags >> 2) & 3) {
    case 0: return "text/html; charset=utf-8";
    case 1: return "text/plain";
    case 2: return "text/markdown";
    default: return "";  // sniffed
  }
}

void CheckStoredForm(const pw::extract::Document& doc) {
  const std::string json = pw::extract::WriteSectionsJson(doc);
  if (json != pw::extract::ToJson(doc).dump()) {
    pw::fuzz::Fail("WriteSectionsJson != ToJson().dump()", json, pw::extract::ToJson(doc).dump());
  }
  pw::extract::Document back;
  Check(pw::extract::ReadSectionsJson(json, &back), "ReadSectionsJson refused what it wrote");
  Check(pw::fuzz::SameDocument(back, doc), "ReadSectionsJson(WriteSectionsJson(doc)) != doc");
}

// Reads a range of two selector lines; false when either does not parse.
bool ReadRange(pw::fuzz::Input& in, uint8_t flags, std::vector<pw::config::RangeSelector>* out) {
  pw::config::RangeSelector range;
  range.start_after = (flags & 64) != 0;
  range.end_after = (flags & 128) != 0;
  if (!pw::config::ParseSelectorList(in.Line(), &range.start).ok()) return false;
  if (!pw::config::ParseSelectorList(in.Line(), &range.end).ok()) return false;
  out->push_back(std::move(range));
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pw::fuzz::Input in(data, size);
  const uint8_t flags = in.Byte();
  pw::extract::Options options;
  if ((flags & 1) && !pw::config::ParseSelectorList(in.Line(), &options.select).ok()) return -1;
  if ((flags & 2) && !pw::config::ParseSelectorList(in.Line(), &options.remove).ok()) return -1;
  if ((flags & 16) && !ReadRange(in, flags, &options.select_ranges)) return -1;
  if ((flags & 32) && !ReadRange(in, flags, &options.remove_ranges)) return -1;
  pw::extract::Document doc;
  pw::extract::ExtractInfo info;
  pw::Status s = pw::extract::Extract(in.Rest(), ContentType(flags), options, &doc, &info);
  // A body that is a PDF (by its signature) may fail: Poppler cannot open it.
  if (!s.ok() && pw::extract::IsPdf(ContentType(flags), in.Rest())) return 0;
  Check(s.ok(), "Extract failed on a non-PDF body under the size limit with no ignore regex");
  Check(pw::fuzz::DocumentIsUtf8(doc), "extracted text is not valid UTF-8");
  CheckStoredForm(doc);
  return 0;
}
