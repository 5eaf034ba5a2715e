// A subcommand of the `policywatch` binary: its options and what it runs.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace pw::cli {

namespace po = boost::program_options;

// Exit codes shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // the command ran and found a problem
constexpr int kExitUsage = 2;    // bad command line, or capability not built

struct Command {
  std::string name;
  std::string synopsis;  // "check [COMPANY[/TYPE]]"
  std::string summary;   // one line for the usage listing
  // Adds the command's own options and positionals (common ones are added for it).
  std::function<void(po::options_description&, po::positional_options_description&)> options;
  // Runs the command; empty when the capability is not built in this version.
  std::function<int(const po::variables_map&)> run;
};

// Every command, in the order of SPEC.md.
const std::vector<Command>& Commands();

}  // namespace pw::cli
