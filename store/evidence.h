// Raw-body evidence: each stored version keeps the body exactly as fetched,
// zstd-compressed. Decompression checks the size so that a damaged or foreign
// blob gives a clear error instead of a wrong body or a huge allocation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace pw::store {

// Level used for stored evidence. bench_store_growth on the corpus snapshots
// (39 pages, 4.9 MB, one reused context): level 3 ratio 3.83 at 1.0 ms/page,
// 9 -> 4.19 at 3.0 ms, 12 -> 4.22 at 6.1 ms, 19 -> 4.39 at 39 ms. 9 is the
// knee: past it each extra percent costs several times the CPU.
inline constexpr int kEvidenceLevel = 9;

// Largest body we agree to decompress (the fetcher caps bodies far below this).
inline constexpr std::uint64_t kMaxEvidenceSize = 512ull * 1024 * 1024;

// Compresses `raw` into a single zstd frame that records its content size.
Status CompressEvidence(std::string_view raw, int level, std::string* compressed);

// Decompresses a frame made by CompressEvidence. Fails, naming the problem, when
// the frame is not zstd, is truncated, or does not hold exactly `expected_size`
// bytes.
Status DecompressEvidence(std::string_view compressed, std::uint64_t expected_size,
                          std::string* raw);

}  // namespace pw::store
