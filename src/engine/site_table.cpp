#include "engine/site_table.hpp"

#include "engine/site_options.hpp"
#include "site/site_model.hpp"
#include "site/site_report.hpp"

namespace verity::engine {

SiteTable build_site_table(const std::filesystem::path& root, SiteTableFormat format) {
  site::SiteModel model = site::build_site_model(root, site_options_now());
  SiteTable table;
  table.problems = model.problems.size();
  table.rendered = format == SiteTableFormat::Json
                       ? site::site_to_json(model).dump(2, ' ', false,
                                                        nlohmann::json::error_handler_t::replace) +
                             "\n"
                       : site::site_to_text(model);
  return table;
}

} // namespace verity::engine
