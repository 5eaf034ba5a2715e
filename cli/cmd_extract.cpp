// policywatch extract FILE|URL... : extraction only, to tune selectors or in bulk.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "cli/support.h"
#include "extract/canonical.h"

namespace pw::cli {

void ExtractOptions(po::options_description& desc, po::positional_options_description& pos) {
  desc.add_options()
      ("input", po::value<std::vector<std::string>>()->value_name("FILE|URL"), "inputs")
      ("select", po::value<std::vector<std::string>>()->value_name("CSS"),
           "keep only what these selectors match (repeatable)")
      ("remove", po::value<std::vector<std::string>>()->value_name("CSS"),
           "drop what these selectors match (repeatable)")
      ("output-dir", po::value<std::string>()->value_name("DIR"),
           "write one file per input into DIR instead of printing");
  AddRenderOptions(desc);
  pos.add("input", -1);
}

namespace {

// A file name for an input's output: its base name, or the URL made safe.
std::string OutputName(const std::string& input, const std::string& extension) {
  std::string base;
  if (input.find("://") != std::string::npos) {
    base = input.substr(input.find("://") + 3);
  } else {
    base = std::filesystem::path(input).stem().string();
  }
  for (char& c : base) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) c = '_';
  }
  if (base.empty()) base = "output";
  return base + extension;
}

}  // namespace

int RunExtract(const po::variables_map& vm) {
  if (!vm.count("input")) {
    std::cerr << "policywatch extract: name at least one FILE or URL\n";
    return kExitUsage;
  }
  auto format = FormatOption(vm, {"text", "markdown", "json"}, "extract");
  if (!format) return kExitUsage;
  const bool json = *format == "json";
  InputOptions input_options;
  if (!ReadInputOptions(vm, "extract", &input_options)) return kExitUsage;
  std::string out_dir = vm.count("output-dir") ? vm["output-dir"].as<std::string>() : "";
  if (!out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) {
      std::cerr << "policywatch extract: " << out_dir << ": " << ec.message() << "\n";
      return kExitFailure;
    }
  }

  int failures = 0;
  std::set<std::string> used_names;
  const auto& inputs = vm["input"].as<std::vector<std::string>>();
  for (const auto& input : inputs) {
    extract::Document doc;
    Status s = ExtractInput(input, input_options, &doc);
    if (!s.ok()) {
      std::cerr << "policywatch extract: " << s.message() << "\n";
      ++failures;
      continue;
    }
    std::string text = json ? extract::ToJson(doc).dump(2) + "\n" : extract::ToMarkdown(doc);
    if (out_dir.empty()) {
      std::cout << text;
      continue;
    }
    // Inputs with the same base name (a/index.html, b/index.html) get -2, -3, ...
    std::string name = OutputName(input, "");
    std::string unique = name;
    for (int n = 2; !used_names.insert(unique).second; ++n) unique = name + "-" + std::to_string(n);
    auto path = std::filesystem::path(out_dir) / (unique + (json ? ".json" : ".md"));
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) {
      std::cerr << "policywatch extract: " << path.string() << ": cannot write\n";
      ++failures;
    }
  }
  if (!out_dir.empty()) {
    std::cerr << "extracted " << (inputs.size() - failures) << " of " << inputs.size()
              << " inputs into " << out_dir << "\n";
  }
  return failures ? kExitFailure : kExitOk;
}

}  // namespace pw::cli
