// The names of an export tree and of an Open Terms Archive dataset: version file
// names, the timestamps in them, and the path segments that may appear in either.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pw::archive::internal {

// "2024-03-01T09-30-00Z_v12.md": a version's UTC time and its id, so two versions
// of a document never share a name (even two stored within one second).
std::string VersionFileName(std::int64_t fetched_at, std::int64_t version_id);

// "2024-03-01T09:30:00Z" (RFC 3339, UTC).
std::string Rfc3339(std::int64_t unix_seconds);

// Parses a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" or, as file names spell it,
// "YYYY-MM-DDTHH-MM-SSZ", with an optional fraction of a second (".123", dropped)
// before the Z. nullopt when it is not exactly that or names no real date.
std::optional<std::int64_t> ParseUtcTimestamp(std::string_view text);

// The time in a version file name: an Open Terms Archive dataset's
// "2021-05-14T10-23-45Z.md" (or with colons), or ours with "_vID" before ".md".
// nullopt, with *why set, when the name is not one of these.
std::optional<std::int64_t> TimeOfFileName(std::string_view name, std::string* why);

// "" when `segment` can be one component of a path inside the tree: not empty,
// not "." or "..", no '/', '\\', NUL or control character, at most 255 bytes;
// else what is wrong with it.
std::string CheckSegment(std::string_view segment);

// "" when `relative` is a relative path of safe segments joined by '/'
// (no leading '/', no empty, "." or ".." component); else what is wrong.
std::string CheckRelativePath(std::string_view relative);

}  // namespace pw::archive::internal
