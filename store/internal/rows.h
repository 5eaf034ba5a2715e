// Internal to store/: what the store_*.cpp files that implement class Store
// share to run their queries. Not part of the store's interface.
#pragma once

#include <vector>

#include "store/sqlite.h"
#include "util/status.h"

namespace pw::store {

// Steps `st` to its end, appending one row per result, filled by `read`.
template <typename Row, typename Read>
Status CollectRows(Statement* st, Read read, std::vector<Row>* rows) {
  while (true) {
    bool row = false;
    PW_RETURN_IF_ERROR(st->Step(&row));
    if (!row) return Status::Ok();
    rows->emplace_back();
    read(*st, &rows->back());
  }
}

// Runs the cached query `sql` for its first row: `bind(Statement*)` binds its
// parameters; when a row comes back, `read(const Statement&)` reads it. *found,
// when given, says whether one did. The statement is reset on return.
template <typename Bind, typename Read>
Status ReadOneRow(Db* db, const char* sql, Bind bind, Read read, bool* found = nullptr) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(sql, &st));
  ScopedReset reset(st);
  bind(st);
  bool row = false;
  PW_RETURN_IF_ERROR(st->Step(&row));
  if (found != nullptr) *found = row;
  if (row) read(*st);
  return Status::Ok();
}

// For ReadOneRow: a query without parameters.
inline void BindNothing(Statement*) {}

}  // namespace pw::store
