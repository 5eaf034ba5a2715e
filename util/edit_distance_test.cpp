#include "util/edit_distance.h"

#include <catch2/catch.hpp>

TEST_CASE("edit distance: empty, equal and one-edit strings") {
  CHECK(pw::EditDistance("", "") == 0);
  CHECK(pw::EditDistance("", "abc") == 3);
  CHECK(pw::EditDistance("abc", "") == 3);
  CHECK(pw::EditDistance("policy", "policy") == 0);
  CHECK(pw::EditDistance("policy", "polcy") == 1);    // deletion
  CHECK(pw::EditDistance("polcy", "policy") == 1);    // insertion
  CHECK(pw::EditDistance("policy", "palicy") == 1);   // substitution
}

TEST_CASE("edit distance: classic pairs, symmetric, byte-wise") {
  CHECK(pw::EditDistance("kitten", "sitting") == 3);
  CHECK(pw::EditDistance("sitting", "kitten") == 3);
  CHECK(pw::EditDistance("flaw", "lawn") == 2);
  CHECK(pw::EditDistance("Policy", "policy") == 1);  // no case folding
  CHECK(pw::EditDistance("\xC3\xA9", "e") == 2);     // UTF-8 bytes, not code points
}
