// What a digest says: its title, its email bodies and its chat summary, with
// text from watched pages escaped.
#include "notify/internal/digest_content.h"

#include <catch2/catch.hpp>

#include "notify/digest.h"
#include "notify/test_fixtures.h"

using namespace pw::notify;
using namespace pw::notify::testing;

namespace {

// A digest of `n` changes of the sample, the i-th of severity severities[i % size].
nlohmann::json Digest(size_t n, std::vector<std::string> severities) {
  std::vector<pw::store::OutboxRow> rows;
  for (size_t i = 0; i < n; ++i) {
    auto event = nlohmann::json::parse(SampleChangedDelivery("c").payload_json);
    event["severity"] = severities[i % severities.size()];
    pw::store::OutboxRow row;
    row.id = static_cast<std::int64_t>(i + 1);
    row.delivery_id = "d" + std::to_string(i);
    row.payload_json = event.dump();
    rows.push_back(row);
  }
  return nlohmann::json::parse(MakeDigest("c", rows).payload_json);
}

}  // namespace

TEST_CASE("digest content: the title counts changes and material ones", "[notify][digest]") {
  CHECK(DigestTitle(Digest(1, {"minor"})) == "digest: 1 change");
  CHECK(DigestTitle(Digest(5, {"material", "minor", "cosmetic"})) == "digest: 5 changes (2 material)");
  CHECK(EventSubject(Digest(2, {"material"})) == "[policywatch] digest: 2 changes (2 material)");
  CHECK(DigestTitle(nlohmann::json::object()) == "digest: 0 changes");
}

TEST_CASE("digest content: the email lists each change and escapes page text", "[notify][digest]") {
  auto digest = Digest(2, {"minor", "material"});
  digest["changes"][1]["headline"] = "Sharing: <script>alert(1)</script>";
  EmailContent mail = RenderEmail(digest);
  CHECK(mail.subject == "[policywatch] digest: 2 changes (1 material)");
  CHECK(mail.text.find("2 changes at 2026-11-23T10:00:00Z.") != std::string::npos);
  CHECK(mail.text.find("1. Mistral Media privacy policy: minor change in 3 sections\n"
                       "   negation removed: \"do not sell\" -> \"may sell\"\n") != std::string::npos);
  CHECK(mail.text.find("2. Mistral Media privacy policy: material change in 3 sections\n"
                       "   Sharing: <script>") != std::string::npos);
  CHECK(mail.text.find("   - modified: Privacy Policy › Retention (material)") != std::string::npos);
  CHECK(mail.text.find("Digest " + digest["id"].get<std::string>() + ".") != std::string::npos);
  CHECK(mail.html.find("<script>") == std::string::npos);
  CHECK(mail.html.find("Sharing: &lt;script&gt;") != std::string::npos);
  CHECK(mail.html.find("<ol>") != std::string::npos);
}

TEST_CASE("digest content: a chat digest lists at most kChatDigestChanges changes", "[notify][digest]") {
  ChatSummary m = SummarizeEvent(Digest(kChatDigestChanges + 3, {"cosmetic", "minor"}));
  CHECK(m.title == "digest: 23 changes");
  CHECK(m.severity == "minor");  // the highest: ntfy priority and Discord colour follow it
  REQUIRE(m.sections.size() == kChatDigestChanges + 1);
  CHECK(m.sections[0] == "Mistral Media privacy policy: cosmetic change in 3 sections — negation "
                         "removed: \"do not sell\" -> \"may sell\"");
  CHECK(m.sections.back() == "… and 3 more changes");
  CHECK(m.link.empty());
}
