// The 3-word shingles of whole documents: "is this text found elsewhere?"
#include <algorithm>
#include <array>

#include "diff/internal/classify.h"

namespace pw::diff {

uint64_t ShingleHash(const std::vector<std::string>& words, size_t i) {
  uint64_t h = 1469598103934665603ull;
  for (size_t k = i; k < i + 3 && k < words.size(); ++k) {
    for (unsigned char c : words[k]) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull;
  }
  return h;
}

namespace {

// Fast 3-word shingles of a text: words of letters/digits (any byte >= 0x80 counts
// as a letter), ASCII case folded, apostrophes skipped. No allocation per word.
// Feed() the pieces in order (a piece ends a word); `emit` gets each shingle hash.
enum : uint8_t { kBreakByte, kWordByte, kSkippedByte };

constexpr std::array<uint8_t, 256> kByteKind = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    t[c] = c == '\'' ? kSkippedByte : word ? kWordByte : kBreakByte;
  }
  return t;
}();

template <typename Emit>
class Shingler {
 public:
  explicit Shingler(Emit emit) : emit_(emit) {}
  void Feed(std::string_view text) {
    for (char ch : text) {
      auto c = static_cast<unsigned char>(ch);
      uint8_t kind = kByteKind[c];
      if (kind == kWordByte) {
        if (!in_word_) h_ = 1469598103934665603ull;
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
        h_ = (h_ ^ c) * 1099511628211ull;
        in_word_ = true;
      } else if (kind == kBreakByte && in_word_) {
        EndWord();
      }
    }
    if (in_word_) EndWord();
  }

 private:
  void EndWord() {
    in_word_ = false;
    w_[0] = w_[1];
    w_[1] = w_[2];
    w_[2] = h_;
    if (++words_ >= 3) {
      emit_(w_[0] * 0x9E3779B97F4A7C15ull ^ (w_[1] * 0xC2B2AE3D27D4EB4Full) ^
            (w_[2] + 0x165667B19E3779F9ull));
    }
  }
  Emit emit_;
  uint64_t h_ = 0, w_[3] = {0, 0, 0};
  size_t words_ = 0;
  bool in_word_ = false;
};

std::vector<uint64_t> RawShingles(std::string_view text) {
  std::vector<uint64_t> out;
  Shingler shingler([&](uint64_t s) { out.push_back(s); });
  shingler.Feed(text);
  return out;
}

uint32_t Fingerprint(uint64_t shingle) {
  auto fp = static_cast<uint32_t>(shingle >> 32);
  return fp == 0 ? 1 : fp;
}

}  // namespace

void ShingleSet::Build(const std::vector<std::string_view>& pieces) {
  size_t bytes = 0;
  for (std::string_view p : pieces) bytes += p.size();
  sorted_.clear();
  sorted_.reserve(bytes / 5 + 16);
  Shingler shingler([&](uint64_t s) { sorted_.push_back(Fingerprint(s)); });
  for (std::string_view p : pieces) shingler.Feed(p);
  // LSD radix sort, 11 + 11 + 10 bits: sequential passes, no random probing of a
  // large table (which costs a cache miss per shingle).
  std::vector<uint32_t> tmp(sorted_.size());
  for (int shift : {0, 11, 22}) {
    std::array<size_t, 2049> start{};
    for (uint32_t v : sorted_) ++start[((v >> shift) & 2047) + 1];
    for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    for (uint32_t v : sorted_) tmp[start[(v >> shift) & 2047]++] = v;
    sorted_.swap(tmp);
  }
  // bucket_[b] = first index whose top bits are >= b, about one bucket per entry:
  // a lookup searches one small bucket.
  int bits = 4;
  while (bits < 20 && (size_t{1} << bits) < sorted_.size()) ++bits;
  shift_ = 32 - bits;
  bucket_.assign((size_t{1} << bits) + 1, 0);
  for (uint32_t v : sorted_) ++bucket_[(v >> shift_) + 1];
  for (size_t i = 1; i < bucket_.size(); ++i) bucket_[i] += bucket_[i - 1];
  built_ = true;
}

bool ShingleSet::Contains(uint64_t s) const {
  if (!built_) return false;
  uint32_t fp = Fingerprint(s);
  auto begin = sorted_.begin() + bucket_[fp >> shift_];
  auto end = sorted_.begin() + bucket_[(fp >> shift_) + 1];
  return std::binary_search(begin, end, fp);
}

DocumentContext::DocumentContext(std::vector<std::string_view> old_pieces,
                                 std::vector<std::string_view> new_pieces)
    : old_pieces_(std::move(old_pieces)), new_pieces_(std::move(new_pieces)) {}

double DocumentContext::Found(std::string_view text, const std::vector<std::string_view>& doc,
                              ShingleSet* cache) {
  std::vector<uint64_t> mine = RawShingles(text);
  if (mine.empty()) return 0.0;
  if (!cache->built()) cache->Build(doc);
  size_t found = 0;
  for (uint64_t s : mine) found += cache->Contains(s) ? 1 : 0;
  return static_cast<double>(found) / static_cast<double>(mine.size());
}

double DocumentContext::FoundInOld(std::string_view text) const {
  return Found(text, old_pieces_, &old_shingles_);
}

double DocumentContext::FoundInNew(std::string_view text) const {
  return Found(text, new_pieces_, &new_shingles_);
}


}  // namespace pw::diff
