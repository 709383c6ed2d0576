#include "engine/changed_files.hpp"

#include "util/subprocess.hpp"
#include "verity/check.hpp"

#include <sstream>
#include <vector>

namespace verity::engine {
namespace fs = std::filesystem;

namespace {

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
