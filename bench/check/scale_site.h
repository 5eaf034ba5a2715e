// The site bench_scale checks: a cpp-httplib server in a forked child process
// (so the checker's getrusage counts the checker only) that generates each page
// from its path, nothing kept in memory, any number of documents.
//
//   GET /doc/N          document N: 20-60 KB of policy-like HTML (headings,
//                       paragraphs, a list), deterministic in N and the revision;
//                       or of a fixed size; or file N % k of k files, read then
//   GET /revision/R     sets the site's revision: from then on every document
//                       with N % 100 == 0 (exactly 1% of 0..k*100-1) has one
//                       sentence changed (a retention period of 30 + R days)
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

namespace pw::bench {

// Document `i` at revision `revision` (0: the original), of about `size` bytes
// (0: 20-60 KB, by i). Only the text of documents with i % 100 == 0 depends on
// the revision.
std::string ScalePage(long i, int revision, size_t size = 0);

class ScaleSite {
 public:
  // Starts the server on 127.0.0.1; port() is 0 if it could not start. Pages
  // are ScalePage(N, revision, page_size), or, when `files` is not empty, the
  // content of files[N % files.size()].
  explicit ScaleSite(size_t page_size = 0, std::vector<std::string> files = {});
  ~ScaleSite();  // kills the child
  ScaleSite(const ScaleSite&) = delete;
  ScaleSite& operator=(const ScaleSite&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:PORT/doc/"
  std::string DocumentBase() const;
  // Sets the revision (GET /revision/R); false if the server did not answer.
  bool SetRevision(int revision) const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace pw::bench
