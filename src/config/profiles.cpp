#include "config/profiles.hpp"

#include <array>
#include <system_error>

namespace verity::config {
namespace fs = std::filesystem;

ProfileChoice choose_profile(const fs::path& site_root) {
  static constexpr std::array<std::string_view, 7> k_smartable_folders = {
      "_news",        "_learning",    "_samples",           "_people",
      "_newsletters", "_communities", "_data/organizations"};
  for (std::string_view folder : k_smartable_folders) {
    std::error_code ec;
    // symlink_status: a folder that is a link is no evidence (it may point anywhere).
    if (fs::is_directory(fs::symlink_status(site_root / folder, ec))) {
      return {"builtin:smartable", "the site root has " + std::string(folder) + "/"};
    }
  }
  return {"builtin:jekyll", "no Smartable collection folder (_news, _learning, _samples, _people, "
                            "_newsletters, _communities, _data/organizations) at the site root"};
}

std::optional<std::vector<std::string_view>> profile_files(const std::string& profile) {
  if (profile == "none") {
    return std::vector<std::string_view>{};
  }
  if (profile == "builtin:jekyll") {
    return std::vector<std::string_view>{"profiles/jekyll.yaml"};
  }
  if (profile == "builtin:smartable") {
    return std::vector<std::string_view>{"profiles/jekyll.yaml", "profiles/smartable.yaml"};
  }
  return std::nullopt;
}

const std::vector<std::string>& profile_names() {
  static const std::vector<std::string> k_names = {"builtin:jekyll", "builtin:smartable", "none"};
  return k_names;
}

} // namespace verity::config
