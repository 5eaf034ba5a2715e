// Checks of single values, shared by the loader: each returns an empty string when
// the value is fine, or a message for the user saying what is wrong.
// Internal to config/; other modules use config.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pw::config {

// `url` must be absolute, with one of `schemes` (lower-case, e.g. {"http", "https"}),
// a host, an optional numeric port, and no whitespace or control characters.
std::string CheckUrl(std::string_view url, const std::vector<std::string>& schemes);

// "user@example.org" or "Display Name <user@example.org>"; no CR/LF.
std::string CheckEmailAddress(std::string_view address);

// Ids (company id, document type, channel name): [a-z0-9][a-z0-9._-]*, at most 64
// characters, because they appear as COMPANY/TYPE on the command line.
std::string CheckSlug(std::string_view id);

// `path` must name an executable regular file (after symlinks): "" or
// "browser 'PATH' does not exist" / "... is not a regular file" / "... is not executable".
std::string CheckExecutable(const std::string& path);

// The candidate closest to `word` when it is a near miss (a typo, a case or '-'/'_'
// difference), else empty.
std::string Suggest(std::string_view word, const std::vector<std::string>& candidates);

// The secret held by a secret file's `content`: exactly one line, a final line
// break (LF or CRLF) allowed, trailing spaces and tabs removed. Returns "" and sets
// *secret, or says what is wrong, never quoting the content: "holds 3 lines; ...",
// "is empty" (nothing but blanks and line breaks), "holds a control character (byte 0x00 at
// column 5); ...".
std::string OneLineSecret(std::string_view content, std::string* secret);

// Reads a secret from `path` (at most 64 KiB; see OneLineSecret). On failure
// returns false and sets *error, which names the file, never the content:
// "secret file 'PATH' holds 3 lines; a secret file must hold exactly one line ...".
bool ReadSecretFile(const std::string& path, std::string* secret, std::string* error);

// The first place in TOML `text` where a key has more than `max_parts` dotted parts,
// as 1-based line and column; {0, 0} when there is none. Guards the TOML parser,
// whose tables are recursive, against absurdly deep keys.
struct TextPosition {
  int line = 0;
  int column = 0;
};
TextPosition FindOverlyDottedKey(std::string_view text, int max_parts);

}  // namespace pw::config
