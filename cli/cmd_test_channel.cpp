// policywatch test-channel NAME: a clearly marked test message through one channel.
#include <iostream>

#include "cli/commands.h"
#include "cli/support.h"
#include "notify/test_channel.h"

namespace pw::cli {

void TestChannelOptions(po::options_description& desc, po::positional_options_description& pos) {
  desc.add_options()("channel", po::value<std::string>()->value_name("NAME"),
                     "the [[channel]] to test");
  pos.add("channel", 1);
}

int RunTestChannel(const po::variables_map& vm) {
  if (!vm.count("channel")) {
    std::cerr << "policywatch test-channel: name the channel to test\n";
    return kExitUsage;
  }
  auto config = LoadConfigOrReport(vm);
  if (!config) return kExitFailure;
  const std::string name = vm["channel"].as<std::string>();
  const config::Channel* channel = config->FindChannel(name);
  if (channel == nullptr) {
    std::cerr << "policywatch test-channel: no channel named '" << name << "' in "
              << config->path << "\n";
    return kExitUsage;
  }
  std::string answer;
  Status s = notify::SendTest(*channel, &answer);
  if (!s.ok()) {
    std::cerr << "policywatch test-channel: " << s.message() << "\n";
    return kExitFailure;
  }
  std::cout << "test message sent through channel '" << name << "' (" << channel->type
            << "): " << answer << "\n";
  return kExitOk;
}

}  // namespace pw::cli
