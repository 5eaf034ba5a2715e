// policywatch validate: load the configuration, print a summary or every error.
#include <iostream>

#include "cli/commands.h"
#include "config/config.h"

namespace pw::cli {

int RunValidate(const po::variables_map& vm) {
  const std::string path = vm["config"].as<std::string>();
  config::LoadResult result = config::LoadConfig(path);
  if (!result.ok()) {
    for (const auto& e : result.errors) std::cerr << e.ToString() << "\n";
    std::cerr << path << ": " << result.errors.size() << " error"
              << (result.errors.size() == 1 ? "" : "s") << "\n";
    return kExitFailure;
  }
  size_t documents = 0;
  for (const auto& c : result.config.companies) documents += c.documents.size();
  std::cout << path << ": ok: " << result.config.companies.size() << " compan"
            << (result.config.companies.size() == 1 ? "y" : "ies") << ", " << documents
            << " document" << (documents == 1 ? "" : "s") << ", "
            << result.config.channels.size() << " channel"
            << (result.config.channels.size() == 1 ? "" : "s") << "\n";
  return kExitOk;
}

}  // namespace pw::cli
