// Runs a helper program (git) without a shell and captures its standard output.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace verity::util {

struct ProcessResult {
  int exit_code = -1; // -1 when the program could not be started or was killed
  std::string out;
  std::string err;
};

// Runs argv[0] (searched in PATH) in `cwd` with stdin from /dev/null. Output beyond
// `max_output` bytes per stream is discarded, so a runaway child cannot exhaust memory.
ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& cwd,
                          size_t max_output = 64 << 20);

} // namespace verity::util
