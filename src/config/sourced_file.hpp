// Reading verity's own configuration inputs (verity.yaml, schema files, the built-in ones): at
// most 1 MiB, UTF-8, YAML (or JSON by extension) with positions, and every mistake a ConfigError
// naming file:line:col.
#pragma once

#include "config/config.hpp"
#include "verity/source_map.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace verity::config {

inline constexpr std::uint64_t k_max_config_bytes = 1 << 20;
inline constexpr std::string_view k_builtin = "builtin:"; // prefix of a built-in schema's name

// A YAML or JSON document loaded with positions, for config and schema files.
struct SourcedJson {
  nlohmann::json value;
  SourceMap map;
};

// "file:line:col", or the file alone for no position.
std::string at(const std::string& file, Position pos);

// "name:line:col" of a byte offset in `text` (columns in bytes: the text may not be UTF-8).
std::string at_offset(const std::string& name, std::string_view text, size_t offset);

SourcedJson parse_yaml_text(std::string_view text, const std::string& name);

// The file's text: at most k_max_config_bytes, valid UTF-8.
std::string read_text(const std::filesystem::path& path);

// JSON when the name ends in .json, YAML otherwise.
SourcedJson parse_file(const std::filesystem::path& path, std::string_view text);

} // namespace verity::config
