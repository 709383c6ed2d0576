// Ports of Page#template/#url/#destination, Document#url/#destination with Drops::UrlDrop,
// StaticFile#url and Renderer#output_ext.
#include "site/item_url.hpp"

#include "site/entry_filter.hpp"
#include "site/slugify.hpp"
#include "site/url.hpp"

#include <algorithm>
#include <set>

namespace verity::site {
namespace {

std::string strip_trailing_dots(std::string s) {
  while (!s.empty() && s.back() == '.') {
    s.pop_back();
  }
  return s;
}

std::string without_ext(std::string_view path) {
  std::string ext = extname(path);
  return std::string(path.substr(0, path.size() - ext.size()));
}

// Renderer#permalink_ext: the extension of a permalink that does not end in '/'.
std::optional<std::string> permalink_ext(const std::optional<std::string>& permalink) {
  if (!permalink || permalink->empty() || permalink->back() == '/') {
    return std::nullopt;
  }
  std::string ext = extname(*permalink);
  if (ext.empty()) {
    return std::nullopt;
  }
  return ext;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

} // namespace

std::string extname(std::string_view name) {
  std::string_view base = base_name(name);
  size_t first = base.find_first_not_of('.');
  if (first == std::string_view::npos) {
    return "";
  }
  size_t dot = base.rfind('.');
  if (dot == std::string_view::npos || dot < first || dot + 1 == base.size()) {
    return "";
  }
  return std::string(base.substr(dot));
}

std::string converter_ext(const SiteConfig& config, std::string_view ext) {
  std::string lower = lower_ascii(ext);
  if (std::find(config.markdown_ext.begin(), config.markdown_ext.end(), lower) !=
      config.markdown_ext.end()) {
    return ".html";
  }
  if (lower == ".scss" || lower == ".sass") {
    return ".css";
  }
  return std::string(ext);
}

ItemUrl page_url(const SiteConfig& config, std::string_view dir, std::string_view name,
                 const std::optional<std::string>& permalink) {
  ItemUrl out;
  std::string ext = extname(name);
  std::string basename = strip_trailing_dots(std::string(name.substr(0, name.size() - ext.size())));
  out.output_ext = permalink_ext(permalink).value_or(converter_ext(config, ext));
  bool html = out.output_ext == ".html" || out.output_ext == ".xhtml" || out.output_ext == ".htm";
  std::string tmpl;
  if (!html) {
    tmpl = "/:path/:basename:output_ext";
  } else if (basename == "index") {
    tmpl = "/:path/";
  } else {
    tmpl = add_permalink_suffix("/:path/:basename", config.permalink);
  }
  std::string page_dir = dir.empty() ? "" : "/" + std::string(dir);
  out.url = sanitize_url(fill_template_from_hash(
      permalink ? *permalink : tmpl,
      {{"path", page_dir}, {"basename", basename}, {"output_ext", out.output_ext}}));
  out.output = output_path_of(out.url, out.output_ext, true);
  return out;
}

ItemUrl static_url(std::string_view relative_path) {
  ItemUrl out;
  std::string ext = extname(relative_path);
  out.output_ext = ext;
  out.url = "/" + strip_trailing_dots(without_ext(relative_path)) + ext;
  out.output = output_path_of(out.url, "", true);
  return out;
}

ItemUrl collection_static_url(const SiteConfig& config, const std::string& label,
                              std::string_view relative_path) {
  ItemUrl out;
  std::string ext = extname(relative_path);
  std::string cleaned = strip_trailing_dots(without_ext(relative_path));
  std::string dir = "_" + label;
  if (size_t at = cleaned.find(dir); at != std::string::npos) {
    cleaned.erase(at, dir.size());
  }
  std::string basename = strip_trailing_dots(without_ext(base_name(relative_path)));
  std::string url = sanitize_url(
      fill_template_from_hash(collection_template(config, label), {{"collection", label},
                                                                   {"path", cleaned},
                                                                   {"output_ext", ""},
                                                                   {"name", basename},
                                                                   {"title", ""}}));
  if (!url.empty() && url.back() == '/') {
    url.pop_back(); // chomp("/")
  }
  out.url = url + ext;
  out.output_ext = ext;
  out.output = output_path_of(out.url, "", true);
  return out;
}

std::string collection_template(const SiteConfig& config, const std::string& label) {
  auto it = config.collections.find(label);
  if (it != config.collections.end() && it->second.permalink) {
    return *it->second.permalink;
  }
  if (label == "posts") {
    return style_to_permalink(config.permalink);
  }
  return add_permalink_suffix("/:collection/:path", config.permalink);
}

ItemUrl document_url(const SiteConfig& config, const DocumentFacts& doc) {
  ItemUrl out;
  std::string ext = extname(doc.relative_path);
  out.output_ext = permalink_ext(doc.permalink).value_or(converter_ext(config, ext));
  std::string basename_without_ext = without_ext(base_name(doc.relative_path));
  std::string cleaned = without_ext(doc.relative_path);
  std::string dir = "_" + doc.label;
  if (size_t at = cleaned.find(dir); at != std::string::npos) {
    cleaned.erase(at, dir.size());
  }
  cleaned = strip_trailing_dots(cleaned);
  auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    if (name == "collection") {
      return doc.label;
    }
    if (name == "path") {
      return cleaned;
    }
    if (name == "output_ext") {
      return out.output_ext;
    }
    if (name == "name") {
      return slugify(basename_without_ext, SlugMode::Default);
    }
    if (name == "title") {
      return slugify(doc.slug, SlugMode::Pretty, true);
    }
    if (name == "slug") {
      return slugify(doc.slug, SlugMode::Default);
    }
    if (name == "categories" || name == "slugified_categories") {
      std::vector<std::string> seen;
      std::string joined;
      for (const auto& c : doc.categories) {
        std::string v = name == "categories" ? downcase(c) : slugify(c, SlugMode::Default);
        if (std::find(seen.begin(), seen.end(), v) != seen.end()) {
          continue;
        }
        joined += seen.empty() ? v : "/" + v; // Set#to_a.join("/")
        seen.push_back(v);
      }
      return joined;
    }
    return date_placeholder(doc.date, name);
  };
  std::string unknown;
  std::string tmpl = doc.permalink ? *doc.permalink : collection_template(config, doc.label);
  auto filled = fill_template(tmpl, lookup, &unknown);
  if (!filled) {
    out.error = "the permalink template `" + tmpl + "` has no `:" + unknown +
                "` placeholder (Jekyll stops the build: \"The URL template doesn't have " +
                unknown + " keys\")";
    return out;
  }
  out.url = sanitize_url(*filled);
  out.output = output_path_of(out.url, out.output_ext, false);
  return out;
}

} // namespace verity::site
