// The files git says changed since a revision (for --changed-since).
#pragma once

#include <filesystem>
#include <set>
#include <string>

namespace verity::engine {

// Site-relative paths changed since `revision` (committed, staged, unstaged and untracked).
// Throws UsageError when git fails (not a repository, unknown revision).
std::set<std::string> changed_files(const std::filesystem::path& site_root,
                                    const std::string& revision);

} // namespace verity::engine
