#include "engine/site_options.hpp"

#include <chrono>
#include <cstdlib>

namespace verity::engine {

site::SiteOptions site_options_now() {
  site::SiteOptions options;
  options.now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  if (const char* env = std::getenv("JEKYLL_ENV"); env && *env) {
    options.jekyll_env = env;
  }
  return options;
}

} // namespace verity::engine
