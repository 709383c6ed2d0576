// The progress line of long network phases, on stderr when it is a terminal: done/total, how
// many are broken so far, and the rate, redrawn at most 10 times a second and erased at the end
// so that it never mixes with the report.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace verity::cli {

class ProgressLine {
public:
  // `enabled`: stderr is a terminal and neither --no-progress nor --quiet was given.
  ProgressLine(bool enabled, std::string label);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void update(size_t done, size_t total, size_t broken);
  // Erases the line (also done by the destructor).
  void finish();

private:
  bool m_enabled;
  std::string m_label;
  bool m_drawn = false;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::time_point m_last_draw;
};

} // namespace verity::cli
