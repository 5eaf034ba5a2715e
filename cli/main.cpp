// policywatch: one binary, subcommands dispatched through Boost.Program_options.
#include <malloc.h>

#include <cstdio>
#include <iostream>
#include <string>

#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "util/log.h"

namespace pw::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

void PrintUsage(std::ostream& out) {
  out << "usage: policywatch [--version] [--help] COMMAND [OPTIONS]\n\n"
         "Watches privacy policies and terms of service; alerts when a change matters.\n\n"
         "commands:\n";
  for (const auto& c : Commands()) {
    std::string left = "  " + c.synopsis;
    if (left.size() < 48) left.resize(48, ' ');
    else left += "  ";
    out << left << c.summary << "\n";
  }
  out << "\nRun 'policywatch COMMAND --help' for a command's options.\n";
}

void AddCommonOptions(po::options_description& desc) {
  desc.add_options()
      ("help,h", "show this help")
      ("config", po::value<std::string>()->value_name("PATH")
           ->default_value("/etc/policywatch/policywatch.toml"), "configuration file")
      ("db", po::value<std::string>()->value_name("PATH"),
           "database file (default: [daemon] database of the config)")
      ("format", po::value<std::string>()->value_name("FMT")->default_value("text"),
           "output format: text, json, markdown or html")
      ("log-level", po::value<std::string>()->value_name("LEVEL")->default_value("info"),
           "trace, debug, info, warn, error, critical or off");
}

int RunCommand(const Command& command, int argc, char** argv) {
  po::options_description desc("options for 'policywatch " + command.name + "'");
  po::positional_options_description positional;
  AddCommonOptions(desc);
  if (command.options) command.options(desc, positional);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).positional(positional).run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "policywatch " << command.name << ": " << e.what() << "\n"
              << "usage: policywatch " << command.synopsis << " [OPTIONS]\n"
              << "Run 'policywatch " << command.name << " --help' for the options.\n";
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << "usage: policywatch " << command.synopsis << " [OPTIONS]\n\n"
              << command.summary << ".\n\n"
              << desc << "\n";
    return kExitOk;
  }
  Status log = SetupLogging(vm["log-level"].as<std::string>());
  if (!log.ok()) {
    std::cerr << "policywatch " << command.name << ": " << log.message() << "\n";
    return kExitUsage;
  }
  try {
    return command.run(vm);
  } catch (const std::exception& e) {
    spdlog::critical("{}: {}", command.name, e.what());
    return kExitFailure;
  }
}

}  // namespace
}  // namespace pw::cli

int main(int argc, char** argv) {
  using namespace pw::cli;
  // Every check allocates and frees a page-sized body (tens to hundreds of KB)
  // several times. With glibc's defaults each free at the top of the heap gives
  // the memory back (brk) and the next check faults it in again: measured at a
  // fifth of the CPU of an unchanged cycle (bench/daemon). Keep up to 8 MiB of
  // free heap instead, and grow it in 1 MiB steps.
  mallopt(M_TRIM_THRESHOLD, 8 << 20);
  mallopt(M_TOP_PAD, 1 << 20);
  if (argc < 2) {
    PrintUsage(std::cerr);
    return kExitUsage;
  }
  std::string first = argv[1];
  if (first == "--version" || first == "-V") {
    std::cout << "policywatch " << kVersion << "\n";
    return kExitOk;
  }
  if (first == "--help" || first == "-h" || first == "help") {
    PrintUsage(std::cout);
    return kExitOk;
  }
  for (const auto& command : Commands()) {
    if (command.name == first) return RunCommand(command, argc - 1, argv + 1);
  }
  std::cerr << "policywatch: unknown command '" << first << "'\n\n";
  PrintUsage(std::cerr);
  return kExitUsage;
}
