#include "engine/selection.hpp"

#include "engine/changed_files.hpp"
#include "util/confine.hpp"
#include "verity/check.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace verity::engine {
namespace fs = std::filesystem;

Selection select_documents(const config::Config& cfg, const std::vector<fs::path>& paths,
                           const std::optional<std::string>& changed_since, unsigned jobs) {
  std::shared_ptr<Discovery> discovery = discover(cfg, jobs);
  std::vector<SourceFile> files = std::move(discovery->files);
  discovery->files.clear();

  // Explicit file arguments outside every collection are still checked (framing and YAML).
  std::set<std::string> selected;
  bool select_all = true;
  for (const auto& p : paths) {
    auto rel = util::relative_within(cfg.site_root, p);
    if (!rel) {
      throw UsageError(p.string() + " is outside the site root " + cfg.site_root.string());
    }
    if (rel->empty()) {
      continue; // the site root itself
    }
    select_all = false;
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& f : files) {
        if (f.relative.rfind(*rel + "/", 0) == 0) {
          selected.insert(f.relative);
        }
      }
    } else if (fs::exists(p, ec)) {
      selected.insert(*rel);
      bool known = std::any_of(files.begin(), files.end(),
                               [&](const auto& f) { return f.relative == *rel; });
      if (!known && !cfg.is_ignored(*rel)) {
        files.push_back({fs::absolute(p).lexically_normal(), *rel, cfg.collection_for(*rel)});
        if (!files.back().collection) {
          // Named on the command line: checked, and counted where the summary can see it.
          discovery->unmatched.push_back(*rel);
        }
      }
    } else {
      throw UsageError("path not found: " + p.string());
    }
  }
  if (changed_since) {
    std::set<std::string> changed = changed_files(cfg.site_root, *changed_since);
    bool config_changed = false;
    for (const auto& source : cfg.source_files()) {
      auto rel = util::relative_within(cfg.site_root, source);
      config_changed = config_changed || (rel && changed.count(*rel));
    }
    if (config_changed) {
      spdlog::info("the configuration or a schema changed since {}: checking every document",
                   *changed_since);
    } else {
      std::set<std::string> narrowed;
      for (const auto& f : files) {
        if (changed.count(f.relative) && (select_all || selected.count(f.relative))) {
          narrowed.insert(f.relative);
        }
      }
      selected = std::move(narrowed);
      select_all = false;
    }
  }

  return {std::move(files), std::move(discovery), std::move(selected), select_all};
}

} // namespace verity::engine
