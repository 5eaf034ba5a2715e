// fuzz_stored_bodies: a version's stored bodies (store/internal/version_bodies.h).
// Round trip: bodies made from the input, encoded as a keyframe and as a delta
// against other bodies made from it, decode to exactly what went in. Damage:
// the input's bytes taken as stored frames decode or fail, never crash and
// never give more than a frame records.
#include <string>

#include "fuzz/fuzz_support.h"
#include "store/internal/version_bodies.h"

namespace {

using pw::fuzz::Check;
using pw::store::DecodeBodies;
using pw::store::EncodeBodies;
using pw::store::StoredBodies;
using pw::store::VersionBodies;
using pw::store::kBodyAll;

VersionBodies BodiesOf(std::string_view input) {
  const auto [text, rest] = pw::fuzz::SplitInput(input);
  const auto [tree, raw] = pw::fuzz::SplitInput(rest);
  return {std::string(text), std::string(tree), std::string(raw)};
}

void RoundTrip(const VersionBodies& bodies, const VersionBodies* base) {
  StoredBodies stored;
  Check(EncodeBodies(bodies, base, base != nullptr ? 1 : 0, &stored).ok(), "encoding failed");
  VersionBodies out;
  Check(DecodeBodies(stored, base, kBodyAll, &out).ok(), "decoding what was encoded failed");
  if (out.text != bodies.text) pw::fuzz::Fail("text differs", bodies.text, out.text);
  if (out.tree != bodies.tree) pw::fuzz::Fail("tree differs", bodies.tree, out.tree);
  if (out.raw != bodies.raw) pw::fuzz::Fail("raw differs", bodies.raw, out.raw);
}

void Damaged(std::string_view input, const VersionBodies& base) {
  const auto [a, b] = pw::fuzz::SplitInput(input);
  StoredBodies stored;
  stored.base_id = input.size() % 2;
  stored.text_z = std::string(a);
  stored.tree_z = std::string(b);
  stored.raw_z = std::string(input);
  stored.text_size = static_cast<std::int64_t>(input.size() % 4096);
  stored.raw_size = -1;
  VersionBodies out;
  (void)DecodeBodies(stored, stored.base_id != 0 ? &base : nullptr, kBodyAll, &out);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const VersionBodies bodies = BodiesOf(input);
  RoundTrip(bodies, nullptr);
  VersionBodies base = bodies;
  base.text = base.text.substr(0, base.text.size() / 2) + "base";
  base.raw = "base " + base.raw;
  RoundTrip(bodies, &base);
  Damaged(input, base);
  return 0;
}
