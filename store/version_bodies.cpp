#include "store/internal/version_bodies.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

#include "store/evidence.h"
#include "store/internal/rows.h"

namespace pw::store {
namespace {

Status Pack(std::string_view data, std::string_view prefix, std::string* out) {
  return CompressEvidence(data, kVersionLevel, out, prefix);
}

// Decompresses one body; the frame records its size (checked against `size`
// when that is known, >= 0).
Status Unpack(const char* name, std::string_view frame, std::int64_t size,
              std::string_view prefix, std::string* out) {
  std::uint64_t framed = 0;
  Status s = FrameContentSize(frame, &framed);
  if (s.ok() && size >= 0 && framed != static_cast<std::uint64_t>(size)) {
    s = Status::Error("holds " + std::to_string(framed) + " bytes, the row says " +
                      std::to_string(size));
  }
  if (s.ok()) s = DecompressEvidence(frame, framed, out, prefix);
  if (!s.ok()) return Status::Error(std::string(name) + ": " + s.message());
  return Status::Ok();
}

}  // namespace

Status EncodeBodies(const VersionBodies& bodies, const VersionBodies* base, std::int64_t base_id,
                    StoredBodies* out) {
  *out = StoredBodies();
  out->text_size = static_cast<std::int64_t>(bodies.text.size());
  out->raw_size = static_cast<std::int64_t>(bodies.raw.size());
  if (base == nullptr) {
    PW_RETURN_IF_ERROR(Pack(bodies.text, {}, &out->text_z));
    PW_RETURN_IF_ERROR(Pack(bodies.tree, bodies.text, &out->tree_z));
    return Pack(bodies.raw, {}, &out->raw_z);
  }
  out->base_id = base_id;
  PW_RETURN_IF_ERROR(Pack(bodies.text, base->text, &out->text_z));
  PW_RETURN_IF_ERROR(Pack(bodies.tree, base->tree + bodies.text, &out->tree_z));
  return Pack(bodies.raw, base->raw, &out->raw_z);
}

Status DecodeBodies(const StoredBodies& stored, const VersionBodies* base, unsigned parts,
                    VersionBodies* out) {
  static const VersionBodies kNone;
  if (stored.base_id != 0 && base == nullptr) {
    return Status::Error("a delta decoded without the version before it");
  }
  const VersionBodies& prior = base != nullptr ? *base : kNone;
  if (parts & (kBodyText | kBodyTree)) {
    PW_RETURN_IF_ERROR(Unpack("text", stored.text_z, stored.text_size, prior.text, &out->text));
  }
  if (parts & kBodyTree) {
    const std::string prefix = stored.base_id != 0 ? prior.tree + out->text : out->text;
    PW_RETURN_IF_ERROR(Unpack("section tree", stored.tree_z, -1, prefix, &out->tree));
  }
  if (parts & kBodyRaw) {
    PW_RETURN_IF_ERROR(Unpack("raw body", stored.raw_z, stored.raw_size, prior.raw, &out->raw));
  }
  return Status::Ok();
}

Status ReadStoredBodies(Db* db, std::int64_t id, StoredBodies* stored, bool* found) {
  return ReadOneRow(
      db,
      "SELECT coalesce(base_id, 0), text_z, tree_z, raw_z, text_size, raw_size FROM versions"
      " WHERE id = ?",
      [&](Statement* st) { st->BindInt(1, id); },
      [&](const Statement& st) {
        stored->base_id = st.ColumnInt(0);
        stored->text_z = st.ColumnBlob(1);
        stored->tree_z = st.ColumnBlob(2);
        stored->raw_z = st.ColumnBlob(3);
        stored->text_size = st.ColumnInt(4);
        stored->raw_size = st.ColumnInt(5);
      },
      found);
}

namespace {

// The chain of version `id`: its stored rows from its keyframe to itself.
Status ReadChain(Db* db, std::int64_t id, std::vector<StoredBodies>* chain) {
  chain->clear();
  for (std::int64_t at = id; at != 0;) {
    if (static_cast<int>(chain->size()) == kMaxChainLength) {
      return Status::Error("its chain of deltas is longer than " +
                           std::to_string(kMaxChainLength) + " versions");
    }
    StoredBodies stored;
    bool found = false;
    PW_RETURN_IF_ERROR(ReadStoredBodies(db, at, &stored, &found));
    if (!found) return Status::Error("no version " + std::to_string(at) + " in its chain");
    if (stored.base_id >= at) {
      return Status::Error("version " + std::to_string(at) + " is a delta against itself or a later version");
    }
    at = stored.base_id;
    chain->push_back(std::move(stored));
  }
  std::reverse(chain->begin(), chain->end());
  return Status::Ok();
}

// Decodes `chain` (keyframe first) into the bodies of its last version.
Status DecodeChain(const std::vector<StoredBodies>& chain, unsigned parts, VersionBodies* out) {
  if (parts & kBodyTree) parts |= kBodyText;
  VersionBodies prior;
  for (size_t i = 0; i < chain.size(); ++i) {
    VersionBodies next;
    PW_RETURN_IF_ERROR(DecodeBodies(chain[i], i == 0 ? nullptr : &prior, parts, &next));
    prior = std::move(next);
  }
  *out = std::move(prior);
  return Status::Ok();
}

Status LoadBodiesOf(Db* db, std::int64_t id, unsigned parts, VersionBodies* out,
                    int* chain_length) {
  std::vector<StoredBodies> chain;
  PW_RETURN_IF_ERROR(ReadChain(db, id, &chain));
  if (chain_length != nullptr) *chain_length = static_cast<int>(chain.size());
  return DecodeChain(chain, parts, out);
}

// The version of `document_id` just before `before_id` (0: there is none).
Status PreviousVersion(Db* db, std::int64_t document_id, std::int64_t before_id,
                       std::int64_t* previous) {
  *previous = 0;
  return ReadOneRow(
      db,
      "SELECT id FROM versions WHERE document_id = ? AND id < ? ORDER BY id DESC LIMIT 1",
      [&](Statement* st) {
        st->BindInt(1, document_id);
        st->BindInt(2, before_id);
      },
      [&](const Statement& st) { *previous = st.ColumnInt(0); });
}

}  // namespace

Status LoadBodies(Db* db, std::int64_t id, unsigned parts, VersionBodies* out) {
  Status s = LoadBodiesOf(db, id, parts, out, nullptr);
  if (!s.ok()) {
    return Status::Error(db->path() + ": version " + std::to_string(id) + ": " + s.message());
  }
  return Status::Ok();
}

Status EncodeNextVersion(Db* db, std::int64_t document_id, std::int64_t before_id,
                         const VersionBodies& bodies, StoredBodies* out) {
  std::int64_t previous = 0;
  PW_RETURN_IF_ERROR(PreviousVersion(db, document_id, before_id, &previous));
  PW_RETURN_IF_ERROR(EncodeBodies(bodies, nullptr, 0, out));
  if (previous == 0) return Status::Ok();
  VersionBodies base;
  int chain_length = 0;
  Status s = LoadBodiesOf(db, previous, kBodyAll, &base, &chain_length);
  if (!s.ok()) {
    // A damaged version must not stop new versions from being stored.
    spdlog::warn("{}: version {} does not decode ({}); the next version is stored whole",
                 db->path(), previous, s.message());
    return Status::Ok();
  }
  if (chain_length >= kMaxChainLength) return Status::Ok();
  StoredBodies delta;
  PW_RETURN_IF_ERROR(EncodeBodies(bodies, &base, previous, &delta));
  if (delta.Bytes() * 2 <= out->Bytes()) *out = std::move(delta);
  return Status::Ok();
}

}  // namespace pw::store
