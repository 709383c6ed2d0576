#include "cli/progress.hpp"

#include <cstdio>

namespace verity::cli {

ProgressLine::ProgressLine(bool enabled, std::string label)
    : m_enabled(enabled), m_label(std::move(label)), m_start(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() {
  finish();
}

void ProgressLine::finish() {
  if (m_drawn) {
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    m_drawn = false;
  }
}

void ProgressLine::update(size_t done, size_t total, size_t broken) {
  if (!m_enabled) {
    return;
  }
  auto now = std::chrono::steady_clock::now();
  if (m_drawn && now - m_last_draw < std::chrono::milliseconds(100) && done < total) {
    return;
  }
  m_last_draw = now;
  m_drawn = true;
  double seconds = std::chrono::duration<double>(now - m_start).count();
  double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  std::fprintf(stderr, "\r\x1b[K%s %zu/%zu, %zu broken, %.0f/s", m_label.c_str(), done, total,
               broken, rate);
  std::fflush(stderr);
}

} // namespace verity::cli
