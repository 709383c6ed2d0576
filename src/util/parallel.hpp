// Runs an index-based job on N threads. Work is handed out one index at a time from an atomic
// counter, so slow documents do not stall a whole chunk.
#pragma once

#include <cstddef>
#include <functional>

namespace verity::util {

// Calls `job(i)` for every i in [0, count) on up to `threads` threads (1 = inline, 0 = one per
// core: default_jobs(), what `--jobs` means when not given). `job` must not throw; exceptions that
// escape are rethrown here after all threads have stopped.
void parallel_for(size_t count, unsigned threads, const std::function<void(size_t)>& job);

// The number of threads to use when the user gave none: the hardware's, at least 1.
unsigned default_jobs();

} // namespace verity::util
