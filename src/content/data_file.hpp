// _data files as Jekyll's DataReader reads them: YAML (.yml, .yaml), JSON (.json), CSV (.csv) and
// TSV (.tsv). A file it cannot parse stops `jekyll build`, so each gets a finding with the
// line:col where parsing failed. Only syntax: a data file has no schema yet.
#pragma once

#include "frontmatter/yaml_to_json.hpp"
#include "verity/finding.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace verity::content {

// One field of a CSV or TSV file: its text (quotes removed, "" read as ") and the offset of its
// first byte (its opening quote, when quoted).
struct CsvCell {
  std::string value;
  size_t offset = 0;
};

// The rows of a CSV/TSV file as Ruby's CSV reads them (a quoted field must close and be followed
// by the separator or the line's end; no quote inside an unquoted field), or where it stops.
struct CsvTable {
  std::vector<std::vector<CsvCell>> rows;
  std::optional<std::pair<size_t, std::string>> error; // byte offset, message
};
CsvTable read_csv(std::string_view bytes, char separator);

// The extension of a file name, lower-cased ("yml", "json", ...); "" for none or a dot file.
std::string data_file_extension(std::string_view path);

// True for a name DataReader parses (by its extension, case-insensitively).
bool is_data_file_name(std::string_view path);

// The findings for the data file `path` (site-relative) whose content is `bytes`. `yaml`: the
// conversion of a YAML file's bytes when the caller has it (so a file is parsed once), or null.
Findings check_data_file(const std::string& path, std::string_view bytes,
                         const frontmatter::Conversion* yaml = nullptr);

} // namespace verity::content
