#include "site/jekyll_data.hpp"

#include "frontmatter/loader.hpp"
#include "frontmatter/source_text.hpp"
#include "site/config_yaml.hpp"
#include "site/defaults.hpp"

#include <algorithm>

namespace verity::site {

bool has_yaml_header(std::string_view bytes) {
  if (!bytes.starts_with("---")) {
    return false;
  }
  size_t nl = bytes.find('\n');
  if (nl == std::string_view::npos) {
    return false;
  }
  for (size_t i = 3; i < nl; ++i) {
    char c = bytes[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') {
      return false;
    }
  }
  return true;
}

namespace {

nlohmann::json as_jekyll_reads(const Document& doc, nlohmann::json data, bool* plain_date);

} // namespace

nlohmann::json jekyll_front_matter(const Document& doc, bool* plain_date) {
  if (doc.non_mapping_root) {
    return nlohmann::json::array(); // not a Hash: ItemResolver says the build stops
  }
  if (!doc.parsed || !doc.data.is_object()) {
    return nlohmann::json::object();
  }
  return as_jekyll_reads(doc, doc.data, plain_date);
}

nlohmann::json jekyll_url_front_matter(const Document& doc, bool* plain_date) {
  if (!doc.parsed || !doc.data.is_object()) {
    return nlohmann::json::object();
  }
  nlohmann::json data = nlohmann::json::object();
  for (const char* key : {"date", "slug", "permalink", "categories", "category", "published"}) {
    if (auto it = doc.data.find(key); it != doc.data.end()) {
      data[key] = *it;
    }
  }
  return as_jekyll_reads(doc, std::move(data), plain_date);
}

namespace {

nlohmann::json as_jekyll_reads(const Document& doc, nlohmann::json data, bool* plain_date) {
  // Jekyll reads front matter as YAML 1.1: a plain `published: no` is false there.
  for (auto& [key, value] : data.items()) {
    if (!value.is_string()) {
      continue;
    }
    std::string_view raw =
        frontmatter::rest_of_line(doc, doc.map.find("/" + escape_pointer_token(key)).value);
    if (auto b = psych_boolean(value.get<std::string>());
        b && raw.starts_with(value.get<std::string>())) {
      value = *b;
    }
  }
  if (plain_date && data.contains("date")) {
    std::string_view rest = frontmatter::rest_of_line(doc, doc.map.find("/date").value);
    *plain_date = !rest.empty() && rest[0] != '"' && rest[0] != '\'';
  }
  return data;
}

} // namespace

nlohmann::json jekyll_front_matter(std::string bytes, const std::string& path, bool* plain_date) {
  frontmatter::LoadOptions options;
  options.front_matter_required = false;
  Findings ignored; // `verity check` reports these; the site model only needs the values
  Document doc = frontmatter::parse_document(std::move(bytes), path, options, ignored);
  return jekyll_front_matter(doc, plain_date);
}

std::vector<std::string> words(const nlohmann::json& v) {
  std::vector<std::string> out;
  auto text = [](const nlohmann::json& x) {
    return x.is_string() ? x.get<std::string>() : x.dump();
  };
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    size_t i = 0;
    while (i < s.size()) {
      size_t start = s.find_first_not_of(" \t\r\n\f\v", i);
      if (start == std::string::npos) {
        break;
      }
      size_t end = s.find_first_of(" \t\r\n\f\v", start);
      out.push_back(s.substr(start, end == std::string::npos ? end : end - start));
      i = end == std::string::npos ? s.size() : end;
    }
  } else if (v.is_array()) {
    for (const auto& x : v) {
      if (!x.is_null()) {
        out.push_back(text(x));
      }
    }
  } else if (!v.is_null()) {
    out.push_back(text(v));
  }
  return out;
}

void append_unique(std::vector<std::string>& into, const std::vector<std::string>& more) {
  for (const auto& m : more) {
    if (std::find(into.begin(), into.end(), m) == into.end()) {
      into.push_back(m);
    }
  }
}

void merge_categories(nlohmann::json& data, nlohmann::json other) {
  if (other.contains("categories") && !other["categories"].is_null()) {
    std::vector<std::string> merged;
    if (data.contains("categories") && data["categories"].is_array()) {
      merged = words(data["categories"]);
    }
    append_unique(merged, words(other["categories"]));
    other["categories"] = merged;
  }
  data = deep_merge(std::move(data), other);
}

bool published_false(const nlohmann::json& data) {
  auto it = data.find("published");
  return it != data.end() && it->is_boolean() && !it->get<bool>();
}

std::optional<std::string> string_value(const nlohmann::json& data, const char* key) {
  auto it = data.find(key);
  if (it == data.end() || it->is_null()) {
    return std::nullopt;
  }
  return it->is_string() ? it->get<std::string>() : it->dump();
}

} // namespace verity::site
