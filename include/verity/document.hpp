// Document: one file of the site after framing and YAML conversion. Owns its bytes; every check
// reads it, none changes it.
#pragma once

#include "verity/source_map.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace verity {

// Values a document gets from outside its own front matter: the `defaults:` of _config.yml that
// apply to it, as Jekyll merges them under the front matter. Where each value is written, so a
// finding on a value that came from there can point at it.
struct DefaultValues {
  nlohmann::json values = nlohmann::json::object();
  std::string file;                         // "_config.yml"
  std::map<std::string, Position> origins; // JSON Pointer into `values` -> where it is written
};

struct Document {
  std::string path; // relative to the site root, '/' separators
  std::filesystem::path absolute_path;
  std::string collection; // the collection name from the config
  std::string bytes;      // the whole file as read
  bool has_front_matter = false;
  bool parsed = false; // true when `data` holds the converted front matter
  // Well-formed YAML whose root is a list or a scalar: Jekyll stops the build on it.
  bool non_mapping_root = false;
  nlohmann::json data = nlohmann::json::object();
  SourceMap map;
  size_t body_offset = 0; // first byte after the closing front-matter line
  // Pointers whose value was refused (alias, tag): no schema findings there.
  std::vector<std::string> refused;
  // Pointers whose key appeared twice (the first value is kept).
  std::vector<std::string> duplicates;

  std::string_view body() const {
    return body_offset <= bytes.size() ? std::string_view(bytes).substr(body_offset)
                                       : std::string_view();
  }
};

} // namespace verity
