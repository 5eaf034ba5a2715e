// Validators of a response, for the next conditional request (RFC 9110 §8.8, §13.1).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace pw::fetch {

// `text` without the HTTP whitespace (space, tab, CR, LF) around it.
std::string_view TrimHttpSpace(std::string_view text);

// Parses an HTTP-date: IMF-fixdate ("Wed, 21 Oct 2015 07:28:00 GMT") and the
// obsolete RFC 850 and asctime forms. Surrounding whitespace is ignored. Returns
// nullopt for anything else (a value must start with a day name, so loose forms
// such as "-5" or "tomorrow" are refused).
std::optional<std::chrono::system_clock::time_point> ParseHttpDate(std::string_view text);

// The value of a Last-Modified header when it may be sent alone as
// If-Modified-Since, else "".
//
// RFC 9110 §8.8.2.2: a Last-Modified is a strong validator only when the response
// that carried it has a Date at least one second after it. A weaker one (equal to
// the Date, i.e. the page was written in the second it was served, or later than
// the Date) would make the server answer 304 to a page rewritten later in that
// same second, and the change would be missed until the page changed again.
// `date` is the response's Date header ("" if none); when it is absent or not an
// HTTP-date, `received` (when the response arrived) stands for it (RFC 9110
// §6.6.1). A Last-Modified that is not an HTTP-date is not used either.
std::string StrongLastModified(std::string_view last_modified, std::string_view date,
                               std::chrono::system_clock::time_point received);

}  // namespace pw::fetch
