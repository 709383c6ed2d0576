// The Liquid of a body destination, evaluated with what one page knows (design note
// site-model.md §4.2): site.baseurl, site.url, relative_url, absolute_url, page.x. {% link %}
// and {% post_url %} need every page's URL, so they become markers (internal_links.hpp) that
// the internal-links corpus check fills in.
#pragma once

#include "body/liquid_url.hpp"
#include "checks/registry.hpp"

#include <string_view>

namespace verity::checks {

bool has_liquid(std::string_view raw);

// A URL relative to the page that writes it (no leading '/', no scheme): in a template or a data
// file it names a different target on every page, so it is not one target to check.
bool relative_to_page(std::string_view url);

body::LiquidUrl evaluate_body_url(const DocumentInput& in, const RunContext& run,
                                  std::string_view raw);

} // namespace verity::checks
