#include "engine/site.hpp"

#include "util/confine.hpp"
#include "verity/check.hpp"

#include <optional>

namespace verity::engine {
namespace fs = std::filesystem;

namespace {

// The nearest of `dir` and its ancestors with a Jekyll _config.yml, looking no higher than the
// current directory (and only when `dir` is inside it) or the top of a git work tree: `verity
// check _posts` from a site means that site, but a folder named from elsewhere is taken as
// written, so no path argument makes verity read above what the user is standing in.
std::optional<fs::path> jekyll_root_at_or_above(fs::path dir) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec || !util::is_within(cwd, dir)) {
    return std::nullopt;
  }
  for (;; dir = dir.parent_path()) {
    if (fs::exists(dir / "_config.yml", ec)) {
      return dir;
    }
    if (dir == cwd || fs::exists(dir / ".git", ec) || dir == dir.parent_path()) {
      return std::nullopt;
    }
  }
}

// The deepest folder holding every path (a file counts by its folder).
fs::path common_folder(const std::vector<fs::path>& paths) {
  std::optional<fs::path> common;
  for (const auto& p : paths) {
    std::error_code ec;
    fs::path abs = fs::absolute(p).lexically_normal();
    fs::path dir = fs::is_directory(abs, ec) ? abs : abs.parent_path();
    if (!common) {
      common = dir;
      continue;
    }
    fs::path shared;
    for (auto a = common->begin(), b = dir.begin();
         a != common->end() && b != dir.end() && *a == *b; ++a, ++b) {
      shared /= *a;
    }
    common = shared;
  }
  return common.value_or(fs::current_path());
}

fs::path site_root_for(const std::vector<fs::path>& paths,
                       const std::optional<fs::path>& config_file) {
  if (config_file) {
    return config_file->parent_path();
  }
  std::error_code ec;
  for (const auto& p : paths) {
    if (!fs::exists(p, ec)) {
      throw UsageError("path not found: " + p.string());
    }
  }
  fs::path start =
      paths.empty() ? fs::current_path() : fs::absolute(paths.front()).lexically_normal();
  if (paths.size() > 1) {
    // Several paths (`verity check _news _people`): the site holds them all.
    fs::path common = common_folder(paths);
    return jekyll_root_at_or_above(common).value_or(common);
  }
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
  // A folder: itself, unless it lies inside a Jekyll site (`verity check _posts`).
  return jekyll_root_at_or_above(start).value_or(start);
}

} // namespace

config::Config open_site(const std::vector<fs::path>& paths, const SiteRequest& request) {
  config::Trust trust;
  trust.limits = request.limits;
  auto existing = [](const fs::path& file, const char* flag) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
      throw UsageError(std::string(flag) + " " + file.string() + ": no such file");
    }
    return fs::absolute(file).lexically_normal();
  };
  if (!request.trusted_config.empty()) {
    if (!request.config_file.empty()) {
      throw UsageError("--config and --trusted-config exclude each other: give one");
    }
    trust.trusted = true;
    fs::path file = existing(request.trusted_config, "--trusted-config");
    // The checkout's own verity.yaml is not read: the trusted file replaces it.
    return config::load_config(file, site_root_for(paths, std::nullopt), trust);
  }
  std::optional<fs::path> config_file;
  if (!request.config_file.empty()) {
    config_file = existing(request.config_file, "--config");
  } else {
    config_file = config::find_config_file(paths.empty() ? fs::current_path() : paths.front());
  }
  fs::path root = site_root_for(paths, config_file);
  return config::load_config(config_file.value_or(fs::path()), root, trust);
}

config::Config open_site(const std::vector<fs::path>& paths, const fs::path& config_file) {
  return open_site(paths, SiteRequest{config_file, {}, {}});
}

SiteSearch describe_search(const config::Config& cfg) {
  SiteSearch search{cfg.profile, cfg.profile_reason, {}};
  for (const auto& c : cfg.collections) {
    search.collections.emplace_back(c.name, c.paths);
  }
  return search;
}

} // namespace verity::engine
