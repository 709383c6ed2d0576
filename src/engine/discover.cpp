#include "engine/discover.hpp"

#include "verity/check.hpp"

#include <algorithm>

namespace verity::engine {
namespace fs = std::filesystem;

namespace {

bool skipped_directory(const std::string& name) {
  return (!name.empty() && name[0] == '.') || name == "_site" || name == "node_modules" ||
         name == "vendor";
}

} // namespace

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

} // namespace verity::engine
