// The one place verity configures spdlog: diagnostics go to stderr, never to stdout (which
// carries reports). Secrets never reach the log: callers pass redacted values (see redact.hpp).
// Every message is made printable (util/printable.hpp) on its way out, whatever it quotes.
#pragma once

#include <spdlog/spdlog.h>

namespace verity::util {

enum class Verbosity { Quiet, Normal, Verbose };

// Sets up the stderr logger once per process; later calls only change the level.
void init_logging(Verbosity verbosity);

} // namespace verity::util
