// What Jekyll makes of a document the scan has parsed: its URL (relative references resolve
// against it) and the `defaults` it gets (schema validation sees them). Computed in the scan's
// worker threads from the front matter already parsed, so no file is read twice.
#pragma once

#include "engine/discover.hpp"
#include "site/resolve.hpp"
#include "verity/document.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace verity::engine {

struct JekyllView {
  std::string url;    // "" when Jekyll does not output it
  std::string output; // the file under _site ("docs/index.html"); "" when not output
  std::optional<DefaultValues> defaults;
};

class JekyllViews {
public:
  // Holds the run's time zone, `zone_name` (engine::run_zone; it sets TZ): construct before any
  // worker thread starts.
  JekyllViews(const Discovery& discovery, site::SiteOptions options,
              const std::filesystem::path& root, const std::string& zone_name);

  JekyllView of(const Document& doc, const SourceFile& src) const;
  // Only the `defaults` that apply to `src` (they depend on its path and type, not on its front
  // matter): what schema inference needs, without computing the URL.
  std::optional<DefaultValues> defaults_of(const SourceFile& src) const;
  const std::string& baseurl() const { return m_config.baseurl; }
  const std::string& site_url() const { return m_config.url; }
  // The static files the build copies, {output path, source} (internal links may point at them).
  std::vector<std::pair<std::string, std::string>> static_outputs(const Discovery& discovery) const;

private:
  site::SiteConfig m_config; // the discovered _config.yml, in the run's zone
  site::SiteOptions m_options;
  site::ItemResolver m_resolver;
};

} // namespace verity::engine
