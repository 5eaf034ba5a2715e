// Status: the result of an operation that can fail, in the style of LevelDB.
// A default-constructed Status is OK. An error carries a message written for the
// user: it names what was wrong (file, key, URL...), never a secret.
#pragma once

#include <string>
#include <utility>

namespace pw {

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !failed_; }
  const std::string& message() const { return message_; }
  std::string ToString() const { return ok() ? "OK" : message_; }

 private:
  explicit Status(std::string message) : failed_(true), message_(std::move(message)) {}
  bool failed_ = false;
  std::string message_;
};

}  // namespace pw

// Returns the Status of `expr` from the calling function when it is an error.
#define PW_RETURN_IF_ERROR(expr)   \
  do {                             \
    ::pw::Status _s = (expr);      \
    if (!_s.ok()) return _s;       \
  } while (0)
