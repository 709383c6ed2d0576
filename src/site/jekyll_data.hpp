// A document's data as Jekyll reads it: the front matter as YAML 1.1 sees it (a plain `no` is
// false), and the small Ruby conversions Document and Page apply to it (categories, published).
#pragma once

#include "verity/document.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace verity::site {

// Utils.has_yaml_header?: the first line matches \A---\s*\r?\n.
bool has_yaml_header(std::string_view bytes);

// The front matter of a parsed document as Jekyll reads it ({} when it has none or it could
// not be parsed, as Jekyll then uses {}). `plain_date` (optional) is set when `date` is written
// as a plain YAML scalar, which Psych reads as a Time itself.
nlohmann::json jekyll_front_matter(const Document& doc, bool* plain_date);

// Only the keys that decide an item's URL and whether it is output (date, slug, permalink,
// categories, category, published): what ItemResolver reads, without copying the rest.
nlohmann::json jekyll_url_front_matter(const Document& doc, bool* plain_date);

// Parses `bytes` (the file at `path`) and returns jekyll_front_matter of it.
nlohmann::json jekyll_front_matter(std::string bytes, const std::string& path, bool* plain_date);

// Ruby's `Array(x).map(&:to_s)` for a category value, and String#split for a string.
std::vector<std::string> words(const nlohmann::json& v);

// Appends the members of `more` that `into` does not have yet.
void append_unique(std::vector<std::string>& into, const std::vector<std::string>& more);

// Document#merge_categories!: a categories string is split, and unioned with those so far;
// then `other` is deep-merged over `data`.
void merge_categories(nlohmann::json& data, nlohmann::json other);

// True when `published` is the boolean false.
bool published_false(const nlohmann::json& data);

// A key's value as Liquid would print it; nullopt when missing or null.
std::optional<std::string> string_value(const nlohmann::json& data, const char* key);

} // namespace verity::site
