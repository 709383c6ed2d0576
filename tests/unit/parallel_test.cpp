// util::parallel_for: every index runs exactly once whatever the thread count (0 = one per core,
// what an unset --jobs passes), and a job's exception reaches the caller.
#include "util/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace verity::util {
namespace {

TEST(ParallelFor, EveryIndexRunsOnceForAnyThreadCount) {
  for (unsigned threads : {0u, 1u, 2u, 8u}) {
    std::vector<std::atomic<int>> runs(1000);
    parallel_for(runs.size(), threads, [&](size_t i) { ++runs[i]; });
    int total = 0;
    for (const auto& r : runs) {
      EXPECT_EQ(r.load(), 1) << threads;
      total += r.load();
    }
    EXPECT_EQ(total, 1000) << threads;
  }
  EXPECT_GE(default_jobs(), 1u);
}

TEST(ParallelFor, AJobsExceptionIsRethrown) {
  for (unsigned threads : {0u, 1u, 2u}) {
    EXPECT_THROW(parallel_for(100, threads,
                              [](size_t i) {
                                if (i == 42)
                                  throw std::runtime_error("job 42");
                              }),
                 std::runtime_error)
        << threads;
  }
}

} // namespace
} // namespace verity::util
