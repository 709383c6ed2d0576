#include "engine/site_table.hpp"

#include "site/site_model.hpp"
#include "site/site_report.hpp"

#include <chrono>
#include <cstdlib>

namespace verity::engine {

SiteTable build_site_table(const std::filesystem::path& root, SiteTableFormat format) {
  site::SiteOptions options;
  options.now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  if (const char* env = std::getenv("JEKYLL_ENV"); env && *env) {
    options.jekyll_env = env;
  }
  site::SiteModel model = site::build_site_model(root, options);
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
