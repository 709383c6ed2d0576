#include "cli/output.hpp"

#include "util/file.hpp"
#include "verity/check.hpp"

#include <iostream>

namespace verity::cli {

void emit(const std::string& destination, std::string_view content) {
  if (destination.empty() || destination == "-") {
    std::cout << content;
    std::cout.flush();
    if (!std::cout) {
      throw RunError("cannot write to standard output");
    }
    return;
  }
  try {
    util::write_file_atomic(destination, content);
  } catch (const std::exception& e) {
    throw RunError(e.what());
  }
}

} // namespace verity::cli
