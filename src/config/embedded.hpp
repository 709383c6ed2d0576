// Files compiled into the binary (see cmake/EmbedFiles.cmake): the built-in configuration and
// schemas, and the JSON Schema of verity.yaml.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace verity::embedded {

struct File {
  std::string_view
      path; // relative to the project root, e.g. "src/config/defaults/news.schema.yaml"
  std::string_view content;
};

const std::vector<File>& files();

// The content of the embedded file whose path ends with `/name`; nullopt when there is none.
std::optional<std::string_view> find(std::string_view name);

} // namespace verity::embedded
