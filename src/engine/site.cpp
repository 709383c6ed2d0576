#include "engine/site.hpp"

#include "util/confine.hpp"
#include "verity/check.hpp"

#include <optional>

namespace verity::engine {
namespace fs = std::filesystem;

namespace {

// The site a folder below the current directory belongs to: the outermost folder with a Jekyll
// _config.yml between the current directory and `dir`, not above the top of the git work tree
// `dir` is in. Outermost, since a pull request can add a _config.yml to any folder of its own:
// nearest-first would let an empty one turn `verity check _posts` into a check of _posts alone.
// nullopt when `dir` is not below the current directory (taken as written) or no such folder is.
std::optional<fs::path> jekyll_root_below_cwd(fs::path dir, const fs::path& cwd) {
  std::error_code ec;
  if (!util::is_within(cwd, dir)) {
    return std::nullopt;
  }
  std::optional<fs::path> outermost;
  for (;; dir = dir.parent_path()) {
    if (fs::exists(dir / "_config.yml", ec)) {
      outermost = dir;
    }
    if (dir == cwd || fs::exists(dir / ".git", ec) || dir == dir.parent_path()) {
      return outermost;
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

// A folder argument written inside the current directory must stay there once its links are
// followed: a linked folder the checkout holds must not become a site root elsewhere, whose files
// verity would read and print. (A file argument that links out is a finding of the loader's.)
void refuse_links_out_of_cwd(const std::vector<fs::path>& paths, const fs::path& cwd) {
  std::error_code ec;
  fs::path real_cwd = fs::canonical(cwd, ec);
  for (const auto& p : paths) {
    fs::path abs = fs::absolute(p).lexically_normal();
    if (!util::is_within(cwd, abs) || !fs::is_directory(abs, ec)) {
      continue; // named from elsewhere (the user's own choice), or a file
    }
    fs::path real = fs::canonical(abs, ec);
    if (ec || !util::is_within(real_cwd, real)) {
      throw UsageError(p.string() + " leads out of the current directory through a symbolic "
                                    "link: verity does not follow a path argument out of where it "
                                    "runs; name the folder it points to instead");
    }
  }
}

fs::path site_root_for(const std::vector<fs::path>& paths,
                       const std::optional<fs::path>& config_file) {
  std::error_code ec;
  for (const auto& p : paths) {
    if (!fs::exists(p, ec)) {
      throw UsageError("path not found: " + p.string());
    }
  }
  fs::path cwd = fs::current_path(ec);
  refuse_links_out_of_cwd(paths, cwd);
  if (config_file) {
    return config_file->parent_path();
  }
  if (paths.empty()) {
    return cwd;
  }
  if (paths.size() > 1) {
    // Several paths (`verity check _news _people`): the site holding them all, when that is
    // below the current directory; else the first one's site (the others must lie inside it).
    fs::path common = common_folder(paths);
    if (util::is_within(cwd, common)) {
      return jekyll_root_below_cwd(common, cwd).value_or(common);
    }
  }
  fs::path start = fs::absolute(paths.front()).lexically_normal();
  if (!fs::is_directory(start, ec)) {
    // A single file: below the current directory, the site there (or the current directory
    // itself: `verity check _news/x.md` from the root); named from elsewhere, the nearest folder
    // above it with a Jekyll _config.yml.
    if (util::is_within(cwd, start)) {
      return jekyll_root_below_cwd(start.parent_path(), cwd).value_or(cwd);
    }
    for (fs::path dir = start.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      if (fs::exists(dir / "_config.yml", ec)) {
        return dir;
      }
      if (dir == dir.parent_path()) {
        break;
      }
    }
    return start.parent_path();
  }
  // A folder: the site it lies in below the current directory (`verity check _posts`), else itself.
  return jekyll_root_below_cwd(start, cwd).value_or(start);
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
