#include "util/phase_timer.hpp"

#include <spdlog/spdlog.h>

namespace verity::util {

PhaseTimer::PhaseTimer() : m_last(std::chrono::steady_clock::now()) {}

void PhaseTimer::mark(std::string_view name) {
  auto now = std::chrono::steady_clock::now();
  if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("phase {}: {:.3f} s", name, std::chrono::duration<double>(now - m_last).count());
  }
  m_last = now;
}

} // namespace verity::util
