// What the writing commands (check, reextract) share: the store opened for
// writing and the configured documents a COMPANY[/TYPE] argument names
// (defined in cmd_check.cpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "check/check.h"
#include "config/config.h"
#include "store/store.h"

namespace pw::cli {

// Opens the store for writing (--db, else the config's database), creating its
// folder; prints the error, naming `command`, and returns nullptr on failure.
std::unique_ptr<store::Store> OpenStoreForWriting(const boost::program_options::variables_map& vm,
                                                  const config::Config& config,
                                                  const char* command);

// The configured documents that `filter` (COMPANY or COMPANY/TYPE, or empty: all) names.
std::vector<check::Target> SelectTargets(const config::Config& config, const std::string& filter);

// The documents the command's "target" argument names (all without one); when
// it names none, prints so, naming `command`, and returns an empty list.
std::vector<check::Target> TargetsOrReport(const boost::program_options::variables_map& vm,
                                           const config::Config& config, const char* command);

}  // namespace pw::cli
