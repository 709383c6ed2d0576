#include "engine/jekyll_view.hpp"

#include "site/jekyll_data.hpp"
#include "util/utf8.hpp"

namespace verity::engine {

namespace {

site::SiteConfig in_zone(site::SiteConfig config, const std::string& zone_name) {
  config.timezone = zone_name;
  return config;
}

} // namespace

JekyllViews::JekyllViews(const Discovery& discovery, site::SiteOptions options,
                         const std::filesystem::path& root, const std::string& zone_name)
    : m_config(in_zone(discovery.inventory.config, zone_name)), m_options(std::move(options)),
      m_resolver(m_config, m_options, root) {}

JekyllView JekyllViews::of(const Document& doc, const SourceFile& src) const {
  JekyllView view;
  if (!src.jekyll) {
    return view;
  }
  bool plain_date = false;
  nlohmann::json front = site::jekyll_url_front_matter(doc, &plain_date);
  site::SiteItem item =
      m_resolver.resolve(*src.jekyll, front, plain_date, util::is_valid_utf8(doc.bytes));
  if (!item.output.empty()) {
    view.url = std::move(item.url);
    view.output = std::move(item.output);
  }
  view.defaults = defaults_of(src);
  return view;
}

std::optional<DefaultValues> JekyllViews::defaults_of(const SourceFile& src) const {
  if (!src.jekyll || m_config.defaults.empty()) {
    return std::nullopt;
  }
  DefaultValues defaults = m_resolver.located_defaults_for(*src.jekyll);
  if (defaults.values.empty()) {
    return std::nullopt;
  }
  return defaults;
}

std::vector<std::pair<std::string, std::string>>
JekyllViews::static_outputs(const Discovery& discovery) const {
  std::vector<std::pair<std::string, std::string>> out;
  static const nlohmann::json k_no_front_matter = nlohmann::json::object();
  for (const site::Candidate& c : discovery.inventory.candidates) {
    if (c.kind != site::CandidateKind::Static && c.kind != site::CandidateKind::CollectionStatic) {
      continue;
    }
    site::SiteItem item = m_resolver.resolve(c, k_no_front_matter, false, true);
    if (item.output.empty())
      continue;
    for (auto& [url, output] : item.extra_outputs)
      out.emplace_back(std::move(output), c.source);
    out.emplace_back(std::move(item.output), c.source);
  }
  return out;
}

} // namespace verity::engine
