// The trust boundary of a configuration. On a pull request everything in the checkout is the
// author's, verity.yaml included: a config file inside the checked tree may restrict what verity
// does, never widen it. Widening (the network, private addresses, higher limits, faster or
// harder-hitting link checks, paths outside the site root) needs the command line, the
// environment, or a config given with --trusted-config (kept outside the checkout, e.g. taken
// from the base branch).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace verity::config {

struct Trust {
  // true for --trusted-config (and the built-in default): the file may widen.
  bool trusted = false;
  // --limit NAME=VALUE: resource limits raised (or lowered) from the command line.
  std::map<std::string, std::uint64_t> limits;
};

// One message ("file:line:col: what, and what to do") for every setting in `config` (valid against
// verity's config schema) that would widen what verity does beyond the built-in defaults.
// `where(pointer)` names the position of a value.
std::vector<std::string>
widening_settings(const nlohmann::json& config,
                  const std::function<std::string(const std::string&)>& where);

// The names --limit accepts, in the order `--help` lists them.
const std::vector<std::string>& limit_names();

} // namespace verity::config
