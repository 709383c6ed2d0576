// The argv of a git command verity runs in a checkout it does not trust. git reads configuration
// from the repository it discovers, and a pull request can commit the files of a bare repository
// (HEAD, objects/, refs/, config) into any folder: run from there, git would take that folder as
// the repository and execute its `core.fsmonitor`. The options below come first on the command
// line, which outranks every repository's configuration.
#pragma once

#include <string>
#include <vector>

namespace verity::util {

// {"git", <hardening options>, args...}
std::vector<std::string> git_command(std::vector<std::string> args);

} // namespace verity::util
