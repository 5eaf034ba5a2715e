// policywatch diff COMPANY/TYPE [FROM [TO]] | diff --files OLD NEW
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/support.h"
#include "diff/diff.h"
#include "diff/changeset_render.h"
#include "extract/canonical.h"
#include "extract/sections_json.h"

namespace pw::cli {

void DiffOptions(po::options_description& desc, po::positional_options_description& pos) {
  desc.add_options()
      ("args", po::value<std::vector<std::string>>()->value_name("ARG"),
           "COMPANY/TYPE [FROM [TO]], or OLD NEW with --files")
      ("files", "compare two local files or URLs (HTML, Markdown, plain text or PDF)")
      ("select", po::value<std::vector<std::string>>()->value_name("CSS"),
           "with --files: keep only what these selectors match (repeatable)")
      ("remove", po::value<std::vector<std::string>>()->value_name("CSS"),
           "with --files: drop what these selectors match (repeatable)");
  AddRenderOptions(desc);
  pos.add("args", -1);
}

namespace {

// The first lines a reader decides from: the strongest reason, and when the
// change takes effect (the JSON carries both as fields).
std::string Lead(const diff::Changeset& changeset) {
  std::string out;
  if (const std::string why = diff::Headline(changeset); !why.empty()) {
    out += "why: " + why + "\n";
  }
  if (const std::string when = diff::EffectiveLine(changeset); !when.empty()) out += when + "\n";
  return out;
}

// Which of the two stored versions compared are technical (re-derived by
// `reextract`, never alerted); ids 0 for files (the JSON then has no "technical").
struct Sides {
  std::int64_t from = 0, to = 0;
  bool from_technical = false, to_technical = false;
};

// "note: version 7 is technical ..." when either side is; "" otherwise.
std::string TechnicalNote(const Sides& sides) {
  std::string which;
  if (sides.from_technical) which = "version " + std::to_string(sides.from);
  if (sides.to_technical) {
    which += (which.empty() ? "version " : " and version ") + std::to_string(sides.to);
  }
  if (which.empty()) return "";
  return "note: " + which + (sides.from_technical && sides.to_technical ? " are" : " is") +
         " technical: re-derived from stored evidence with newer extraction rules or "
         "configuration (policywatch reextract), not fetched, never alerted\n";
}

void Print(const diff::Changeset& changeset, const std::string& format, const Sides& sides = {}) {
  const std::string note = TechnicalNote(sides);
  if (format == "json") {
    nlohmann::json out = diff::ToJson(changeset);
    if (sides.to != 0) out["technical"] = sides.from_technical || sides.to_technical;
    std::cout << out.dump(2) << "\n";
  } else if (format == "markdown") {
    const std::string lead = note + Lead(changeset);
    std::cout << diff::EscapeMarkdown(lead) << (lead.empty() ? "" : "\n") << diff::RenderMarkdown(changeset);
  } else if (format == "html") {
    std::cout << "<p>" << diff::EscapeHtml(note + Lead(changeset)) << "</p>\n"
              << diff::RenderHtml(changeset);
  } else {
    std::cout << note << Lead(changeset) << diff::RenderText(changeset, StdoutIsTerminal());
  }
}

bool ParseVersion(const std::string& text, std::int64_t* out) {
  try {
    size_t used = 0;
    long long v = std::stoll(text, &used);
    if (used != text.size() || v <= 0) return false;
    *out = v;
    return true;
  } catch (...) {
    return false;
  }
}

int DiffStored(const po::variables_map& vm, const std::vector<std::string>& args,
               const std::string& format) {
  std::string company, type;
  if (!SplitDocumentKey(args[0], &company, &type)) {
    std::cerr << "policywatch diff: '" << args[0] << "' is not COMPANY/TYPE\n";
    return kExitUsage;
  }
  std::int64_t from = 0, to = 0;
  if ((args.size() > 1 && !ParseVersion(args[1], &from)) ||
      (args.size() > 2 && !ParseVersion(args[2], &to))) {
    std::cerr << "policywatch diff: versions are positive numbers (see 'policywatch history "
              << args[0] << "')\n";
    return kExitUsage;
  }
  std::string db_path = DatabasePath(vm);
  if (db_path.empty()) return kExitFailure;
  std::unique_ptr<store::Store> store;
  Status s = OpenStoreForReading(db_path, &store);
  store::DocumentRow row;
  if (s.ok()) s = store->GetDocument(company, type, &row);
  std::vector<store::VersionInfo> versions;
  if (s.ok()) s = store->ListVersions(row.id, &versions);
  if (!s.ok()) {
    std::cerr << "policywatch diff: " << s.message() << "\n";
    return kExitFailure;
  }
  if (versions.size() < 2 && (from == 0 || to == 0)) {
    std::cerr << "policywatch diff: " << args[0] << " has " << versions.size()
              << " version" << (versions.size() == 1 ? "" : "s") << "; nothing to compare\n";
    return kExitFailure;
  }
  if (to == 0) to = versions.back().id;
  if (from == 0) {
    for (size_t i = 1; i < versions.size(); ++i) {
      if (versions[i].id == to) from = versions[i - 1].id;
    }
    if (from == 0) from = versions.front().id;
  }
  store::VersionRow a, b;
  s = store->GetVersion(row.id, from, &a);
  if (s.ok()) s = store->GetVersion(row.id, to, &b);
  if (!s.ok()) {
    std::cerr << "policywatch diff: " << s.message() << "\n";
    return kExitFailure;
  }
  extract::Document da, db;
  if (!extract::ReadSectionsJson(a.sections_json, &da) ||
      !extract::ReadSectionsJson(b.sections_json, &db)) {
    std::cerr << "policywatch diff: a stored section tree is unreadable\n";
    return kExitFailure;
  }
  const Sides sides{from, to, (a.info.flags & store::kVersionTechnical) != 0,
                    (b.info.flags & store::kVersionTechnical) != 0};
  Print(diff::Compare(da, db), format, sides);
  return kExitOk;
}

}  // namespace

int RunDiff(const po::variables_map& vm) {
  auto format = FormatOption(vm, {"text", "json", "markdown", "html"}, "diff");
  if (!format) return kExitUsage;
  std::vector<std::string> args =
      vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (vm.count("files")) {
    if (args.size() != 2) {
      std::cerr << "policywatch diff --files: name exactly two inputs, OLD and NEW\n";
      return kExitUsage;
    }
    InputOptions input_options;
    if (!ReadInputOptions(vm, "diff", &input_options)) return kExitUsage;
    extract::Document old_doc, new_doc;
    Status s = ExtractInput(args[0], input_options, &old_doc);
    if (s.ok()) s = ExtractInput(args[1], input_options, &new_doc);
    if (!s.ok()) {
      std::cerr << "policywatch diff: " << s.message() << "\n";
      return kExitFailure;
    }
    Print(diff::Compare(old_doc, new_doc), *format);
    return kExitOk;
  }
  if (args.empty() || args.size() > 3) {
    std::cerr << "policywatch diff: expected COMPANY/TYPE [FROM [TO]] or --files OLD NEW\n";
    return kExitUsage;
  }
  return DiffStored(vm, args, *format);
}

}  // namespace pw::cli
