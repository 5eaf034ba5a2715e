// Character sets: finding the encoding of a fetched body and converting it to UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace pw::fetch {

// Where the charset came from, in order of precedence.
enum class CharsetSource { kBom, kHeader, kMeta, kSniffedUtf8, kDefault };

struct CharsetGuess {
  std::string name;  // canonical: "utf-8", "windows-1252", "utf-16le", "shift_jis"...
  CharsetSource source = CharsetSource::kDefault;
  std::string note;  // set when a declared charset was unknown and ignored
};

// Canonical lower-case name for a charset label, with the browser aliases
// applied (iso-8859-1, latin1, us-ascii -> windows-1252; utf8 -> utf-8).
// Returns "" when the label is empty or not supported by iconv.
std::string CanonicalCharset(std::string_view label);

// Determines the charset of `body`. Precedence (as browsers do): a byte-order
// mark; else the charset parameter of `content_type_header`; else
// <meta charset> / <meta http-equiv content="...charset="> in the first 4 KB;
// else UTF-8 if the bytes are valid UTF-8; else windows-1252.
// An unknown declared charset is skipped, with a note.
CharsetGuess DetectCharset(std::string_view body, std::string_view content_type_header);

// Converts `input` from `charset` (a canonical name) to UTF-8. Invalid or
// unmappable bytes become U+FFFD; a leading BOM is removed. Never fails: an
// unsupported charset is treated as windows-1252.
std::string ConvertToUtf8(std::string_view input, std::string_view charset);

// Returns the charset parameter of a Content-Type header value ("" if none),
// and its media type, lower-cased and without parameters.
std::string CharsetParameter(std::string_view content_type_header);
std::string MediaType(std::string_view content_type_header);

// True when `text` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view text);

}  // namespace pw::fetch
