#include "engine/changed_files.hpp"

#include "util/git_command.hpp"
#include "util/subprocess.hpp"
#include "verity/check.hpp"

#include <vector>

namespace verity::engine {
namespace fs = std::filesystem;

namespace {

// git's -z output: names ended by NUL, written as they are. Without -z git quotes a name with
// non-ASCII bytes, a tab, a quote or a backslash ("caf\303\251.md"), which matches no file: a
// changed file would go unchecked and the gate pass.
std::vector<std::string> nul_separated(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\0', start);
    if (end == std::string::npos)
      end = text.size();
    if (end > start)
      out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

} // namespace

std::set<std::string> changed_files(const fs::path& site_root, const std::string& revision) {
  if (revision.empty() || revision[0] == '-') {
    throw UsageError("--changed-since needs a git revision, got '" + revision + "'");
  }
  auto diff = util::run_process(
      util::git_command({"diff", "-z", "--name-only", "--no-renames", "--no-ext-diff",
                         "--no-textconv", "--relative", revision, "--"}),
      site_root);
  if (diff.exit_code != 0) {
    // git's first line says what is wrong; the rest is its usage text.
    std::string err =
        diff.err.empty() ? "git is not available" : diff.err.substr(0, diff.err.find('\n'));
    throw UsageError("--changed-since " + revision + ": git diff failed: " + err);
  }
  auto untracked = util::run_process(
      util::git_command({"ls-files", "-z", "--others", "--exclude-standard"}), site_root);
  std::set<std::string> out;
  for (auto& l : nul_separated(diff.out)) {
    out.insert(l);
  }
  if (untracked.exit_code == 0) {
    for (auto& l : nul_separated(untracked.out)) {
      out.insert(l);
    }
  }
  return out;
}

} // namespace verity::engine
