// Byte scans over text, sixteen bytes at a time where SSE2 is there (every
// x86-64), byte by byte elsewhere: the loops of extraction that look at every
// byte of a page's text. Each gives exactly the answer of the obvious loop
// (text_scan_test.cpp checks them against it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pw::extract::scan {

// HTML whitespace (space, tab, LF, CR, FF): the one definition extract/ uses.
inline bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

#if defined(__SSE2__)
// Bytes of a 16-byte block equal to c, as 0xFF lanes.
inline __m128i Eq(__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); }
inline __m128i Load16(const char* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
// Sum of the 0xFF lanes of `counts` (each lane a count of at most 255 blocks).
inline size_t SumLanes(__m128i counts) {
  __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
  return static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
         static_cast<size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
}
#endif

// The bytes of `text` that are not HTML whitespace (space, tab, LF, CR, FF).
inline size_t CountNonSpace(std::string_view text) {
  size_t spaces = 0, i = 0;
#if defined(__SSE2__)
  while (i + 16 <= text.size()) {
    __m128i counts = _mm_setzero_si128();
    for (int k = 0; k < 255 && i + 16 <= text.size(); ++k, i += 16) {
      const __m128i v = Load16(text.data() + i);
      const __m128i ws = _mm_or_si128(_mm_or_si128(Eq(v, ' '), Eq(v, '\t')),
                                      _mm_or_si128(_mm_or_si128(Eq(v, '\n'), Eq(v, '\r')), Eq(v, '\f')));
      counts = _mm_sub_epi8(counts, ws);  // +1 per whitespace byte
    }
    spaces += SumLanes(counts);
  }
#endif
  for (; i < text.size(); ++i) spaces += IsHtmlSpace(text[i]);
  return text.size() - spaces;
}

// True if `text` is laid out as collapsed whitespace leaves it: no tab, LF, CR
// or FF, and its spaces single, between other bytes (none first or last).
// *spaces gets their number when true.
inline bool SingleSpaced(std::string_view text, size_t* spaces) {
  if (text.empty()) {
    *spaces = 0;
    return true;
  }
  if (text.front() == ' ' || text.back() == ' ') return false;
  size_t n = 0, i = 0;
#if defined(__SSE2__)
  unsigned carry = 0;  // 1 when the byte before the block is a space
  while (i + 16 <= text.size()) {
    __m128i counts = _mm_setzero_si128();
    for (int k = 0; k < 255 && i + 16 <= text.size(); ++k, i += 16) {
      const __m128i v = Load16(text.data() + i);
      const __m128i other = _mm_or_si128(_mm_or_si128(Eq(v, '\t'), Eq(v, '\n')),
                                         _mm_or_si128(Eq(v, '\r'), Eq(v, '\f')));
      if (_mm_movemask_epi8(other) != 0) return false;
      const __m128i sp = Eq(v, ' ');
      const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(sp));
      if ((m & ((m << 1) | carry)) != 0) return false;  // two spaces side by side
      carry = m >> 15;
      counts = _mm_sub_epi8(counts, sp);
    }
    n += SumLanes(counts);
  }
  bool last_space = carry != 0;
#else
  bool last_space = false;
#endif
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\t' || c == '\n' || c == '\r' || c == '\f') return false;
    if (c == ' ') {
      if (last_space) return false;
      ++n;
    }
    last_space = c == ' ';
  }
  *spaces = n;
  return true;
}

// The length of the longest prefix of `text` made of printable ASCII (0x20..0x7E)
// other than '<' and '&': where an HTML tokenizer's data state has work to do.
inline size_t PlainPrefix(std::string_view text) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = Load16(text.data() + i);
    const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), Eq(v, '\x7F')),
                                      _mm_or_si128(Eq(v, '<'), Eq(v, '&')));
    const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(stop));
    if (m != 0) return i + static_cast<size_t>(__builtin_ctz(m));
  }
#endif
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c > 0x7E || c == '<' || c == '&') return i;
  }
  return i;
}

// True if every byte of `text` is printable ASCII (0x20..0x7E).
inline bool PrintableAscii(std::string_view text) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = Load16(text.data() + i);
    // Signed bytes: 0x80..0xFF are negative, so "below 0x20" catches them too.
    const __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), Eq(v, '\x7F'));
    if (_mm_movemask_epi8(bad) != 0) return false;
  }
#endif
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

}  // namespace pw::extract::scan
