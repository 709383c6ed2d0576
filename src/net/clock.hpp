// The time the fetch scheduler goes by: spacing between starts on a host, retry backoff,
// Retry-After pauses, the per-URL budget and the run's deadline. Real runs use the steady clock;
// tests hand the scheduler a FakeClock that jumps to the next timer whenever nothing is in
// flight, so a test of a 3 s backoff takes milliseconds and asserts exact spacing.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>

namespace verity::net {

class Clock {
public:
  using time_point = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  virtual time_point now() const = 0;
  // Called when no transfer is in flight and nothing is due before `until`: the real clock does
  // nothing (the scheduler then sleeps in curl_multi_poll), a fake clock jumps to `until`.
  virtual void idle_until(time_point until) = 0;

  // The process's steady clock.
  static Clock& real();
};

class SteadyClock final : public Clock {
public:
  time_point now() const override { return std::chrono::steady_clock::now(); }
  void idle_until(time_point) override {}
};

// A clock that only moves when told to, or when the scheduler would otherwise wait. Atomic, so
// that a test server's thread may read it while the scheduler runs.
class FakeClock final : public Clock {
public:
  explicit FakeClock(time_point start = time_point{} + std::chrono::hours(1)) : m_now(start) {}
  time_point now() const override { return m_now.load(); }
  void idle_until(time_point until) override { m_now.store(std::max(m_now.load(), until)); }
  void advance(std::chrono::milliseconds by) { m_now.store(m_now.load() + by); }

private:
  std::atomic<time_point> m_now;
};

// --- Inline implementations ---

inline Clock& Clock::real() {
  static SteadyClock k_clock;
  return k_clock;
}

} // namespace verity::net
