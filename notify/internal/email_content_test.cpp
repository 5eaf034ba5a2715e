#include "notify/internal/email_content.h"

#include <catch2/catch.hpp>

#include "notify/test_fixtures.h"

using namespace pw::notify;
using pw::Clock;

TEST_CASE("document type words") {
  REQUIRE(DocumentTypeWords("privacy-policy") == "privacy policy");
  REQUIRE(DocumentTypeWords("terms_of_service") == "terms of service");
}

TEST_CASE("changed event: subject and both bodies name every changed section") {
  auto event = nlohmann::json::parse(testing::SampleChangedDelivery("legal").payload_json);
  EmailContent c = RenderEmail(event);
  REQUIRE(c.subject == "[policywatch] Mistral Media privacy policy: material change in 3 sections");
  REQUIRE(c.text.find("Privacy Policy > Sharing") != std::string::npos);
  REQUIRE(c.html.find("Sharing") != std::string::npos);
  for (const std::string* body : {&c.text, &c.html}) {
    REQUIRE(body->find("Retention") != std::string::npos);
    REQUIRE(body->find("Überweisungen ins Ausland") != std::string::npos);
    REQUIRE(body->find("third-party-sharing") != std::string::npos);
  }
  REQUIRE(c.text.find("We [-do not-]{+may+} sell") != std::string::npos);
  REQUIRE(c.text.find("[-30 days-]{+2 years+}") != std::string::npos);
  REQUIRE(c.html.find(">do not</del>") != std::string::npos);
  REQUIRE(c.html.find(">may</ins>") != std::string::npos);
  // Section text is escaped in HTML.
  REQUIRE(c.html.find("<script>") == std::string::npos);
  REQUIRE(c.html.find("&lt;script&gt;") != std::string::npos);
  REQUIRE(c.html.find("do not sell") != std::string::npos);
}

TEST_CASE("subjects of the other events") {
  auto t = Clock::from_time_t(0);
  auto s = testing::SampleSubject();
  REQUIRE(EventSubject(MakeUnreachableEvent("e", t, s, 3, "x")) ==
          "[policywatch] Mistral Media privacy policy: unreachable after 3 failed checks");
  REQUIRE(EventSubject(MakeRecoveredEvent("e", t, s, 3)) ==
          "[policywatch] Mistral Media privacy policy: reachable again");
  REQUIRE(EventSubject(MakeTestEvent("e", t, "legal")) ==
          "[policywatch] TEST message for channel legal");
  auto one = MakeChangedEvent("e", t, s, {}, {}, nlohmann::json::parse(
      R"({"severity":"minor","sections":[{"status":"modified","path":["A"]}]})"));
  REQUIRE(EventSubject(one) == "[policywatch] Mistral Media privacy policy: minor change in 1 section");
  auto x = RenderEmail(MakeExtractionSuspectEvent("e", t, s, {}, "text shrank by 80%"));
  REQUIRE(x.text.find("text shrank by 80%") != std::string::npos);
  REQUIRE(x.html.find("text shrank by 80%") != std::string::npos);
}

TEST_CASE("hostile events render without crashing") {
  for (const char* text : {"{}", R"({"type":"document.changed","sections":[1,"x",null,{"diff":"no"}]})",
                           R"({"type":"document.changed","company":"str","summary":[]})",
                           R"({"type":7})", "[]"}) {
    EmailContent c = RenderEmail(nlohmann::json::parse(text));
    REQUIRE(c.subject.rfind("[policywatch] ", 0) == 0);
    REQUIRE(c.html.find("</html>") != std::string::npos);
  }
}

TEST_CASE("a changeset the diff module rejects is read leniently and rendered by diff") {
  auto event = nlohmann::json::parse(testing::SampleChangedDelivery("legal").payload_json);
  event["sections"][0]["severity"] = "catastrophic";  // not a severity: FromJson refuses
  EmailContent c = RenderEmail(event);
  // The unknown severity reads as none; the other sections keep theirs.
  REQUIRE(c.text.find("[none] modified: Privacy Policy > Sharing") != std::string::npos);
  REQUIRE(c.text.find("[material] modified: Privacy Policy > Retention") != std::string::npos);
  REQUIRE(c.text.find("We [-do not-]{+may+} sell") != std::string::npos);
  REQUIRE(c.html.find(">do not</del>") != std::string::npos);
  REQUIRE(c.html.find("<script>") == std::string::npos);
}

TEST_CASE("changed event: the first line is the strongest reason, then when it takes effect") {
  using namespace std::chrono;
  const auto t = sys_days(year{2026} / December / 4) + hours(10);
  auto changeset = nlohmann::json::parse(R"({"severity":"material",
      "headline":"Sharing: \"We do not sell\" -> \"We may sell\"",
      "effective_date":"2027-03-01",
      "notice_text":"These changes take effect on March 1, 2027.",
      "sections":[{"status":"modified","path":["Sharing"],"severity":"material",
                   "reasons":["negation removed: \"We do not sell\" -> \"We may sell\""]}]})");
  const auto event = MakeChangedEvent("e", t, testing::SampleSubject(), {}, {}, changeset);
  CHECK(event["headline"] == changeset["headline"]);
  CHECK(event["effective_date"] == "2027-03-01");
  const EmailContent c = RenderEmail(event);
  CHECK(c.text.starts_with("Sharing: \"We do not sell\" -> \"We may sell\"\n"));
  CHECK(c.text.find("Takes effect 2027-03-01, in 87 days: \"These changes take effect on "
                    "March 1, 2027.\"") != std::string::npos);
  CHECK(c.html.find("in 87 days") != std::string::npos);

  auto past = event;
  past["effective_date"] = "2026-12-01";
  CHECK(EffectiveWords(past).starts_with("Took effect 2026-12-01, 3 days ago: "));
  past["effective_date"] = "2026-12-04";
  CHECK(EffectiveWords(past).starts_with("Takes effect 2026-12-04, today: "));
  past.erase("effective_date");
  CHECK(EffectiveWords(past) == "Takes effect: \"These changes take effect on March 1, 2027.\"");
  past["effective_date"] = "not a date";
  CHECK(EffectiveWords(past).starts_with("Takes effect: "));
  past.erase("notice_text");
  CHECK(EffectiveWords(past).empty());
}
