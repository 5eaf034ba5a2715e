// Entry points of the built commands (one file each: cmd_<name>.cpp).
#pragma once

#include <boost/program_options.hpp>

namespace pw::cli {

int RunValidate(const boost::program_options::variables_map& vm);

}  // namespace pw::cli
