// Parsing of the Retry-After header (RFC 9110 section 10.2.3).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace pw::fetch {

// Returns how long to wait given a Retry-After value: either delta-seconds
// ("120") or an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT", also the obsolete
// RFC 850 and asctime forms), relative to `now`. A date in the past gives 0 s.
// Returns nullopt for anything malformed (negative numbers, garbage, empty).
// Absurdly large values are clamped to one year.
std::optional<std::chrono::seconds> ParseRetryAfter(
    std::string_view value, std::chrono::system_clock::time_point now);

}  // namespace pw::fetch
