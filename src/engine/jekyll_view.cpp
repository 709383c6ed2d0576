#include "engine/jekyll_view.hpp"

#include "site/jekyll_data.hpp"
#include "util/utf8.hpp"

namespace verity::engine {

JekyllViews::JekyllViews(const Discovery& discovery, site::SiteOptions options,
                         const std::filesystem::path& root)
    : m_config(discovery.inventory.config), m_options(std::move(options)),
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
  }
  if (!m_config.defaults.empty()) {
    DefaultValues defaults = m_resolver.located_defaults_for(*src.jekyll);
    if (!defaults.values.empty()) {
      view.defaults = std::move(defaults);
    }
  }
  return view;
}

} // namespace verity::engine
