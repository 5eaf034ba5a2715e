#include "archive/internal/files.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "archive/internal/layout.h"

namespace pw::archive::internal {

namespace fs = std::filesystem;

Status ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot read: " + std::strerror(errno));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::Error(path + ": read failed");
  *out = std::move(buf).str();
  return Status::Ok();
}

Status WriteFileAtomic(const std::string& path, const std::string& content) {
  std::error_code ec;
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) return Status::Error(parent.string() + ": cannot create: " + ec.message());
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Error(tmp + ": cannot write: " + std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) return Status::Error(tmp + ": write failed (disk full?)");
  }
  fs::rename(tmp, path, ec);
  if (ec) return Status::Error(path + ": cannot rename " + tmp + " over it: " + ec.message());
  return Status::Ok();
}

Status ResolveInside(const std::string& dir, const std::string& relative, std::string* full) {
  std::string problem = CheckRelativePath(relative);
  if (!problem.empty()) return Status::Error("refused: " + problem);
  std::error_code ec;
  fs::path root = fs::weakly_canonical(dir, ec);
  if (ec) return Status::Error(dir + ": " + ec.message());
  fs::path path = fs::weakly_canonical(root / relative, ec);
  if (ec) return Status::Error("cannot resolve: " + ec.message());
  const std::string r = root.string() + "/";
  if (path.string().compare(0, r.size(), r) != 0) {
    return Status::Error("refused: it leads outside " + dir + " (a symbolic link?)");
  }
  *full = path.string();
  return Status::Ok();
}

}  // namespace pw::archive::internal
