// The subcommands of the `policywatch` binary: the exit codes they share, the
// command table main() dispatches through, and each command's options and entry
// point (one file each: cmd_<name>.cpp).
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
constexpr int kExitUsage = 2;    // bad command line

// One subcommand: its names, its options and what it runs.
struct Command {
  std::string name;
  std::string synopsis;  // "check [COMPANY[/TYPE]]"
  std::string summary;   // one line for the usage listing
  // Adds the command's own options and positionals (common ones are added for it).
  std::function<void(po::options_description&, po::positional_options_description&)> options;
  // Runs the command.
  std::function<int(const po::variables_map&)> run;
};

// Every command, in the order of SPEC.md (commands.cpp).
const std::vector<Command>& Commands();

// --- The commands' options and entry points. ---

int RunValidate(const po::variables_map& vm);

void CheckOptions(po::options_description& desc, po::positional_options_description& pos);
int RunCheck(const po::variables_map& vm);

void StatusOptions(po::options_description& desc, po::positional_options_description& pos);
int RunStatus(const po::variables_map& vm);

void HistoryOptions(po::options_description& desc, po::positional_options_description& pos);
int RunHistory(const po::variables_map& vm);

void ShowOptions(po::options_description& desc, po::positional_options_description& pos);
int RunShow(const po::variables_map& vm);

void DiffOptions(po::options_description& desc, po::positional_options_description& pos);
int RunDiff(const po::variables_map& vm);

void ExtractOptions(po::options_description& desc, po::positional_options_description& pos);
int RunExtract(const po::variables_map& vm);

void RunOptions(po::options_description& desc, po::positional_options_description& pos);
int RunRun(const po::variables_map& vm);

void ServeOptions(po::options_description& desc, po::positional_options_description& pos);
int RunServe(const po::variables_map& vm);

void TestChannelOptions(po::options_description& desc, po::positional_options_description& pos);
int RunTestChannel(const po::variables_map& vm);

void ReextractOptions(po::options_description& desc, po::positional_options_description& pos);
int RunReextract(const po::variables_map& vm);

void ExportOptions(po::options_description& desc, po::positional_options_description& pos);
int RunExport(const po::variables_map& vm);

void ImportOptions(po::options_description& desc, po::positional_options_description& pos);
int RunImport(const po::variables_map& vm);

}  // namespace pw::cli
