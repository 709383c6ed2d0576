// site.data as Jekyll's DataReader builds it, for `{{ site.data.a.b }}` in link URLs: each YAML
// or JSON file under _data/ at its path (`_data/menus/main.yml` is site.data.menus.main).
// Bounded: at most 64 MiB read in all; a file that does not parse is left out (its syntax
// finding says why), so a URL naming it is unverifiable, never guessed.
#pragma once

#include "engine/discover.hpp"

#include <nlohmann/json.hpp>

namespace verity::engine {

// `files`: the run's files (Selection::files), of which the _data ones are read.
nlohmann::json site_data(const config::Config& cfg, const std::vector<SourceFile>& files);

} // namespace verity::engine
