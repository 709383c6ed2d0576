#include "engine/data_links.hpp"

#include "body/line_index.hpp"
#include "content/data_file.hpp"
#include "frontmatter/yaml_to_json.hpp"
#include "util/ascii.hpp"

#include <algorithm>
#include <optional>

namespace verity::engine {
namespace {

constexpr std::size_t k_max_url = 2048;
constexpr std::size_t k_max_references = 10000;

// What a key says its value is: a link, an image, or neither.
enum class KeyKind { None, Link, Image };

KeyKind key_kind(std::string_view key) {
  const std::string k = util::ascii_lower(std::string(key));
  for (std::string_view image : {"image", "img", "icon", "logo", "thumbnail", "avatar", "banner",
                                 "cover", "src", "picture", "photo"}) {
    if (k == image || k.ends_with("_" + std::string(image)))
      return KeyKind::Image;
  }
  for (std::string_view link : {"url", "href", "link", "permalink"}) {
    if (k == link || k.ends_with("_" + std::string(link)) || k.ends_with("-" + std::string(link)))
      return KeyKind::Link;
  }
  return KeyKind::None;
}

// The value as a site-absolute URL, or "" when it is not one of the site's.
std::string site_absolute(std::string_view value, std::string_view site_url) {
  if (value.size() > k_max_url || value.find_first_of(" \t\n\r") != std::string_view::npos)
    return {};
  if (value.size() >= 2 && value[0] == '/' && value[1] != '/')
    return std::string(value);
  if (value == "/")
    return "/";
  while (site_url.ends_with('/'))
    site_url.remove_suffix(1);
  if (!site_url.empty() && value.starts_with(site_url)) {
    std::string_view rest = value.substr(site_url.size());
    if (rest.empty())
      return "/";
    if (rest[0] == '/' || rest[0] == '#' || rest[0] == '?')
      return rest[0] == '/' ? std::string(rest) : "/" + std::string(rest);
  }
  return {};
}

void add_reference(const std::string& value, KeyKind kind, Position at, const std::string& path,
                   std::string_view site_url, std::vector<refs::Reference>& out) {
  std::string url = site_absolute(value, site_url);
  if (url.empty())
    return;
  refs::Reference ref;
  ref.kind = kind == KeyKind::Image ? refs::ReferenceKind::Image : refs::ReferenceKind::Link;
  ref.file = path;
  ref.raw = std::move(url);
  ref.origin.source = refs::Origin::Source::Body; // at a file position, as a body's are
  ref.origin.position = at;
  ref.element = ref.origin;
  ref.alt = ""; // data names the image; the page that shows it writes the alt
  out.push_back(std::move(ref));
}

void walk(const nlohmann::json& value, const std::string& pointer, KeyKind kind,
          const frontmatter::Conversion& c, const std::string& path, std::string_view site_url,
          std::vector<refs::Reference>& out) {
  if (out.size() >= k_max_references)
    return;
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      walk(it.value(), pointer + "/" + escape_pointer_token(it.key()), key_kind(it.key()), c, path,
           site_url, out);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) // a list under `links:` holds links
      walk(value[i], pointer + "/" + std::to_string(i), kind, c, path, site_url, out);
  } else if (value.is_string() && kind != KeyKind::None) {
    add_reference(value.get_ref<const std::string&>(), kind, c.map.find(pointer).value, path,
                  site_url, out);
  }
}

// A CSV or TSV file as Jekyll reads it (headers: true, so each row is a hash of its header's
// names): the cells under a header that names a link or an image.
void csv_references(std::string_view bytes, char separator, const std::string& path,
                    std::string_view site_url, std::vector<refs::Reference>& out) {
  content::CsvTable table = content::read_csv(bytes, separator);
  if (table.error || table.rows.empty())
    return;
  std::vector<KeyKind> kinds;
  for (const content::CsvCell& header : table.rows[0])
    kinds.push_back(key_kind(header.value));
  body::LineIndex lines(bytes);
  for (std::size_t r = 1; r < table.rows.size() && out.size() < k_max_references; ++r) {
    const std::vector<content::CsvCell>& row = table.rows[r];
    for (std::size_t i = 0; i < row.size() && i < kinds.size(); ++i) {
      if (kinds[i] != KeyKind::None)
        add_reference(row[i].value, kinds[i], lines.at(row[i].offset), path, site_url, out);
    }
  }
}

} // namespace

std::vector<refs::Reference> data_references(const std::string& path, std::string_view bytes,
                                             std::string_view site_url,
                                             const frontmatter::Conversion* yaml) {
  std::vector<refs::Reference> out;
  const std::string ext = content::data_file_extension(path);
  if (ext == "csv" || ext == "tsv") {
    csv_references(bytes, ext == "csv" ? ',' : '\t', path, site_url, out);
    return out;
  }
  if (ext != "yml" && ext != "yaml" && ext != "json")
    return out;
  // JSON is read by the YAML reader too (YAML 1.2 holds JSON): that gives its values positions,
  // which nlohmann's parser does not. A JSON file yaml-cpp cannot read gives no references; its
  // syntax check is content::check_data_file's.
  std::optional<frontmatter::Conversion> own;
  if (!yaml) {
    own = frontmatter::yaml_to_json(bytes, {}, true);
  }
  const frontmatter::Conversion& c = yaml ? *yaml : *own;
  if (!c.ok && !c.non_mapping_root)
    return out;
  walk(c.value, "", KeyKind::None, c, path, site_url, out);
  return out;
}

} // namespace verity::engine
