// XML text for the Atom feeds. Internal to web/.
#pragma once

#include <string>
#include <string_view>

namespace pw::web {

// `text` safe as XML 1.0 character data and inside a double-quoted attribute:
// & < > " as references; characters XML 1.0 does not allow (C0 controls other
// than tab, LF and CR; U+FFFE, U+FFFF) dropped; bytes that are not UTF-8 read
// as U+FFFD. A policy's text may hold any of these.
std::string XmlEscape(std::string_view text);

}  // namespace pw::web
