#include "store/evidence.h"

#include <zstd.h>

namespace pw::store {

namespace {

// One compression context per thread, reused: a fresh context per version
// allocates and clears its match tables each time (at level 9 that was half
// the cost of compressing a 30 KB page; bench/daemon).
struct CCtx {
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  ~CCtx() { ZSTD_freeCCtx(ctx); }
};

}  // namespace

Status CompressEvidence(std::string_view raw, int level, std::string* compressed) {
  thread_local CCtx cctx;
  if (!cctx.ctx) return Status::Error("zstd: cannot allocate a compression context");
  compressed->resize(ZSTD_compressBound(raw.size()));
  size_t n = ZSTD_compressCCtx(cctx.ctx, compressed->data(), compressed->size(), raw.data(),
                               raw.size(), level);
  if (ZSTD_isError(n)) {
    compressed->clear();
    return Status::Error(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
  }
  compressed->resize(n);
  return Status::Ok();
}

Status DecompressEvidence(std::string_view compressed, std::uint64_t expected_size,
                          std::string* raw) {
  raw->clear();
  if (expected_size > kMaxEvidenceSize) {
    return Status::Error("evidence: recorded size " + std::to_string(expected_size) +
                         " bytes exceeds the limit of " + std::to_string(kMaxEvidenceSize));
  }
  unsigned long long framed = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  if (framed == ZSTD_CONTENTSIZE_ERROR) {
    return Status::Error("evidence: not a zstd frame (" + std::to_string(compressed.size()) +
                         " bytes)");
  }
  if (framed == ZSTD_CONTENTSIZE_UNKNOWN || framed != expected_size) {
    return Status::Error("evidence: zstd frame holds " +
                         (framed == ZSTD_CONTENTSIZE_UNKNOWN ? std::string("an unknown size")
                                                             : std::to_string(framed)) +
                         ", expected " + std::to_string(expected_size) + " bytes");
  }
  raw->resize(expected_size);
  size_t n = ZSTD_decompress(raw->data(), raw->size(), compressed.data(), compressed.size());
  if (ZSTD_isError(n) || n != expected_size) {
    raw->clear();
    return Status::Error(std::string("evidence: zstd decompression failed: ") +
                         (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "size mismatch"));
  }
  return Status::Ok();
}

}  // namespace pw::store
