#include "util/logging.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace verity::util {

void init_logging(Verbosity verbosity) {
  static auto logger = [] {
    auto l = spdlog::stderr_color_mt("verity");
    l->set_pattern("verity: %^%l%$: %v");
    spdlog::set_default_logger(l);
    return l;
  }();
  switch (verbosity) {
  case Verbosity::Quiet:
    logger->set_level(spdlog::level::err);
    break;
  case Verbosity::Normal:
    logger->set_level(spdlog::level::warn);
    break;
  case Verbosity::Verbose:
    logger->set_level(spdlog::level::debug);
    break;
  }
}

} // namespace verity::util
