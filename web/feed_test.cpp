// The Atom feeds from a real database, read back by a real XML parser
// (Python's xml.etree): entries, stable ids, links, filters, hostile text, and
// the conditional GET — on the page functions, and once over a socket.
#include <httplib.h>

#include <cstdio>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "extract/extract.h"
#include "store/hash.h"
#include "tests/support/temp_dir.h"
#include "util/clock.h"
#include "web/internal/pages.h"
#include "web/internal/xml.h"
#include "web/test_policies.h"
#include "web/test_site.h"

namespace pw::web {
namespace {

using nlohmann::json;
using testing::TestSite;

// Prints the feed as JSON, or fails (exit status, nothing on stdout) when it
// is not well-formed XML.
constexpr const char* kAtomToJson = R"py(
import sys, json, xml.etree.ElementTree as ET
A = '{http://www.w3.org/2005/Atom}'
root = ET.parse(sys.argv[1]).getroot()
def text(e, name):
    child = e.find(A + name)
    return None if child is None else (child.text or '')
def links(e, rel):
    return [l.get('href') for l in e.findall(A + 'link') if l.get('rel') == rel]
def entry(e):
    return {'id': text(e, 'id'), 'title': text(e, 'title'), 'updated': text(e, 'updated'),
            'published': text(e, 'published'), 'summary': text(e, 'summary'),
            'content': text(e, 'content'), 'content_type': e.find(A + 'content').get('type'),
            'link': links(e, 'alternate'),
            'categories': [c.get('term') for c in e.findall(A + 'category')]}
print(json.dumps({'tag': root.tag, 'id': text(root, 'id'), 'title': text(root, 'title'),
                  'updated': text(root, 'updated'), 'self': links(root, 'self'),
                  'author': text(root.find(A + 'author'), 'name'),
                  'entries': [entry(e) for e in root.findall(A + 'entry')]}))
)py";

// The feed in `body` as kAtomToJson reads it; discarded when it does not parse.
json ParseAtom(const std::string& body) {
  ::pw::testing::TempDir dir;
  const std::string script = dir.Write("atom.py", kAtomToJson);
  const std::string feed = dir.Write("feed.xml", body);
  FILE* pipe = popen(("python3 " + script + " " + feed).c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = pclose(pipe);
  INFO(body);
  CHECK(status == 0);
  return json::parse(out, nullptr, /*allow_exceptions=*/false);
}

std::vector<std::string> EntryIds(const json& feed) {
  std::vector<std::string> ids;
  for (const auto& e : feed.at("entries")) ids.push_back(e.at("id").get<std::string>());
  return ids;
}

std::string Header(const Response& r, const std::string& name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "";
}

std::string ChangeTag(const std::string& company, const std::string& type, std::int64_t version) {
  return "tag:policywatch,2026:change/" + company + "/" + type + "/" + std::to_string(version);
}

struct Fixture {
  TestSite site;
  WebOptions options;
  std::int64_t v2 = 0, t2 = 0;

  Fixture() {
    site.AddVersion("acme", "privacy-policy", testing::kPolicyV1, 10'000);
    v2 = site.AddVersion("acme", "privacy-policy", testing::kPolicyV2, 20'000);
    site.AddVersion("globex", "terms", testing::kTermsV1, 10'000);
    t2 = site.AddVersion("globex", "terms", testing::kTermsV1Cased, 30'000);
  }

  Response Get(PageFn page, std::vector<std::string> captures = {},
               std::map<std::string, std::string> query = {}, std::string if_none_match = "",
               std::string if_modified_since = "") {
    Request request;
    request.captures = std::move(captures);
    request.query = std::move(query);
    request.if_none_match = std::move(if_none_match);
    request.if_modified_since = std::move(if_modified_since);
    Response response;
    const Status s = page(Site{site.store(), &options, 50'000}, request, &response);
    INFO(s.message());
    REQUIRE(s.ok());
    return response;
  }
};

TEST_CASE("the feed of every change is Atom with one entry per change newest first", "[web][feed]") {
  Fixture f;
  const Response r = f.Get(FeedAll);
  CHECK(r.status == 200);
  CHECK(r.content_type == "application/atom+xml; charset=utf-8");
  const json feed = ParseAtom(r.body);
  REQUIRE_FALSE(feed.is_discarded());
  CHECK(feed["tag"] == "{http://www.w3.org/2005/Atom}feed");
  CHECK(feed["id"] == "tag:policywatch,2026:feed/all");
  CHECK(feed["author"] == "policywatch");
  CHECK(feed["updated"] == FormatUtc(30'000, kRfc3339));
  CHECK(feed["self"] == json::array({"/feed.atom"}));
  CHECK(EntryIds(feed) == std::vector<std::string>{ChangeTag("globex", "terms", f.t2),
                                                   ChangeTag("acme", "privacy-policy", f.v2)});
  const json& acme = feed["entries"][1];
  CHECK(acme["title"].get<std::string>().rfind("Acme & <Co> · privacy-policy: material change — ", 0) == 0);
  CHECK(acme["updated"] == FormatUtc(20'000, kRfc3339));
  CHECK(acme["published"] == acme["updated"]);
  CHECK(acme["link"] == json::array({"/documents/acme/privacy-policy/changes/" + std::to_string(f.v2)}));
  CHECK_FALSE(acme["summary"].get<std::string>().empty());
  CHECK(acme["content_type"] == "html");
  const std::string content = acme["content"];
  CHECK(content.find("<del") != std::string::npos);
  CHECK(content.find("do not") != std::string::npos);
  CHECK(content.find("<ins") != std::string::npos);
  CHECK(acme["categories"].size() >= 1);
}

TEST_CASE("a change has one id in every feed whatever the base_url and filter", "[web][feed]") {
  Fixture f;
  const std::string id = ChangeTag("acme", "privacy-policy", f.v2);
  const auto ids_of = [&](const Response& r) {
    REQUIRE(r.status == 200);
    const json feed = ParseAtom(r.body);
    REQUIRE_FALSE(feed.is_discarded());
    return EntryIds(feed);
  };
  const auto all = ids_of(f.Get(FeedAll));
  CHECK(ids_of(f.Get(FeedAll)) == all);
  CHECK(ids_of(f.Get(FeedCompany, {"acme"})) == std::vector<std::string>{id});
  CHECK(ids_of(f.Get(FeedDocument, {"acme", "privacy-policy"})) == std::vector<std::string>{id});
  f.options.web.base_url = "https://pw.example.org";
  CHECK(ids_of(f.Get(FeedAll)) == all);
  CHECK(ids_of(f.Get(FeedAll, {}, {{"min_severity", "material"}})) == std::vector<std::string>{id});
  CHECK(ids_of(f.Get(FeedDocument, {"globex", "terms"})) ==
        std::vector<std::string>{ChangeTag("globex", "terms", f.t2)});
  CHECK(std::set<std::string>(all.begin(), all.end()).size() == all.size());
}

TEST_CASE("feed links are absolute with base_url and keep the filter in self", "[web][feed]") {
  Fixture f;
  f.options.web.base_url = "https://pw.example.org";
  const json feed = ParseAtom(f.Get(FeedCompany, {"acme"}, {{"category", "third-party-sharing"}}).body);
  REQUIRE_FALSE(feed.is_discarded());
  CHECK(feed["self"] ==
        json::array({"https://pw.example.org/companies/acme/feed.atom?category=third-party-sharing"}));
  CHECK(feed["id"] == "tag:policywatch,2026:feed/company/acme?category=third-party-sharing");
  CHECK(feed["title"] == "policywatch: Acme & <Co>");
  REQUIRE(feed["entries"].size() == 1);
  CHECK(feed["entries"][0]["link"] ==
        json::array({"https://pw.example.org/documents/acme/privacy-policy/changes/" + std::to_string(f.v2)}));
}

TEST_CASE("feed filters select changes and bad values or unknown names are refused", "[web][feed][hostile]") {
  Fixture f;
  const auto count = [&](const Response& r) {
    REQUIRE(r.status == 200);
    return ParseAtom(r.body)["entries"].size();
  };
  CHECK(count(f.Get(FeedAll, {}, {{"min_severity", "material"}})) == 1);
  CHECK(count(f.Get(FeedAll, {}, {{"category", "third-party-sharing"}})) == 1);
  CHECK(count(f.Get(FeedDocument, {"globex", "terms"}, {{"min_severity", "material"}})) == 0);
  CHECK(count(f.Get(FeedCompany, {"globex"})) == 1);
  CHECK(f.Get(FeedAll, {}, {{"min_severity", "huge"}}).status == 400);
  CHECK(f.Get(FeedCompany, {"acme"}, {{"category", "<x>"}}).status == 400);
  CHECK(f.Get(FeedDocument, {"acme", "terms"}, {{"limit", "0"}}).status == 400);
  CHECK(f.Get(FeedCompany, {"nope"}).status == 404);
  CHECK(f.Get(FeedDocument, {"acme", "nope"}).status == 404);
}

TEST_CASE("an empty feed is valid with an epoch updated and no Last-Modified", "[web][feed]") {
  Fixture f;
  const Response r = f.Get(FeedDocument, {"acme", "terms"});
  CHECK(r.status == 200);
  const json feed = ParseAtom(r.body);
  REQUIRE_FALSE(feed.is_discarded());
  CHECK(feed["entries"].empty());
  CHECK(feed["updated"] == "1970-01-01T00:00:00Z");
  CHECK_FALSE(Header(r, "ETag").empty());
  CHECK(Header(r, "Last-Modified").empty());
}

TEST_CASE("feed conditional GET answers 304 on a matching ETag or date", "[web][feed]") {
  Fixture f;
  const Response first = f.Get(FeedAll);
  const std::string etag = Header(first, "ETag");
  CHECK(etag == "\"" + store::Sha256Hex(first.body) + "\"");
  CHECK(Header(first, "Last-Modified") == "Thu, 01 Jan 1970 08:20:00 GMT");  // 30'000
  const auto status = [&](const std::string& inm, const std::string& ims) {
    const Response r = f.Get(FeedAll, {}, {}, inm, ims);
    if (r.status == 304) CHECK(r.body.empty());
    return r.status;
  };
  CHECK(status(etag, "") == 304);
  CHECK(status("\"other\", " + etag, "") == 304);
  CHECK(status("W/" + etag, "") == 304);
  CHECK(status("*", "") == 304);
  CHECK(status("\"other\"", "") == 200);
  CHECK(status("", "Thu, 01 Jan 1970 08:20:00 GMT") == 304);
  CHECK(status("", "Fri, 02 Jan 1970 00:00:00 GMT") == 304);
  CHECK(status("", "Thu, 01 Jan 1970 08:19:59 GMT") == 200);
  CHECK(status("", "yesterday") == 200);
  // If-None-Match decides when both are sent.
  CHECK(status("\"other\"", "Thu, 01 Jan 1970 08:20:00 GMT") == 200);
  // Another filter is another body, so another ETag.
  CHECK(Header(f.Get(FeedAll, {}, {{"min_severity", "material"}}), "ETag") != etag);
}

TEST_CASE("XmlEscape drops what XML 1.0 forbids and escapes markup", "[web][feed][hostile]") {
  CHECK(XmlEscape("a\x01" "b\x0b" "c\x1f" "d\te\nf\rg") == "abcd\te\nf\rg");
  CHECK(XmlEscape("<a href=\"x\">&</a> ]]>") == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt; ]]&gt;");
  CHECK(XmlEscape("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80");
  CHECK(XmlEscape("\xEF\xBF\xBE\xEF\xBF\xBF") == "");                  // U+FFFE, U+FFFF
  CHECK(XmlEscape("x\xFFy") == "x\xEF\xBF\xBDy");                     // not UTF-8
  CHECK(XmlEscape("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");         // overlong
  CHECK(XmlEscape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  CHECK(XmlEscape("\xE2\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD");         // truncated
}

// The hostile page, extracted, with control characters put back into its text
// and a heading: extraction drops them, but a stored text from elsewhere (an
// import, an older release) may hold them.
extract::Document HostileDocument(const std::string& html) {
  extract::Document doc;
  REQUIRE(extract::Extract(html, "text/html; charset=utf-8", extract::Options(), &doc).ok());
  for (auto& section : doc.sections) {
    if (section.heading != "Use") continue;
    section.heading += "\x02";
    section.path.back() = section.heading;
    for (auto& block : section.blocks) block.text += " bell\x01 and\x0b tab";
  }
  return doc;
}

TEST_CASE("a policy with control characters and markup yields a feed that parses", "[web][feed][hostile]") {
  Fixture f;
  const std::string hostile =
      "<html><body><main><h1>Terms</h1><h2>Use</h2><p>Be kind to users ]]> of the "
      "&lt;script&gt;alert(1)&lt;/script&gt; service.</p><script>alert(2)</script></main></body></html>";
  f.site.AddVersion("acme", "terms", testing::kTermsV1, 40'000);
  const std::int64_t h = f.site.AddDocument("acme", "terms", HostileDocument(hostile), hostile, 41'000);
  // The control characters reach the stored changeset, so the feed must drop them.
  std::optional<store::ChangeRow> stored;
  REQUIRE(f.site.store()->GetChange(h, &stored).ok());
  REQUIRE(stored);
  CHECK(stored->changeset_json.find("\\u0001") != std::string::npos);
  CHECK(stored->changeset_json.find("\\u0002") != std::string::npos);
  CHECK(stored->changeset_json.find("]]>") != std::string::npos);
  for (const Response& r : {f.Get(FeedAll), f.Get(FeedCompany, {"acme"}), f.Get(FeedDocument, {"acme", "terms"})}) {
    REQUIRE(r.status == 200);
    for (const char c : {'\x01', '\x02', '\x0b'}) CHECK(r.body.find(c) == std::string::npos);
    CHECK(r.body.find("<script") == std::string::npos);
    CHECK(r.body.find("]]>") == std::string::npos);
    const json feed = ParseAtom(r.body);
    REQUIRE_FALSE(feed.is_discarded());
    REQUIRE_FALSE(feed["entries"].empty());
    const json& entry = feed["entries"][0];
    CHECK(entry["id"] == ChangeTag("acme", "terms", h));
    // The content is HTML in which the page's markup is text.
    const std::string content = entry["content"];
    CHECK(content.find("&lt;script&gt;") != std::string::npos);
    CHECK(content.find("<script") == std::string::npos);
    CHECK(content.find("]]&gt;") != std::string::npos);
    CHECK(content.find("bell and tab") != std::string::npos);
  }
}

TEST_CASE("feed over a socket answers 304 until a new change arrives", "[web][feed][server]") {
  TestSite site;
  site.AddVersion("acme", "privacy-policy", testing::kPolicyV1, 10'000);
  site.AddVersion("acme", "privacy-policy", testing::kPolicyV2, 20'000);
  WebOptions options;
  REQUIRE(config::ParseListen("127.0.0.1:0", &options.web).empty());
  options.database = site.database();
  options.threads = 2;
  std::unique_ptr<WebServer> server;
  REQUIRE(WebServer::Start(options, &server).ok());
  httplib::Client client("127.0.0.1", server->port());

  auto first = client.Get("/feed.atom");
  REQUIRE(first);
  CHECK(first->status == 200);
  CHECK(first->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
  const std::string etag = first->get_header_value("ETag");
  const std::string modified = first->get_header_value("Last-Modified");
  CHECK_FALSE(etag.empty());
  CHECK(modified == "Thu, 01 Jan 1970 05:33:20 GMT");  // 20'000

  auto same = client.Get("/feed.atom", {{"If-None-Match", etag}});
  REQUIRE(same);
  CHECK(same->status == 304);
  CHECK(same->body.empty());
  CHECK(same->get_header_value("ETag") == etag);
  auto by_date = client.Get("/feed.atom", {{"If-Modified-Since", modified}});
  REQUIRE(by_date);
  CHECK(by_date->status == 304);

  site.AddVersion("acme", "privacy-policy", testing::kPolicyV1, 30'000);
  auto changed = client.Get("/feed.atom", {{"If-None-Match", etag}});
  REQUIRE(changed);
  CHECK(changed->status == 200);
  CHECK(changed->get_header_value("ETag") != etag);
  CHECK(ParseAtom(changed->body)["entries"].size() == 2);
  auto after = client.Get("/feed.atom", {{"If-Modified-Since", modified}});
  REQUIRE(after);
  CHECK(after->status == 200);
}

}  // namespace
}  // namespace pw::web
