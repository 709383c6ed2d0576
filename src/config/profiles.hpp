// The built-in profiles a verity.yaml extends (`extends: builtin:jekyll`, `builtin:smartable`,
// `none`), and the rule that picks one when the file does not say.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verity::config {

struct ProfileChoice {
  std::string name;   // "builtin:jekyll", "builtin:smartable" or "none"
  std::string reason; // why, for -v and for the message of an empty run
};

// The profile for a site whose verity.yaml does not name one (or that has none): the Smartable
// profile when the site root holds one of that family's collection folders (_news, _learning,
// _samples, _people, _newsletters, _communities, _data/organizations), the Jekyll profile
// otherwise.
ProfileChoice choose_profile(const std::filesystem::path& site_root);

// The embedded files of `profile`, bottom layer first (a profile may extend another); empty for
// "none"; nullopt for a name that is not a profile.
std::optional<std::vector<std::string_view>> profile_files(const std::string& profile);

// The names `extends` accepts.
const std::vector<std::string>& profile_names();

} // namespace verity::config
