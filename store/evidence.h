// Raw-body evidence: each stored version keeps the body exactly as fetched,
// zstd-compressed. Decompression checks the size so that a damaged or foreign
// blob gives a clear error instead of a wrong body or a huge allocation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace pw::store {

// Level of stored changesets: zstd's default. (A version's bodies use
// kVersionLevel, internal/version_bodies.h: a version is written only when a
// text changed, so there the ratio is worth more time.) bench_store_growth on
// the corpus snapshots (39 pages, 4.9 MB, one reused context): level 1 ratio
// 3.59 at 0.7 ms/page, 3 -> 3.83 at 0.9 ms, 6 -> 4.11 at 2.2 ms, 9 -> 4.19 at
// 3.4 ms, 19 -> 4.39 at 52 ms. Any level decompresses the same way.
inline constexpr int kEvidenceLevel = 3;

// Largest body we agree to decompress (the fetcher caps bodies far below this).
inline constexpr std::uint64_t kMaxEvidenceSize = 512ull * 1024 * 1024;

// Compresses `raw` into a single zstd frame that records its content size. With
// a `prefix`, the frame is a delta: zstd refers to the prefix as if it came
// just before `raw` (a prefix dictionary), so text shared with it costs a few
// bytes; the same prefix is needed to decompress. The window covers prefix and
// data whole, under kMaxDeltaWindow; past that the prefix is not used.
Status CompressEvidence(std::string_view raw, int level, std::string* compressed,
                        std::string_view prefix = {});

// Decompresses a frame made by CompressEvidence with the same `prefix`. Fails,
// naming the problem, when the frame is not zstd, is truncated, does not hold
// exactly `expected_size` bytes, or needs another prefix.
Status DecompressEvidence(std::string_view compressed, std::uint64_t expected_size,
                          std::string* raw, std::string_view prefix = {});

// The content size a frame records; fails when it records none or more than
// kMaxEvidenceSize.
Status FrameContentSize(std::string_view compressed, std::uint64_t* size);

// Largest prefix + data a delta frame spans (a window of 2^27 bytes: zstd's
// default limit for decompression).
inline constexpr std::uint64_t kMaxDeltaWindow = 1ull << 27;

}  // namespace pw::store
