// Fuzz target: the _config.yml reader of the site model (src/site/config_yaml, site_config):
// YAML with anchors, aliases and merge keys expanded under a bound, then Jekyll's defaults
// applied. Property: every input is a configuration or positioned errors with a message, the
// expansion bound holds, and the settings reader never throws.
#include "site/config_yaml.hpp"
#include "site/site_config.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  verity::site::ConfigYamlLimits limits;
  limits.max_values = 20000;
  verity::site::ConfigYaml yaml = verity::site::parse_config_yaml(text, limits);
  if (yaml.ok != yaml.errors.empty() || !yaml.value.is_object()) {
    __builtin_trap(); // ok exactly when there is no error, and the root is always a mapping
  }
  for (const auto& e : yaml.errors) {
    if (e.message.empty()) {
      __builtin_trap(); // every refusal says why
    }
  }
  std::vector<verity::site::ConfigProblem> problems;
  verity::site::SiteConfig config =
      verity::site::site_config_from_json(yaml.value, yaml.map, "_config.yml", problems);
  if (config.collections.count("posts") == 0 || !config.collections.at("posts").output) {
    __builtin_trap(); // posts always exist and are always written
  }
  return 0;
}
