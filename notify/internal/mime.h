// Internet message building blocks (RFC 5322, RFC 2045-2047): encodings, header
// folding, dates, addresses, and a multipart/alternative message. Pure functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pw::notify {

// Quoted-printable (RFC 2045 6.7) of UTF-8 `text` whose lines end in "\n" or
// "\r\n". Output lines end in CRLF and are at most 76 characters (soft breaks
// "=" as needed); trailing blanks and a leading '.' are encoded.
std::string QuotedPrintable(std::string_view text);

// Decodes quoted-printable (soft breaks removed, CRLF kept as "\n"). For tests
// and tools; malformed escapes are copied as they are.
std::string DecodeQuotedPrintable(std::string_view qp);

// One header field "Name: value", folded (CRLF + space) so that lines stay
// within 78 characters where the text allows. A value with non-ASCII bytes is
// written as RFC 2047 encoded-words (=?UTF-8?B?...?=), never splitting a UTF-8
// character. CR and LF in `value` become spaces (no header injection). No
// trailing CRLF.
std::string HeaderField(std::string_view name, std::string_view value);

// A mailbox for From/To: "Name <addr>" with a non-ASCII display name encoded
// (RFC 2047); an ASCII display name with specials is quoted. Bare addresses
// are returned as they are.
std::string EncodeMailbox(std::string_view mailbox);

// The addr-spec of "Display Name <local@domain>" or of a bare "local@domain",
// trimmed; empty when there is none (no '@', empty part, spaces or control
// characters inside, unbalanced '<').
std::string AddrSpec(std::string_view mailbox);

// "Mon, 23 Nov 2026 10:00:00 +0000" (RFC 5322 3.3, always UTC).
std::string Rfc5322Date(std::chrono::system_clock::time_point t);

// A complete message: `headers` in order (each value passed through
// HeaderField), MIME-Version, then multipart/alternative with a text/plain and
// a text/html part, both UTF-8 quoted-printable. `boundary_seed` makes the
// boundary (it starts with "=_", which quoted-printable can never produce).
// Lines end in CRLF.
std::string MultipartAlternative(const std::vector<std::pair<std::string, std::string>>& headers,
                                 std::string_view text, std::string_view html,
                                 std::string_view boundary_seed);

}  // namespace pw::notify
