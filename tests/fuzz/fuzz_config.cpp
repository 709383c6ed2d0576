// Fuzz target: the configuration loader: YAML/JSON parsing with positions, validation against
// verity's config schema, collection schema loading, the links section (regular expressions,
// status ranges, durations). Property: any input is a Config or a ConfigError, never a crash.
#include "config/config.hpp"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("verity-fuzz-config-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d;
  }();
  const fs::path file = dir / "verity.yaml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    verity::config::Config cfg = verity::config::load_config(file, {});
    if (cfg.links.per_host == 0 || cfg.linkrot.failures_to_broken < 1) {
      __builtin_trap(); // the schema's minimums must hold for every accepted config
    }
  } catch (const verity::config::ConfigError& e) {
    if (e.messages().empty()) {
      __builtin_trap(); // every refusal says why
    }
  }
  return 0;
}
