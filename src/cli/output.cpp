#include "cli/output.hpp"

#include "util/confine.hpp"
#include "util/file.hpp"
#include "verity/check.hpp"

#include <filesystem>
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
  // A report named inside the current directory (the checkout, in CI) is written there: a folder
  // on its way that the checkout made a link out of would send it elsewhere.
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  std::filesystem::path target = std::filesystem::absolute(destination, ec).lexically_normal();
  if (!ec && util::is_within(cwd, target)) {
    std::filesystem::path real_cwd = std::filesystem::canonical(cwd, ec);
    if (ec || !util::resolve_writable_inside(cwd, real_cwd, target.parent_path())) {
      throw RunError(destination + ": a folder on the way is a symbolic link out of the current "
                                   "directory; reports are written there only through real "
                                   "folders: nothing written");
    }
  }
  try {
    util::write_file_atomic(destination, content);
  } catch (const std::exception& e) {
    throw RunError(e.what());
  }
}

} // namespace verity::cli
