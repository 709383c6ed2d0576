// Where verity.yaml is: walking up from the path asked about, as git finds its repository.
#include "config/config.hpp"

#include <sys/stat.h>
#include <unistd.h>

namespace verity::config {
namespace fs = std::filesystem;

std::optional<fs::path> find_config_file(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (!fs::is_directory(dir, ec)) {
    dir = dir.parent_path();
  }
  const fs::path start_dir = dir;
  for (int guard = 0; guard < 256 && !dir.empty(); ++guard) {
    fs::path candidate = dir / "verity.yaml";
    // Any entry counts, a dangling symlink included: load_config then refuses a link that leaves
    // the site in the same words whether or not its target exists.
    auto st = fs::symlink_status(candidate, ec);
    if (fs::exists(st) && !fs::is_directory(st)) {
      // Above the folder asked about, a file someone else owns (a verity.yaml planted in /tmp
      // on a shared machine) is not taken: it would choose the site and its rules.
      struct stat owner {};
      bool own = dir == start_dir || (::lstat(candidate.c_str(), &owner) == 0 &&
                                      (owner.st_uid == ::geteuid() || owner.st_uid == 0));
      if (own) {
        return candidate;
      }
    }
    // Like git, not above the top of the work tree the search started in.
    if (dir == dir.parent_path() || fs::exists(dir / ".git", ec)) {
      break;
    }
    dir = dir.parent_path();
  }
  return std::nullopt;
}

} // namespace verity::config
