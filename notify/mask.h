// Keeping a channel's secrets out of text meant for people: logs, stored delivery
// errors and every command's output (`test-channel`, `status`, ...).
#pragma once

#include <string>

#include "config/config.h"

namespace pw::notify {

// `text` with every occurrence of the channel's secrets replaced by "***": its
// SMTP password, its webhook secret, its Matrix token and a chat service's
// webhook URL (and that URL's path) as written, and the password as it travels
// in SMTP AUTH, base64-encoded (AUTH LOGIN: the password alone; AUTH PLAIN:
// "\0username\0password"), since a server may echo what it received. Longer forms
// are masked first, so no part of one is left behind by masking another.
std::string MaskSecrets(std::string text, const config::Channel& channel);

// The same for the secrets of every channel of `config`.
std::string MaskSecrets(std::string text, const config::Config& config);

}  // namespace pw::notify
