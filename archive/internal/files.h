// File reads and writes for export and import. Errors name the file.
#pragma once

#include <string>

#include "util/status.h"

namespace pw::archive::internal {

// Reads the whole file at `path`.
Status ReadWholeFile(const std::string& path, std::string* out);

// Writes `content` to `path` (parents created) through `path`.tmp renamed over
// it, so `path` is either absent, its old content, or all of `content`.
Status WriteFileAtomic(const std::string& path, const std::string& content);

// `dir`/`relative` when `relative` is a safe relative path (CheckRelativePath)
// that, symbolic links resolved, stays inside `dir`; else an error saying why
// ("refused: ..."; the caller names `relative`).
Status ResolveInside(const std::string& dir, const std::string& relative, std::string* full);

}  // namespace pw::archive::internal
