#include "util/parallel.hpp"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace verity::util {

void parallel_for(size_t count, unsigned threads, const std::function<void(size_t)>& job) {
  if (threads == 0)
    threads = default_jobs();
  if (threads <= 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) {
      job(i);
    }
    return;
  }
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    while (true) {
      size_t i = next.fetch_add(1, std::memory_order_relaxed);
      if (i >= count) {
        return;
      }
      try {
        job(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) {
          error = std::current_exception();
        }
        next.store(count); // stop handing out work
        return;
      }
    }
  };
  unsigned n = static_cast<unsigned>(std::min<size_t>(threads, count));
  std::vector<std::thread> pool;
  pool.reserve(n - 1);
  for (unsigned t = 1; t < n; ++t) {
    pool.emplace_back(worker);
  }
  worker();
  for (auto& t : pool) {
    t.join();
  }
  if (error) {
    std::rethrow_exception(error);
  }
}

unsigned default_jobs() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

} // namespace verity::util
