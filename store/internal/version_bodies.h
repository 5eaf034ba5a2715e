// Internal to store/: how a version's three bodies are stored — its canonical
// text, its section tree (JSON) and its raw evidence — each one zstd frame.
//
// A keyframe's frames stand alone, but for its tree, compressed against its own
// text (the tree holds the same words: they cost a few bytes, not a second
// copy). Any other version's frames are deltas against the version before it
// (base_id): its text against that one's text, its tree against that one's
// tree followed by its own text, its raw body against that one's raw body.
// Reading a version decodes its chain from the keyframe: at most
// kMaxChainLength versions, a few milliseconds, however long the history. A
// new version is a keyframe when the chain is full, or when its delta would
// not save at least half of what it costs whole (a rewritten page).
#pragma once

#include <cstdint>
#include <string>

#include "store/sqlite.h"
#include "util/status.h"

namespace pw::store {

struct VersionBodies {
  std::string text;  // canonical Markdown
  std::string tree;  // the section tree, JSON
  std::string raw;   // the body as fetched
};

// The bodies as a versions row holds them.
struct StoredBodies {
  std::int64_t base_id = 0;  // the keyframe these frames are deltas against; 0: a keyframe
  std::string text_z;
  std::string tree_z;
  std::string raw_z;
  std::int64_t text_size = 0;
  std::int64_t raw_size = 0;
  std::int64_t Bytes() const {
    return static_cast<std::int64_t>(text_z.size() + tree_z.size() + raw_z.size());
  }
};

// Which bodies a reader wants (a bit set).
enum BodyPart : unsigned { kBodyText = 1, kBodyTree = 2, kBodyRaw = 4, kBodyAll = 7 };

// The zstd level of a version's frames. A version is written only when a
// document is new or its text changed, so the level costs nothing on the usual
// check; bench_history on the corpus histories: level 3 stores texts and pages
// in 1.35x git's packs (texts alone 1.18x), level 9 in 1.19x (texts 0.98x),
// level 19 in 1.13x (0.93x) at about ten times level 9's time. Past 9 the time
// grows far faster than the saving. (Any level decompresses the same way.)
inline constexpr int kVersionLevel = 9;

// The most versions a read decodes (a keyframe and the deltas after it).
// bench_history: a 1,000-version history of a 45 KB policy stores 1.1 KB per
// version (text, tree and raw body) and reads any version in 0.3-0.6 ms.
inline constexpr int kMaxChainLength = 32;

// Encodes `bodies` as deltas against `base` (its decoded bodies) with id
// `base_id`, or, when base is null, as a keyframe.
Status EncodeBodies(const VersionBodies& bodies, const VersionBodies* base, std::int64_t base_id,
                    StoredBodies* out);

// Decodes the `parts` of `stored` (kBodyTree decodes the text too); `base`
// holds the decoded bodies of stored.base_id that those parts need (the text
// for kBodyText and kBodyTree, the tree for kBodyTree, the raw body for
// kBodyRaw), null for a keyframe. Fails, naming the body, on a damaged frame.
Status DecodeBodies(const StoredBodies& stored, const VersionBodies* base, unsigned parts,
                    VersionBodies* out);

// --- Rows ---

// Reads the stored bodies of version `id`; *found says whether it exists.
Status ReadStoredBodies(Db* db, std::int64_t id, StoredBodies* stored, bool* found);

// Decodes the `parts` of version `id`, and of its chain back to its keyframe
// as they need. Fails, naming the version, when a version of the chain is
// missing or damaged, or the chain is longer than it may be.
Status LoadBodies(Db* db, std::int64_t id, unsigned parts, VersionBodies* out);

// Encodes `bodies` as the version of `document_id` that follows its versions
// with ids below `before_id` (INT64_MAX: after all of them): a delta against
// the one before it, or a keyframe (none before it, a full chain, a rewrite,
// or one before it that no longer decodes).
Status EncodeNextVersion(Db* db, std::int64_t document_id, std::int64_t before_id,
                         const VersionBodies& bodies, StoredBodies* out);

}  // namespace pw::store
