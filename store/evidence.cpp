#include "store/evidence.h"

#include <zstd.h>

#include <bit>

namespace pw::store {

namespace {

// One context per thread, reused: a fresh context per version allocates and
// clears its match tables each time (at level 9 that was half the cost of
// compressing a 30 KB page; bench/daemon).
struct CCtx {
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  ~CCtx() { ZSTD_freeCCtx(ctx); }
};
struct DCtx {
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  ~DCtx() { ZSTD_freeDCtx(ctx); }
};

Status ZstdError(const char* what, size_t code) {
  return Status::Error(std::string(what) + ZSTD_getErrorName(code));
}

// Sets the parameters of one frame: `level`, the content size recorded, and a
// window spanning prefix and data (without it a prefix further back than the
// level's window would be out of reach).
Status SetFrameParameters(ZSTD_CCtx* ctx, int level, std::string_view raw,
                          std::string_view prefix) {
  ZSTD_CCtx_reset(ctx, ZSTD_reset_session_and_parameters);
  size_t r = ZSTD_CCtx_setParameter(ctx, ZSTD_c_compressionLevel, level);
  if (!ZSTD_isError(r)) r = ZSTD_CCtx_setParameter(ctx, ZSTD_c_contentSizeFlag, 1);
  if (!ZSTD_isError(r) && !prefix.empty()) {
    const std::uint64_t span = prefix.size() + raw.size();
    const int log = std::max(10, static_cast<int>(std::bit_width(span)));
    r = ZSTD_CCtx_setParameter(ctx, ZSTD_c_windowLog, log);
    if (!ZSTD_isError(r)) r = ZSTD_CCtx_refPrefix(ctx, prefix.data(), prefix.size());
  }
  if (ZSTD_isError(r)) return ZstdError("zstd compression setup failed: ", r);
  return Status::Ok();
}

}  // namespace

Status CompressEvidence(std::string_view raw, int level, std::string* compressed,
                        std::string_view prefix) {
  thread_local CCtx cctx;
  if (!cctx.ctx) return Status::Error("zstd: cannot allocate a compression context");
  if (prefix.size() + raw.size() >= kMaxDeltaWindow) prefix = {};
  PW_RETURN_IF_ERROR(SetFrameParameters(cctx.ctx, level, raw, prefix));
  compressed->resize(ZSTD_compressBound(raw.size()));
  size_t n = ZSTD_compress2(cctx.ctx, compressed->data(), compressed->size(), raw.data(),
                            raw.size());
  if (ZSTD_isError(n)) {
    compressed->clear();
    return ZstdError("zstd compression failed: ", n);
  }
  compressed->resize(n);
  return Status::Ok();
}

Status FrameContentSize(std::string_view compressed, std::uint64_t* size) {
  unsigned long long framed = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  if (framed == ZSTD_CONTENTSIZE_ERROR) {
    return Status::Error("evidence: not a zstd frame (" + std::to_string(compressed.size()) +
                         " bytes)");
  }
  if (framed == ZSTD_CONTENTSIZE_UNKNOWN) {
    return Status::Error("evidence: zstd frame records no content size");
  }
  if (framed > kMaxEvidenceSize) {
    return Status::Error("evidence: recorded size " + std::to_string(framed) +
                         " bytes exceeds the limit of " + std::to_string(kMaxEvidenceSize));
  }
  *size = framed;
  return Status::Ok();
}

Status DecompressEvidence(std::string_view compressed, std::uint64_t expected_size,
                          std::string* raw, std::string_view prefix) {
  raw->clear();
  if (expected_size > kMaxEvidenceSize) {
    return Status::Error("evidence: recorded size " + std::to_string(expected_size) +
                         " bytes exceeds the limit of " + std::to_string(kMaxEvidenceSize));
  }
  std::uint64_t framed = 0;
  PW_RETURN_IF_ERROR(FrameContentSize(compressed, &framed));
  if (framed != expected_size) {
    return Status::Error("evidence: zstd frame holds " + std::to_string(framed) + ", expected " +
                         std::to_string(expected_size) + " bytes");
  }
  thread_local DCtx dctx;
  if (!dctx.ctx) return Status::Error("zstd: cannot allocate a decompression context");
  ZSTD_DCtx_reset(dctx.ctx, ZSTD_reset_session_and_parameters);
  if (prefix.size() + expected_size >= kMaxDeltaWindow) prefix = {};
  if (!prefix.empty()) {
    size_t r = ZSTD_DCtx_refPrefix(dctx.ctx, prefix.data(), prefix.size());
    if (ZSTD_isError(r)) return ZstdError("evidence: zstd prefix refused: ", r);
  }
  raw->resize(expected_size);
  size_t n = ZSTD_decompressDCtx(dctx.ctx, raw->data(), raw->size(), compressed.data(),
                                 compressed.size());
  if (ZSTD_isError(n) || n != expected_size) {
    raw->clear();
    return Status::Error(std::string("evidence: zstd decompression failed: ") +
                         (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "size mismatch"));
  }
  return Status::Ok();
}

}  // namespace pw::store
