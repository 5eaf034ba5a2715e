#include "notify/mask.h"

#include <openssl/evp.h>

#include <algorithm>
#include <vector>

namespace pw::notify {
namespace {

std::string Base64(const std::string& data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(data.data()),
                                static_cast<int>(data.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

// Adds the forms in which the channel's secrets may come back.
void AddSecretForms(const config::Channel& channel, std::vector<std::string>* forms) {
  for (const std::string* secret : {&channel.password, &channel.secret, &channel.token}) {
    if (secret->empty()) continue;
    forms->push_back(*secret);
    forms->push_back(Base64(*secret));
  }
  // A chat service's incoming-webhook URL is a credential: the whole URL, and its
  // path (where the token is) when it is long enough not to be a common word.
  if (config::IsChatChannel(channel.type) && !channel.url.empty()) {
    forms->push_back(channel.url);
    const size_t scheme = channel.url.find("://");
    const size_t path = channel.url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (path != std::string::npos && channel.url.size() - path >= 12) {
      forms->push_back(channel.url.substr(path));
    }
  }
  if (!channel.password.empty()) {
    forms->push_back(Base64(std::string(1, '\0') + channel.username + '\0' + channel.password));
  }
}

// Replaces every form by "***", longest first.
std::string MaskForms(std::string text, std::vector<std::string> forms) {
  std::stable_sort(forms.begin(), forms.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& form : forms) {
    for (size_t pos = text.find(form); pos != std::string::npos; pos = text.find(form, pos)) {
      text.replace(pos, form.size(), "***");
      pos += 3;
    }
  }
  return text;
}

}  // namespace

std::string MaskSecrets(std::string text, const config::Channel& channel) {
  std::vector<std::string> forms;
  AddSecretForms(channel, &forms);
  return MaskForms(std::move(text), std::move(forms));
}

std::string MaskSecrets(std::string text, const config::Config& config) {
  std::vector<std::string> forms;
  for (const config::Channel& channel : config.channels) AddSecretForms(channel, &forms);
  return MaskForms(std::move(text), std::move(forms));
}

}  // namespace pw::notify
