#include "engine/site.hpp"

#include "verity/check.hpp"

#include <optional>

namespace verity::engine {
namespace fs = std::filesystem;

namespace {

fs::path site_root_for(const std::vector<fs::path>& paths,
                       const std::optional<fs::path>& config_file) {
  if (config_file) {
    return config_file->parent_path();
  }
  fs::path start = paths.empty() ? fs::current_path() : paths.front();
  std::error_code ec;
  if (!fs::exists(start, ec)) {
    throw UsageError("path not found: " + start.string());
  }
  start = fs::absolute(start).lexically_normal();
  if (!fs::is_directory(start, ec)) {
    // A single file: its site root is the nearest ancestor with a Jekyll _config.yml, or the
    // current directory when the file lies below it (`verity check _news/x.md` from the root).
    fs::path cwd = fs::current_path(ec);
    for (fs::path dir = start.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      if (fs::exists(dir / "_config.yml", ec) || dir == cwd) {
        return dir;
      }
      if (dir == dir.parent_path()) {
        break;
      }
    }
    return start.parent_path();
  }
  return start;
}

} // namespace

config::Config open_site(const std::vector<fs::path>& paths, const fs::path& explicit_config) {
  std::optional<fs::path> config_file;
  if (!explicit_config.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(explicit_config, ec)) {
      throw UsageError("--config " + explicit_config.string() + ": no such file");
    }
    config_file = fs::absolute(explicit_config).lexically_normal();
  } else {
    config_file = config::find_config_file(paths.empty() ? fs::current_path() : paths.front());
  }
  fs::path root = site_root_for(paths, config_file);
  return config::load_config(config_file.value_or(fs::path()), root);
}

} // namespace verity::engine
