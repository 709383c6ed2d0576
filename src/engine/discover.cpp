#include "engine/discover.hpp"

#include "util/subprocess.hpp"
#include "verity/check.hpp"

#include <algorithm>
#include <sstream>

namespace verity::engine {
namespace fs = std::filesystem;

namespace {

bool skipped_directory(const std::string& name) {
  return (!name.empty() && name[0] == '.') || name == "_site" || name == "node_modules" ||
         name == "vendor";
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) {
      out.push_back(line);
    }
  }
  return out;
}

} // namespace

std::optional<std::string> relative_to_root(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  fs::path rel = abs.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") {
    return std::nullopt;
  }
  std::string s = rel.generic_string();
  return s == "." ? "" : s;
}

std::vector<SourceFile> discover(const config::Config& config) {
  std::vector<SourceFile> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(config.site_root,
                                      fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    throw RunError("cannot read the site directory " + config.site_root.string() + ": " +
                   ec.message());
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      break;
    }
    const auto& entry = *it;
    std::string name = entry.path().filename().string();
    if (entry.is_directory(ec)) {
      if (skipped_directory(name) || entry.is_symlink(ec)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    std::string rel = entry.path().lexically_relative(config.site_root).generic_string();
    const config::Collection* c = config.collection_for(rel);
    if (!c || config.is_ignored(rel)) {
      continue;
    }
    out.push_back({entry.path(), rel, c});
  }
  std::sort(out.begin(), out.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.relative < b.relative; });
  return out;
}

std::set<std::string> changed_files(const fs::path& site_root, const std::string& revision) {
  if (revision.empty() || revision[0] == '-') {
    throw UsageError("--changed-since needs a git revision, got '" + revision + "'");
  }
  auto diff = util::run_process(
      {"git", "diff", "--name-only", "--no-renames", "--relative", revision, "--"}, site_root);
  if (diff.exit_code != 0) {
    std::string err = diff.err.empty() ? "git is not available" : diff.err;
    while (!err.empty() && err.back() == '\n') {
      err.pop_back();
    }
    throw UsageError("--changed-since " + revision + ": git diff failed: " + err);
  }
  auto untracked =
      util::run_process({"git", "ls-files", "--others", "--exclude-standard"}, site_root);
  std::set<std::string> out;
  for (auto& l : lines(diff.out)) {
    out.insert(l);
  }
  if (untracked.exit_code == 0) {
    for (auto& l : lines(untracked.out)) {
      out.insert(l);
    }
  }
  return out;
}

} // namespace verity::engine
