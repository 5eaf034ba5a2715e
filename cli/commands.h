// Entry points and option sets of the built commands (one file each: cmd_<name>.cpp).
#pragma once

#include <boost/program_options.hpp>

namespace pw::cli {

namespace po = boost::program_options;

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

void TestChannelOptions(po::options_description& desc, po::positional_options_description& pos);
int RunTestChannel(const po::variables_map& vm);

}  // namespace pw::cli
