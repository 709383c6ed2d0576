#include "util/logging.hpp"

#include "util/printable.hpp"

#include <spdlog/sinks/sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <memory>

namespace verity::util {
namespace {

// Escapes each message before the colour sink formats it: log lines carry file names, config
// values and library messages, and must not talk to the terminal or start a line of their own.
// The level colours are added by the inner sink, after the escaping.
class PrintableSink : public spdlog::sinks::sink {
public:
  explicit PrintableSink(std::shared_ptr<spdlog::sinks::sink> inner) : m_inner(std::move(inner)) {}

  void log(const spdlog::details::log_msg& msg) override {
    std::string_view payload(msg.payload.data(), msg.payload.size());
    if (is_printable(payload)) {
      m_inner->log(msg);
      return;
    }
    std::string safe = printable(payload);
    spdlog::details::log_msg copy = msg;
    copy.payload = spdlog::string_view_t(safe.data(), safe.size());
    m_inner->log(copy);
  }
  void flush() override { m_inner->flush(); }
  void set_pattern(const std::string& pattern) override { m_inner->set_pattern(pattern); }
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
    m_inner->set_formatter(std::move(formatter));
  }

private:
  std::shared_ptr<spdlog::sinks::sink> m_inner;
};

} // namespace

void init_logging(Verbosity verbosity) {
  static auto logger = [] {
    auto color = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    auto l = std::make_shared<spdlog::logger>("verity", std::make_shared<PrintableSink>(color));
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
