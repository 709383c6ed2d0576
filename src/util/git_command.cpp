#include "util/git_command.hpp"

namespace verity::util {

std::vector<std::string> git_command(std::vector<std::string> args) {
  std::vector<std::string> argv = {
      "git",
      // A bare repository is used only when named (--git-dir); one found by walking up from a
      // folder of the checkout is refused (git >= 2.38).
      "-c", "safe.bareRepository=explicit",
      // Nothing a repository's config names is run: no file-system monitor, no hooks, no pager,
      // no external diff or textconv program.
      "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "core.pager=cat", "-c",
      "diff.external=", "--no-pager"};
  argv.insert(argv.end(), std::make_move_iterator(args.begin()),
              std::make_move_iterator(args.end()));
  return argv;
}

} // namespace verity::util
