// The command line: parses argv with CLI11, dispatches to one subcommand, and turns the result
// (or the exception) into an exit code. The only place that knows about argv and exit codes.
#pragma once

namespace verity::cli {

int run(int argc, char** argv);

} // namespace verity::cli
