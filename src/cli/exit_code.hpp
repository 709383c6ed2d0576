// verity's exit codes, project-wide. Only src/cli/ returns them.
#pragma once

namespace verity::cli {

enum class ExitCode : int {
  Ok = 0,         // no finding at or above --fail-on
  Findings = 1,   // at least one finding at or above --fail-on
  UsageError = 2, // bad flag, invalid verity.yaml or schema, unknown revision, bad key file
  RunFailed = 3,  // the run could not complete (I/O error writing a report, internal error)
};

} // namespace verity::cli
