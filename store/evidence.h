// Raw-body evidence: each stored version keeps the body exactly as fetched,
// zstd-compressed. Decompression checks the size so that a damaged or foreign
// blob gives a clear error instead of a wrong body or a huge allocation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace pw::store {

// Level used for stored evidence. bench_store_growth measures the levels: 19
// gains a few percent over 9 at many times the CPU; bodies are compressed once
// per changed version, so 12 is the chosen middle.
inline constexpr int kEvidenceLevel = 12;

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
