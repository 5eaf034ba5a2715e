// fuzz_evidence: stored evidence read back as the responses it was made of
// (check/internal/evidence.h PartsOfEvidence), for a document of two parts and
// one of one part. Any bytes, any content type: a clear error or exactly the
// configured number of parts, never a crash.
#include <string>

#include "check/internal/evidence.h"
#include "fuzz/fuzz_support.h"

namespace {

pw::config::Document TwoParts() {
  pw::config::Document d = pw::config::PageDocument("terms", "https://example.org/a");
  pw::config::Part second = d.parts[0];
  second.url = "https://example.org/b";
  d.parts.push_back(second);
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const pw::config::Document one = pw::config::PageDocument("terms", "https://example.org/a");
  static const pw::config::Document two = TwoParts();
  const auto [type, body] =
      pw::fuzz::SplitInput(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const pw::config::Document* doc : {&one, &two}) {
    std::vector<pw::fetch::Response> parts;
    pw::Status s = pw::check::internal::PartsOfEvidence(*doc, std::string(body),
                                                       std::string(type), &parts);
    if (s.ok()) pw::fuzz::Check(parts.size() == doc->parts.size(), "wrong number of parts");
    else pw::fuzz::Check(!s.message().empty(), "an error without a message");
  }
  return 0;
}
