// The URL and output file of each kind of item, as Page, Document and StaticFile compute them
// in Jekyll 4.3 (templates, placeholders, output extensions, destinations).
#pragma once

#include "site/site_config.hpp"
#include "site/site_time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verity::site {

struct ItemUrl {
  std::string url;        // escaped, sanitised, without baseurl
  std::string output_ext; // ".html", ".css", or the source's own extension
  std::string output;     // relative to the destination
  std::string error;      // non-empty: Jekyll stops the build (unknown placeholder, ...)
};

// Renderer#converter_output_ext: Markdown extensions -> .html, .scss/.sass -> .css, else `ext`.
std::string converter_ext(const SiteConfig& config, std::string_view ext);

// File.extname as Ruby computes it ("" for dotfiles and names without a dot).
std::string extname(std::string_view name);

// A page: `dir` is its folder relative to the root ("" at the root), `permalink` from its
// front matter or defaults.
ItemUrl page_url(const SiteConfig& config, std::string_view dir, std::string_view name,
                 const std::optional<std::string>& permalink);

// A static file outside collections (`relative_path` from the root).
ItemUrl static_url(std::string_view relative_path);

// A file without front matter inside a collection (`relative_path` = "_label/...").
ItemUrl collection_static_url(const SiteConfig& config, const std::string& label,
                              std::string_view relative_path);

// What a document's UrlDrop reads.
struct DocumentFacts {
  std::string label;
  std::string relative_path; // inside collections_dir: "_posts/2020-01-01-x.md", "_recipes/a.md"
  std::string slug;          // data["slug"]: front matter, else the file name's slug
  std::vector<std::string> categories;
  LocalTime date;
  std::optional<std::string> permalink;
};

// The collection's template: its own `permalink`, posts the site style's template, others
// "/:collection/:path" with the style's suffix.
std::string collection_template(const SiteConfig& config, const std::string& label);

ItemUrl document_url(const SiteConfig& config, const DocumentFacts& doc);

} // namespace verity::site
