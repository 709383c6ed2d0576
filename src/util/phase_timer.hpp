// PhaseTimer: how long each step of a run took, logged at debug level (`verity check -v`), so a
// slow run says where its time goes without a profiler. Wall time of the steady clock; a log
// line, never a report field (reports stay deterministic).
#pragma once

#include <chrono>
#include <string_view>

namespace verity::util {

class PhaseTimer {
public:
  PhaseTimer();
  // Logs "phase NAME: S s" for the time since the previous mark (or construction).
  void mark(std::string_view name);

private:
  std::chrono::steady_clock::time_point m_last;
};

} // namespace verity::util
