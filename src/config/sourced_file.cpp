#include "config/sourced_file.hpp"

#include "frontmatter/yaml_to_json.hpp"
#include "util/file.hpp"
#include "util/utf8.hpp"

namespace verity::config {
namespace fs = std::filesystem;

std::string at(const std::string& file, Position pos) {
  if (pos.line <= 0) {
    return file;
  }
  return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

SourcedJson parse_yaml_text(std::string_view text, const std::string& name) {
  frontmatter::Conversion conv = frontmatter::yaml_to_json(text, {}, true);
  std::vector<std::string> errors;
  for (const auto& issue : conv.issues) {
    if (issue.severity == Severity::Error) {
      errors.push_back(at(name, issue.position) + ": " + issue.message);
    }
  }
  if (!conv.ok && errors.empty()) {
    errors.push_back(name + ": cannot parse the file as YAML");
  }
  if (!errors.empty()) {
    throw ConfigError(errors);
  }
  return {std::move(conv.value), std::move(conv.map)};
}

std::string at_offset(const std::string& name, std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1, col = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return name + ":" + std::to_string(line) + ":" + std::to_string(col);
}

std::string read_text(const fs::path& path) {
  util::ReadResult r = util::read_file(path, k_max_config_bytes);
  if (r.status == util::ReadResult::Status::TooLarge) {
    throw ConfigError({path.string() + ": file is larger than 1 MiB"});
  }
  if (r.status != util::ReadResult::Status::Ok) {
    throw ConfigError({path.string() + ": cannot read: " + r.error});
  }
  size_t bad = 0;
  if (!util::is_valid_utf8(r.bytes, &bad)) {
    throw ConfigError(
        {at_offset(path.string(), r.bytes, bad) + ": not valid UTF-8: save the file as UTF-8"});
  }
  return std::move(r.bytes);
}

SourcedJson parse_file(const fs::path& path, std::string_view text) {
  std::string name = path.string();
  if (path.extension() == ".json") {
    try {
      return {nlohmann::json::parse(text), {}};
    } catch (const nlohmann::json::parse_error& e) {
      // e.byte is one past the offending byte.
      throw ConfigError(
          {at_offset(name, text, e.byte > 0 ? e.byte - 1 : 0) + ": invalid JSON: " + e.what()});
    }
  }
  return parse_yaml_text(text, name);
}

} // namespace verity::config
