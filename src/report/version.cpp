#include "verity/version.hpp"

namespace verity {

std::string_view version() {
  return VERITY_VERSION;
}

} // namespace verity
