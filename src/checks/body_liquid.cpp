#include "checks/body_liquid.hpp"

#include "checks/internal_links.hpp"

namespace verity::checks {

bool has_liquid(std::string_view raw) {
  return raw.find("{{") != std::string_view::npos || raw.find("{%") != std::string_view::npos;
}

bool relative_to_page(std::string_view url) {
  return !url.starts_with('/') && url.find(':') == std::string_view::npos;
}

body::LiquidUrl evaluate_body_url(const DocumentInput& in, const RunContext& run,
                                  std::string_view raw) {
  body::LiquidContext ctx;
  ctx.baseurl = run.baseurl;
  ctx.url = run.site_url;
  ctx.site_data = run.site_data;
  ctx.page = in.template_file ? nullptr : &in.doc.data; // page.* differs per page
  ctx.link = [](std::string_view path) {
    return std::optional<std::string>(std::string(1, k_liquid_marker) +
                                      "link:" + std::string(path) + k_liquid_marker);
  };
  ctx.post_url = [](std::string_view name) {
    return std::optional<std::string>(std::string(1, k_liquid_marker) +
                                      "post:" + std::string(name) + k_liquid_marker);
  };
  return body::evaluate_liquid_url(raw, ctx);
}

} // namespace verity::checks
