// How a run models the site as Jekyll would build it now: site.time from the system clock (what
// `future` compares with) and JEKYLL_ENV from the environment, as `jekyll build` reads them.
#pragma once

#include "site/site_model.hpp"

namespace verity::engine {

site::SiteOptions site_options_now();

} // namespace verity::engine
