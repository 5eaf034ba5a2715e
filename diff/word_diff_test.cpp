#include "diff/internal/word_diff.h"

#include <catch2/catch.hpp>

namespace pw::diff {
namespace {

std::string Side(const std::vector<Segment>& d, Segment::Op skip) {
  std::string out;
  for (const Segment& s : d) {
    if (s.op != skip) out += s.text;
  }
  return out;
}

void CheckReassembles(const std::string& a, const std::string& b) {
  auto d = WordDiff(a, b);
  CHECK(Side(d, Segment::Op::kInsert) == a);
  CHECK(Side(d, Segment::Op::kDelete) == b);
  for (size_t i = 1; i < d.size(); ++i) CHECK(d[i].op != d[i - 1].op);
}

TEST_CASE("diff_test: tokens reassemble and keep words whole") {
  auto t = Tokenize("We don't sell  data, ever.\nÉté déjà");
  std::string joined;
  for (auto s : t) joined += s;
  CHECK(joined == "We don't sell  data, ever.\nÉté déjà");
  REQUIRE(t.size() >= 2);
  CHECK(t[1] == "don't ");
  CHECK(t[2] == "sell  ");
  CHECK(Tokenize("  lead").front() == "  ");
}

TEST_CASE("diff_test: a sentence added before a line break leaves the break unchanged") {
  const std::string a = "Last updated: March 3, 2026\nThis policy explains.";
  const std::string b = "Last updated: March 3, 2026. It takes effect on May 1, 2027.\nThis policy explains.";
  CheckReassembles(a, b);
  const auto d = WordDiff(a, b);
  REQUIRE(d.size() == 3);
  CHECK(d[0].text == "Last updated: March 3, 2026");
  CHECK(d[1].op == Segment::Op::kInsert);
  CHECK(d[1].text == ". It takes effect on May 1, 2027.");
  CHECK(d[2].text == "\nThis policy explains.");
  const auto r = WordDiff(b, a);  // and the other way round
  CheckReassembles(b, a);
  REQUIRE(r.size() == 3);
  CHECK(r[1].op == Segment::Op::kDelete);
  CHECK(r[1].text == ". It takes effect on May 1, 2027.");
  CheckReassembles("a\nb", "a x\n\nb");
  CheckReassembles("a \n b", "a c \n b \n");
}

TEST_CASE("diff_test: word diff of a flipped negation") {
  auto d = WordDiff("We do not sell your data.", "We may sell your data.");
  REQUIRE(d.size() == 4);
  CHECK(d[0].op == Segment::Op::kEqual);
  CHECK(d[0].text == "We ");
  CHECK(d[1].op == Segment::Op::kDelete);
  CHECK(d[1].text == "do not ");
  CHECK(d[2].op == Segment::Op::kInsert);
  CHECK(d[2].text == "may ");
  CHECK(d[3].text == "sell your data.");
}

TEST_CASE("diff_test: word diff reassembles both sides exactly") {
  CheckReassembles("", "");
  CheckReassembles("", "new text");
  CheckReassembles("old text", "");
  CheckReassembles("a b c d e", "a  b x d e\n");
  CheckReassembles("keep 30 days then delete", "keep 2 years then delete");
  CheckReassembles("data.", "data to partners.");
  CheckReassembles("\xff\xfe broken utf8 \xe2\x80", "broken \xe2 utf8");
}

TEST_CASE("diff_test: word diff of large unrelated texts is bounded and exact") {
  std::string a, b;
  for (int i = 0; i < 40000; ++i) {
    a += "alpha" + std::to_string(i * 7 % 1000) + " ";
    b += "beta" + std::to_string(i * 13 % 997) + " ";
  }
  CheckReassembles(a, b);
}

TEST_CASE("diff_test: word diff of long texts with a few edits finds the edits") {
  std::string a, b;
  for (int i = 0; i < 20000; ++i) {
    std::string w = "w" + std::to_string(i) + " ";
    a += w;
    b += (i == 5000 || i == 15000) ? std::string("changed ") : w;
  }
  auto d = WordDiff(a, b);
  int changed = 0;
  for (auto& s : d) changed += s.op != Segment::Op::kEqual ? 1 : 0;
  CHECK(changed == 4);  // two deletes, two inserts
}

}  // namespace
}  // namespace pw::diff
