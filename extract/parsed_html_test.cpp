// The parse extraction runs (parsed_html.h: an arena, no error list) must give
// the tree a plain gumbo_parse with default options gives for the same bytes,
// node for node and byte for byte. Checked on hand-written hostile cases
// (private-use code points, raw and as references, among them), on randomly
// assembled markup, and on the corpus's real pages (read at run time; skipped
// if absent). fuzz/fuzz_parse.cpp runs the same comparison on fuzzed input.
#include "extract/parsed_html.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "extract/internal/html_node.h"
#include "extract/internal/test_corpus.h"

namespace pw::extract {
namespace {

namespace fs = std::filesystem;

void DumpAttributes(const GumboVector& attrs, std::string* out) {
  for (unsigned i = 0; i < attrs.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
    *out += " " + std::to_string(a->attr_namespace) + ":" + a->name + "=\"" + a->value + "\"";
  }
}

// Everything of the tree a reader of it can see, one line per node.
std::string DumpTree(const GumboOutput* output) {
  std::string out;
  const GumboNode* doc = output->document;
  const GumboDocument& d = doc->v.document;
  out += "doctype " + std::to_string(d.has_doctype) + " " + d.name + " " + d.public_identifier +
         " " + d.system_identifier + " quirks " + std::to_string(d.doc_type_quirks_mode) + "\n";
  std::vector<std::pair<const GumboNode*, int>> stack{{doc, 0}};
  while (!stack.empty()) {
    auto [node, depth] = stack.back();
    stack.pop_back();
    out += std::string(static_cast<size_t>(depth), ' ');
    out += std::to_string(node->type) + " flags " + std::to_string(node->parse_flags) + " @" +
           std::to_string(node->index_within_parent) + " ";
    if (IsElement(node)) {
      const GumboElement& e = node->v.element;
      out += "<" + TagName(node) + " ns " + std::to_string(e.tag_namespace);
      DumpAttributes(e.attributes, &out);
      out += ">";
    } else if (node->type != GUMBO_NODE_DOCUMENT) {
      out += "\"" + std::string(node->v.text.text) + "\"";
    }
    out += "\n";
    const GumboVector* kids = Children(node);
    if (kids == nullptr) continue;
    for (unsigned i = kids->length; i > 0; --i) {
      stack.push_back({static_cast<const GumboNode*>(kids->data[i - 1]), depth + 1});
    }
  }
  return out;
}

std::string Visible(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

// Parses `html` as extraction does and with a plain gumbo_parse; the two
// trees must be the same.
void CheckSameTree(const std::string& html) {
  ParsedHtml ours(html);
  GumboOutput* plain = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  REQUIRE(ours.output() != nullptr);
  REQUIRE(plain != nullptr);
  const std::string want = DumpTree(plain);
  gumbo_destroy_output(&kGumboDefaultOptions, plain);
  const std::string got = DumpTree(ours.output());
  if (want != got) {
    FAIL("trees differ for page: " << Visible(html) << "\n--- gumbo_parse:\n" << want
                                   << "--- as extraction parses:\n" << got);
  }
}

const char kProse[] = "We collect the information you give us when you create an account";

}  // namespace

TEST_CASE("Parse: a page of prose parses to gumbo_parse's tree", "[parse]") {
  std::string page = "<!doctype html><html><head><title>Privacy policy of Example</title></head>"
                     "<body><h1>Privacy policy</h1>\n<p>" + std::string(kProse) +
                     ".</p>\n<p>" + kProse + " &amp; " + kProse + "</p></body></html>";
  CheckSameTree(page);
  CheckSameTree("");
}

TEST_CASE("Parse: private-use code points, raw and as references, stay as written",
          "[parse][hostile]") {
  const std::string p = kProse;
  // U+F0000..U+FFFFD and U+100000..U+10FFFD: icon fonts use them.
  const std::vector<std::string> cases = {
      "<main><h1>Privacy Policy</h1><p>Alpha bravo charlie delta echo foxtrot golf hotel.</p>\n"
      "<p>We never sell data &#983040; to anyone, ever.</p></main>",
      "<p>" + p + " <i>&#xF0001;</i> " + p + " &#xF0000;&#xF0001;&#x100000;&#1114109;</p>",
      "<p>" + p + "\xF3\xB0\x80\x80 " + p + "\xF4\x8F\xBF\xBD" + p + "</p>",
      "<p title=\"&#983040;\" data-icon='\xF3\xB0\x80\x81'>" + p + "&#983041</p>",
      "<p>&#983040;" + p + "</p><p>" + p + "&#983040;</p><p>" + p + "&#x10FFFF;&#xFFFFF;</p>",
      "<title>&#983040; " + p + "</title><textarea>&#983040;" + p + "</textarea>",
      "<script>\"\xF3\xB0\x80\x80\" + \"" + p + "\"</script>" + p,
  };
  for (const std::string& html : cases) {
    INFO("page: " << Visible(html));
    CheckSameTree(html);
  }
}

TEST_CASE("Parse: hostile and unusual constructs parse to gumbo_parse's tree", "[parse][hostile]") {
  const std::string p = kProse;
  std::vector<std::string> cases = {
      // Whitespace at the edges of runs decides insertion modes.
      "   " + p + "  <p>" + p + "</p>",
      "<html>\n " + p + "<head> " + p + "</head>\n" + p,
      "<table> " + p + " <tr> " + p + " <td>" + p + "</td> " + p + "</tr></table>",
      "<table><colgroup> " + p + "<col></colgroup></table>",
      "<pre>\n" + p + "</pre><listing>\n\n" + p + "</listing><textarea>\n" + p + "</textarea>",
      "<p>" + p + "\r\n" + p + "\r" + p + "\n\r</p>",
      "<p>\f" + p + "\t" + p + "\f</p>",
      // Character references, with and without semicolons.
      "<p>" + p + "&amp" + p + "&copy2023 " + p + "&#169;" + p + "&#x41" + p + "&notin; &not " + p +
          "</p>",
      "<p>&" + p + " & " + p + " &&; " + p + "&</p>",
      // Tags and attribute values holding what looks like markup.
      "<div title=\"a > " + p + "\" data-x='" + p + " > b'>" + p + "</div>",
      "<div a=b>c " + p + "</div><div a=\"" + p + "'>" + p + "\"></div>",
      "<a \"q>" + p + "\">" + p + "</a><a =x " + p + ">" + p + "</a>",
      "<a b=" + p + ">" + p + "</a><a/b/c>" + p + "</a><a/ >" + p,
      // A duplicate attribute, then another (Gumbo must reset its name buffer).
      "<div class=a class=b id=main>" + p + "</div><p x x y z=1 z=2 w>" + p + "</p>",
      "< p>" + p + "<3 " + p + " a<b " + p + " </ " + p + "</>" + p + "</3 " + p + ">" + p,
      "<p " + p,  // the page ends inside a tag
      "<p title=\"" + p,
      // Comments, doctypes, processing instructions, CDATA.
      "<!-->" + p + "<!--->" + p + "<!---->" + p + "<!-- " + p + " -->" + p,
      "<!-- " + p + " --!>" + p + "<!-- --!-->" + p + "<!-- -- > " + p + " --->" + p,
      "<!-- a --!x " + p + " -->" + p + "<!-- <p> " + p + " -- -->" + p,
      "<!--" + p,
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD " + p + "\" \"a>b\">" + p,
      "<!doctype " + p + ">" + p + "<?php " + p + " ?>" + p + "<! " + p + " >" + p,
      "<p>" + p + "<![CDATA[ " + p + " ]]>" + p + "</p>",
      "<svg><![CDATA[ " + p + " <p> ]]>" + p + "</svg>" + p,
      // Raw text: script, style and the others, with their end tags' variants.
      "<script>var s = \"" + p + " <b> " + p + "\"; if (a<b) {}</script>" + p,
      "<script>" + p + "</scriptx>" + p + "</SCRIPT >" + p + "<style>" + p + "</style/>" + p,
      "<script>" + p + "<!-- " + p + " --> " + p + "</script>" + p,
      "<script><!-- " + p + " <script> " + p + " </script> " + p + " --> " + p + "</script>" + p,
      "<script>" + p + "<!-- <SCRIPT>" + p + "</script>" + p,
      "<script>" + p + "</script" + p,
      "<script>" + p,
      "<style>" + p + " a < b { x: '" + p + "' } </style >" + p,
      "<title>" + p + " &amp; " + p + "</title><title>" + p + "</titlex>" + p + "</title>",
      "<textarea>" + p + "<b>" + p + "</textarea>" + p + "<xmp>" + p + "<i>" + p + "</xmp>" + p,
      "<iframe>" + p + "<p>" + p + "</iframe><noembed>" + p + "</noembed><noframes>" + p +
          "</noframes>" + p,
      "<script/>" + p + "</script>" + p + "<title/>" + p + "</title>" + p,
      "<noscript><p>" + p + "</p><style>" + p + "</style></noscript>" + p,
      "<head><noscript>" + p + "<style>" + p + "</style></noscript></head>" + p,
      "<plaintext>" + p + "</plaintext><p>" + p,
      "<frameset> " + p + " <frame> " + p + "</frameset> " + p,
      // <select> ignores most tags, raw-text ones included.
      "<select><option>" + p + "<optgroup>" + p + "</select>" + p,
      "<select><style>" + p + "<b>" + p + "</style></select>" + p,
      "<select><script>" + p + "</script><option>" + p + "</select>" + p,
      "<select><title>" + p + "</title><textarea>" + p + "</textarea>" + p,
      "<table><tr><td><select><td><style></select><b title='</style><i title=\"'>" + p +
          "\">" + p + "</table>",
      // Foreign content.
      "<svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/><g><rect/></g></svg>" + p,
      "<svg><title>" + p + "</title><desc>" + p + "</desc></svg>" + p,
      "<svg><style>" + p + "<i>" + p + "</style></svg>" + p,
      "<svg><foreignObject><style>" + p + "</style></foreignObject></svg>" + p,
      "<svg><foreignObject><div>" + p + "</div></foreignObject></svg>" + p,
      "<math><mi>" + p + "</mi><mtext><b>" + p + "</b></mtext></math>" + p,
      "<math></svg><style><a title=\"</style> " + p + "\">" + p,
      "<div><svg><path></div><style>" + p + "<a title=\"</style> " + p + "\">" + p,
      "<svg><p>" + p + "</p></svg>" + p + "<svg></p>" + p,
      "<svg><svg></svg><title>" + p + "</title></svg>" + p + "<svg/>" + p + "<math/>" + p,
      "<svg><script>" + p + "</script></svg>" + p,
      "<svg><title>" + p + "<b>" + p + "</title></svg>" + p,
      "<svg>" + p + "<font color=red>" + p + "</font></svg>" + p,
      // Templates and body/html end tags.
      "<template><p>" + p + "</p><style>" + p + "</style></template>" + p,
      "<body>" + p + "</body>" + p + "</html> " + p + "<p>" + p,
      // Bytes Gumbo replaces or rejects, mixed with text.
      "<p>" + p + "\x01" + p + "\x7F" + p + std::string(1, '\0') + p + "</p>",
      "<p>" + p + "\xC2\x85" + p + "\xEF\xB7\x90" + p + "\xEF\xBF\xBE" + p + "</p>",
      "<p>" + p + " caf\xC3\xA9 \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80 \xC2\xA0" + p + "</p>",
      "<p>" + p + "\xFF" + p + "</p><p>" + p + "</p>",
      "<p>" + p + "\xE2\x82" + p + "</p><p>" + p + "\xC3</p>",
      "<p>" + p + "\xF0\x9F\x98",
      "<p>" + p + "\xED\xA0\x80" + p + "\xC0\xAF" + p + "</p>",
  };
  // A quote opened inside raw text or a comment, then markup.
  for (std::string name : {"script", "style", "title", "textarea", "xmp", "iframe", "noembed",
                           "noframes", "noscript", "template", "select", "svg", "math"}) {
    cases.push_back("<" + name + "> <a title=' </" + name + "> <p title=\"x ' > " + p + " \"> " + p);
    cases.push_back("<" + name + ">" + p + "</" + name + " foo='>' " + p + ">" + p);
    cases.push_back("<" + name + "><!-- </" + name + "> --> <p title=\"' " + p + "\">" + p);
  }
  // A comment's end, as Gumbo finds it, then a tag with an attribute.
  for (std::string comment : {"<!-->", "<!--->", "<!---->", "<!-- --!>", "<!-- --->", "<!-- a-->"}) {
    cases.push_back(comment + " <p title=\"-->" + p + "\">" + p);
  }
  cases.push_back("<svg><![CDATA[ > </svg> <a title=' ]]></svg> <p title=\"x ' > " + p + " \">");
  cases.push_back("<!-- <a title=' --> <p title=\"x ' > " + p + " \"> " + p);
  cases.push_back("<!-- --!> <a title=' --> <p title=\"x ' > " + p + " \"> " + p);
  cases.push_back("<!DOCTYPE a '> <p title=\"x ' > " + p + " \"> " + p);
  cases.push_back("<?a '> <p title=\"x ' > " + p + " \"> " + p);
  cases.push_back("</x '> <p title=\"x ' > " + p + " \"> " + p);
  for (const std::string& html : cases) {
    INFO("page: " << Visible(html));
    CheckSameTree(html);
  }
}

TEST_CASE("Parse: randomly assembled markup parses to gumbo_parse's tree", "[parse][hostile]") {
  const std::vector<std::string> pieces = {
      kProse, kProse, kProse, " ", "\n", "\t", "\r\n", "\r", "\f", "  ", "word", "x",
      "caf\xC3\xA9 cr\xC3\xA8me", "\xE4\xB8\xAD\xE6\x96\x87\xE6\x96\x87\xE6\x96\x87", "\xC2\xA0",
      "\xF0\x9F\x98\x80", "\xC2\x85", "\x01", std::string(1, '\0'), "\xFF", "\xE2\x82",
      "<p>", "</p>", "<div class=\"a>b\">", "</div>", "<a href='x\"y'>", "</a>", "<b>", "</b>",
      "<i>", "<br/>", "<img src=x>", "<a b=c>", "<a \"q>", "< p>", "<3", "</ >", "</>", "</3>",
      "<table>", "<tr>", "<td>", "</table>", "<colgroup>", "<caption>", "<select>", "<option>",
      "</select>", "<svg>", "<path d=\"M0\"/>", "</svg>", "<math>", "<mi>", "</math>", "<title>",
      "</title>", "<desc>", "</desc>", "<foreignObject>", "<style>", "</style>", "<script>",
      "</script>", "</SCRIPT >", "</scriptx>", "<textarea>", "</textarea>", "<pre>", "<xmp>",
      "</xmp>", "<iframe>", "</iframe>", "<noscript>", "</noscript>", "<template>",
      "</template>", "<head>", "<body>", "</body>", "</html>", "<html>", "<!-->", "<!--->",
      "<!-- ", " -->", "--", "-", ">", "!", "--!>", "<!doctype html>", "<?x ?>", "<![CDATA[",
      "]]>", "&amp;", "&amp", "&copy2023", "&#169;", "&#x41;", "&not", "&", "<", "\"", "'", "=",
      "/", "<font size=3>", "<frameset>", "<plaintext>", "<listing>", "<noframes>",
  };
  std::mt19937 rng(20261201);
  std::uniform_int_distribution<size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(1, 60);
  for (int round = 0; round < 3000; ++round) {
    std::string html;
    for (int k = length(rng); k > 0; --k) html += pieces[pick(rng)];
    INFO("round " << round << ": " << Visible(html));
    CheckSameTree(html);
  }
}

// Real pages, read at run time only; skipped where the corpus is absent.
TEST_CASE("Parse: corpus pages parse to gumbo_parse's tree", "[parse][corpus]") {
  const int pages = testing::ForEachSnapshotPage([&](const fs::path& path, const std::string& page) {
    INFO(path.string());
    CheckSameTree(page);
  });
  if (pages == 0) WARN("corpus not found at " << testing::SnapshotDir().string() << "; skipping");
}

}  // namespace pw::extract
